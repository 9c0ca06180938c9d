// Sends HTTPS requests for the API's execute-api host to the local gateway instead.
//
// Function code answers WebSocket clients through the @connections API at an endpoint it builds
// itself, `https://{apiId}.execute-api.{region}.amazonaws.com/{stage}`. WEBSOCKETASPIRE_EXECUTE_API
// (`{host}={localBaseUrl}`, several separated by commas) names that host and the local gateway's
// address. Requests to the host made with https.request or https.get (the AWS SDK's Node.js
// handler uses https.request) go out with http.request to the local address: same method, the
// path prefixed with the base URL's path, and the original Host header, which the SDK signed with
// SigV4 and which the local gateway checks. Everything else goes to the real https.request.
//
// Global fetch is not rewritten: Node's fetch sets Host from the URL and ignores one given in
// headers, so a signed request could not keep its signature valid.
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import { urlToHttpOptions } from 'node:url';

/** @returns {Map<string, URL>} lower-case host → local base URL */
export function parseExecuteApiTargets(value) {
  const targets = new Map();
  for (const entry of (value ?? '').split(',')) {
    const at = entry.indexOf('=');
    if (at <= 0) {
      continue;
    }
    try {
      targets.set(normaliseHost(entry.slice(0, at)), new URL(entry.slice(at + 1).trim()));
    } catch {
      process.stderr.write(`WebSocketAspire: ignoring WEBSOCKETASPIRE_EXECUTE_API entry '${entry}' (not host=url)\n`);
    }
  }
  return targets;
}

/**
 * Wraps https.request and https.get (ES module named imports included) so that requests for the
 * given hosts go to their local base URL. Call before loading code that captures them.
 * @returns {boolean} whether anything was wrapped
 */
export function installExecuteApiRewrite(value) {
  const targets = parseExecuteApiTargets(value);
  if (targets.size === 0) {
    return false;
  }
  const httpsRequest = https.request;
  const agent = new http.Agent({ keepAlive: true });

  https.request = function request(...args) {
    const local = rewrite(args, targets, agent);
    return local ? http.request(...local) : httpsRequest.apply(this, args);
  };
  https.get = function get(...args) {
    const req = https.request(...args);
    req.end();
    return req;
  };
  syncBuiltinESMExports();
  return true;
}

/** The http.request arguments for a call to one of the targets, or undefined to leave the call alone. */
function rewrite(args, targets, agent) {
  // request(options[, callback]) or request(url[, options][, callback]), url a string or URL.
  let [first, options, callback] = args;
  let fromUrl = {};
  if (typeof first === 'string' || first instanceof URL) {
    try {
      fromUrl = urlToHttpOptions(typeof first === 'string' ? new URL(first) : first);
    } catch {
      return undefined; // let https.request report the bad URL
    }
    if (typeof options === 'function') {
      [options, callback] = [{}, options];
    }
  } else {
    [options, callback] = [first, options];
  }
  const merged = { ...fromUrl, ...options }; // options win over the URL, as in https.request
  const host = normaliseHost(merged.hostname ?? merged.host ?? 'localhost');
  const base = targets.get(host);
  if (!base) {
    return undefined;
  }

  const port = merged.port === undefined || merged.port === null || merged.port === '' ? 443 : Number(merged.port);
  const originalHost = port === 443 ? host : `${host}:${port}`;
  const {
    agent: _agent,
    createConnection: _createConnection,
    _defaultAgent,
    protocol: _protocol,
    host: _host,
    hostname: _hostname,
    port: _port,
    path: requestPath,
    headers,
    ...rest
  } = merged;
  const local = {
    ...rest,
    protocol: 'http:',
    hostname: base.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(base.port || 80),
    path: base.pathname.replace(/\/+$/, '') + (requestPath || '/'),
    headers: withHost(headers, originalHost),
    agent, // the caller's agent speaks TLS
  };
  return callback === undefined ? [local] : [local, callback];
}

/** The headers with Host set to the original host, unless they already name one (the signed one). */
function withHost(headers, host) {
  if (Array.isArray(headers)) {
    for (let i = 0; i < headers.length; i += 2) {
      if (String(headers[i]).toLowerCase() === 'host') {
        return headers;
      }
    }
    return [...headers, 'Host', host];
  }
  if (headers && Object.keys(headers).some((name) => name.toLowerCase() === 'host')) {
    return headers;
  }
  return { ...headers, Host: host };
}

function normaliseHost(host) {
  return String(host).trim().toLowerCase().replace(/\.$/, '');
}
