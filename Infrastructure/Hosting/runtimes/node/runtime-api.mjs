// Client for the Lambda Runtime API (2018-06-01) that the local stack serves to this process.
//
// AWS_LAMBDA_RUNTIME_API is `host:port` followed, locally, by a path prefix that names the
// function instance and carries its token (`127.0.0.1:9001/SendMessageFunction.3.abcdef`).
// Every call goes over one keep-alive socket: the calls are strictly sequential, and reusing the
// connection keeps the loop's own cost per invocation far below a millisecond.
import http from 'node:http';

/** The Runtime API cannot be used any more (unreachable, or it refused this instance). */
export class RuntimeApiUnavailable extends Error {
  name = 'RuntimeApiUnavailable';
}

export class RuntimeApi {
  #hostname;
  #port;
  #base;
  #agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  /** @param {string} address the value of AWS_LAMBDA_RUNTIME_API */
  constructor(address) {
    let url;
    try {
      url = new URL(`http://${address}`);
    } catch {
      throw new RuntimeApiUnavailable(`AWS_LAMBDA_RUNTIME_API is not host:port[/prefix]: ${address}`);
    }
    this.#hostname = url.hostname.replace(/^\[(.*)\]$/, '$1'); // IPv6 literals come bracketed
    this.#port = Number(url.port || 80);
    this.#base = `${url.pathname.replace(/\/+$/, '')}/2018-06-01/runtime`;
    // host:port only, for messages: the prefix holds the instance's token.
    this.displayName = url.host;
  }

  /** Long-polls for the next invocation. */
  async next() {
    const res = await this.#send('GET', '/invocation/next');
    if (res.status !== 200) {
      throw this.#refusal('invocation/next', res);
    }
    const h = res.headers;
    return {
      requestId: h['lambda-runtime-aws-request-id'],
      deadlineMs: Number(h['lambda-runtime-deadline-ms']),
      invokedFunctionArn: h['lambda-runtime-invoked-function-arn'],
      traceId: h['lambda-runtime-trace-id'],
      clientContext: h['lambda-runtime-client-context'],
      cognitoIdentity: h['lambda-runtime-cognito-identity'],
      payload: res.body,
    };
  }

  /** @param {string} body the result, already serialised as JSON */
  postResponse(requestId, body) {
    return this.#post(`/invocation/${encodeURIComponent(requestId)}/response`, body);
  }

  /** @param {{errorType: string, errorMessage: string, trace?: string[]}} error */
  postError(requestId, error) {
    return this.#post(`/invocation/${encodeURIComponent(requestId)}/error`, JSON.stringify(error), errorHeaders(error));
  }

  postInitError(error) {
    return this.#post('/init/error', JSON.stringify(error), errorHeaders(error));
  }

  async #post(path, body, headers = {}) {
    const res = await this.#send('POST', path, body, headers);
    if (res.status === 403) {
      throw this.#refusal(path.slice(1), res);
    }
    if (res.status !== 202) {
      // 400 (the invocation already timed out and was failed) and 413 (response too large) are
      // answers about this invocation only; the instance goes on with the next one.
      process.stderr.write(`WebSocketAspire: the Runtime API answered ${res.status} to ${path.slice(1)}: ${res.body}\n`);
    }
  }

  #refusal(what, res) {
    const why = res.status === 403 ? 'refused this instance (403)' : `answered ${res.status}`;
    return new RuntimeApiUnavailable(`the Lambda Runtime API at ${this.displayName} ${why} to ${what}`);
  }

  #send(method, path, body, headers = {}, retried = false) {
    return new Promise((resolve, reject) => {
      if (body !== undefined) {
        headers = { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) };
      }
      const req = http.request(
        { hostname: this.#hostname, port: this.#port, method, path: this.#base + path, headers, agent: this.#agent },
        (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', (err) => {
        // The server may close an idle keep-alive connection just as we reuse it (a long
        // invocation outlasts its idle timeout); the request never arrived, so send it once more.
        if (!retried && req.reusedSocket && err.code === 'ECONNRESET') {
          resolve(this.#send(method, path, body, headers, true));
          return;
        }
        reject(new RuntimeApiUnavailable(`cannot reach the Lambda Runtime API at ${this.displayName} (${err.code ?? err.message})`));
      });
      req.end(body);
    });
  }
}

function errorHeaders(error) {
  // A header value must be visible ASCII; error names are, unless user code made them otherwise.
  const type = String(error.errorType ?? '').replace(/[^\x20-\x7e]/g, '').trim();
  return { 'Lambda-Runtime-Function-Error-Type': type || 'Unhandled' };
}
