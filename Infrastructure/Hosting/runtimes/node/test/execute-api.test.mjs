// The https rewrite for execute-api hosts, in this process: every way of calling https.request and
// https.get must reach a local http server with the original Host header and the path kept.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import https, { get as namedGet, request as namedRequest } from 'node:https';
import { installExecuteApiRewrite, parseExecuteApiTargets } from '../execute-api.mjs';

const API_HOST = 'abc123defg.execute-api.us-east-1.amazonaws.com';
const PREFIXED_HOST = 'xyz987wxyz.execute-api.eu-west-1.amazonaws.com';
const WAIT_MS = 15_000;

let gateway;
let seen; // requests the local gateway received, in order

before(async () => {
  gateway = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, host: req.headers.host, hostHeaders: countHost(req.rawHeaders), body });
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('local');
    });
  });
  await new Promise((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${gateway.address().port}`;
  assert.equal(installExecuteApiRewrite(`${API_HOST}=${base}, ${PREFIXED_HOST}=${base}/prefix/`), true);
});

after(async () => {
  gateway.closeAllConnections();
  await new Promise((resolve) => gateway.close(resolve));
});

describe('requests for an execute-api host go to the local gateway', () => {
  const shapes = [
    ['https.request(options)', (done) => https.request({ hostname: API_HOST, port: 443, path: '/production/@connections/a', method: 'POST', agent: new https.Agent() }, done)],
    ['https.request(options) with host instead of hostname', (done) => https.request({ host: API_HOST, path: '/production/@connections/a', method: 'POST' }, done)],
    ['https.request(url, options, callback)', (done) => https.request(`https://${API_HOST}/production/@connections/a`, { method: 'POST' }, done)],
    ['https.request(URL, callback)', (done) => https.request(new URL(`https://${API_HOST}/production/@connections/a`), done)],
    ['the ES module named import of request', (done) => namedRequest(`https://${API_HOST}/production/@connections/a`, { method: 'POST' }, done)],
  ];
  for (const [name, call] of shapes) {
    test(name, async () => {
      // A GET (no method given) goes without a body: Node would send one unframed.
      const body = name.includes('URL, callback') ? undefined : 'hello';
      const { status, text, request } = await send(call, body);
      assert.deepEqual([status, text], [200, 'local']);
      assert.equal(request.host, API_HOST);
      assert.equal(request.hostHeaders, 1);
      assert.equal(request.url, '/production/@connections/a');
      assert.equal(request.body, body ?? '');
    });
  }

  test('https.get(url string, callback) and the named import of get', async () => {
    for (const get of [https.get, namedGet]) {
      const { status, request } = await send((done) => get(`https://${API_HOST}/production/@connections/b?x=1`, done), undefined, { ended: true });
      assert.equal(status, 200);
      assert.deepEqual([request.method, request.url, request.host], ['GET', '/production/@connections/b?x=1', API_HOST]);
    }
  });

  test('https.get(URL) without a callback', async () => {
    const { status, request } = await send(() => https.get(new URL(`https://${API_HOST}/production/@connections/c`)), undefined, { ended: true });
    assert.equal(status, 200);
    assert.equal(request.url, '/production/@connections/c');
  });

  test('a Host header the caller set (and signed) is kept as it is', async () => {
    const { request } = await send((done) => https.request({ hostname: API_HOST, path: '/p', method: 'POST', headers: { host: API_HOST, 'x-amz-date': '20260101T000000Z' } }, done), 'x');
    assert.deepEqual([request.host, request.hostHeaders], [API_HOST, 1]);
  });

  test('the host matches whatever its case, and a port other than 443 stays in the Host header', async () => {
    const { request } = await send((done) => https.request(`https://${API_HOST.toUpperCase()}:8443/production/x`, { method: 'POST' }, done), 'x');
    assert.equal(request.host, `${API_HOST}:8443`);
  });

  test('the local base URL\'s path prefixes the request path', async () => {
    const { request } = await send((done) => https.request(`https://${PREFIXED_HOST}/production/@connections/d`, { method: 'DELETE' }, done));
    assert.deepEqual([request.method, request.url, request.host], ['DELETE', '/prefix/production/@connections/d', PREFIXED_HOST]);
  });
});

test('other hosts still go to the real https.request', () => {
  const req = https.request('https://example.invalid/path');
  req.on('error', () => {});
  try {
    assert.ok(req.agent instanceof https.Agent, 'an https agent');
    assert.equal(req.host, 'example.invalid');
  } finally {
    req.destroy();
  }
});

test('WEBSOCKETASPIRE_EXECUTE_API parsing: host=url pairs, comma separated; hosts lower-cased', () => {
  const targets = parseExecuteApiTargets(`ABC.execute-api.us-east-1.amazonaws.com=http://127.0.0.1:3001 , other.example=http://localhost:1/x`);
  assert.deepEqual([...targets.keys()], ['abc.execute-api.us-east-1.amazonaws.com', 'other.example']);
  assert.equal(targets.get('other.example').href, 'http://localhost:1/x');
  assert.equal(parseExecuteApiTargets(undefined).size, 0);
  assert.equal(installExecuteApiRewrite(''), false);
});

/**
 * Makes a request with call(callback), writes body and ends it (unless the call already did), and
 * resolves with the response and the request the gateway saw.
 */
async function send(call, body, { ended = false } = {}) {
  seen = [];
  const response = new Promise((resolve, reject) => {
    const onResponse = (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, text }));
      res.on('error', reject);
    };
    const req = call(onResponse);
    if (req.listenerCount('response') === 0) {
      req.on('response', onResponse);
    }
    req.on('error', reject);
    if (!ended) {
      req.end(body);
    }
  });
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no response within ${WAIT_MS} ms`)), WAIT_MS);
  });
  try {
    const result = await Promise.race([response, timeout]);
    assert.equal(seen.length, 1, 'one request reached the gateway');
    return { ...result, request: seen[0] };
  } finally {
    clearTimeout(timer);
  }
}

function countHost(rawHeaders) {
  return rawHeaders.filter((name, i) => i % 2 === 0 && name.toLowerCase() === 'host').length;
}
