// Runs lambda-runtime.mjs as the local stack does (a child process in the function's folder) against
// a fake Runtime API served from this test, and checks what it posts, logs and how it exits.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNTIME_SOURCE = fileURLToPath(new URL('..', import.meta.url));
const INSTANCE = 'TestFunction.1.secret-token';
const WAIT_MS = 15_000; // the most any single wait may take before the test fails

let scratch; // temp folder for this file: the runtime copy, its fake SDK, one folder per function
let runtimeDir;

before(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'wsa-node-runtime-'));
  runtimeDir = path.join(scratch, 'runtime');
  await fs.mkdir(runtimeDir);
  // The runtime as the stack lays it out: its files, and node_modules holding the SDK (a fake here).
  for (const name of await fs.readdir(RUNTIME_SOURCE)) {
    if (name.endsWith('.mjs')) {
      await fs.copyFile(path.join(RUNTIME_SOURCE, name), path.join(runtimeDir, name));
    }
  }
  await writeFiles(path.join(runtimeDir, 'node_modules'), {
    '@aws-sdk/client-dynamodb/package.json': JSON.stringify({ name: '@aws-sdk/client-dynamodb', main: 'index.js' }),
    '@aws-sdk/client-dynamodb/index.js': 'exports.DynamoDBClient = class DynamoDBClient {};\nexports.origin = "bundled";\n',
  });
});

after(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

describe('invocations', () => {
  test('an async ES module handler answers each invocation over one reused connection', async (t) => {
    const fn = await startFunction(t, {
      'app.mjs': 'let count = 0;\nexport const handler = async (event) => ({ echoed: event, count: ++count });\n',
    }, 'app.handler');
    for (let i = 1; i <= 3; i++) {
      const answer = await fn.api.invoke({ n: i });
      assert.equal(answer.kind, 'response');
      assert.deepEqual(answer.json, { echoed: { n: i }, count: i });
    }
    assert.equal(fn.api.connections, 1, 'all Runtime API calls share one keep-alive socket');
  });

  test('undefined becomes null, and a result that cannot be serialised fails the invocation', async (t) => {
    const fn = await startFunction(t, {
      'app.mjs': 'export const handler = async (event) => {\n'
        + '  if (event.circular) { const o = {}; o.self = o; return o; }\n'
        + '  return undefined;\n'
        + '};\n',
    }, 'app.handler');
    assert.equal((await fn.api.invoke({})).body, 'null');
    const failed = await fn.api.invoke({ circular: true });
    assert.equal(failed.kind, 'error');
    assert.equal(failed.json.errorType, 'TypeError');
    assert.match(failed.json.errorMessage, /circular/i);
  });

  test('callback handlers answer with the value, or fail with a string or an Error', async (t) => {
    const fn = await startFunction(t, {
      'auth.mjs': 'export const handler = (event, context, callback) => {\n'
        + '  if (event.token === "hello") callback(null, { principalId: "me" });\n'
        + '  else if (event.token === "boom") callback(new Error("broken"));\n'
        + '  else callback("Unauthorized");\n'
        + '};\n',
    }, 'auth.handler');

    assert.deepEqual((await fn.api.invoke({ token: 'hello' })).json, { principalId: 'me' });

    const refused = await fn.api.invoke({ token: 'nope' });
    assert.equal(refused.kind, 'error');
    assert.deepEqual(refused.json, { errorType: 'string', errorMessage: 'Unauthorized', trace: [] });
    assert.equal(refused.errorTypeHeader, 'string');

    const broken = await fn.api.invoke({ token: 'boom' });
    assert.equal(broken.json.errorType, 'Error');
    assert.equal(broken.json.errorMessage, 'broken');
    assert.equal(broken.json.trace[0], 'Error: broken');
    assert.equal(broken.errorTypeHeader, 'Error');
  });

  test('the callback answers once the event loop is empty, unless callbackWaitsForEmptyEventLoop is false', async (t) => {
    const fn = await startFunction(t, {
      'app.mjs': 'export const handler = (event, context, callback) => {\n'
        + '  context.callbackWaitsForEmptyEventLoop = event.wait;\n'
        + '  const result = { late: false };\n'
        + '  callback(null, result);\n'
        + '  setTimeout(() => { result.late = true; }, 50);\n'
        + '};\n',
    }, 'app.handler');
    // Serialised when it is posted: after the timer when waiting, before it otherwise.
    assert.deepEqual((await fn.api.invoke({ wait: true })).json, { late: true });
    assert.deepEqual((await fn.api.invoke({ wait: false })).json, { late: false });
  });

  test('a handler that never decides gets null once the event loop is empty, as on Lambda', async (t) => {
    const fn = await startFunction(t, {
      'app.mjs': 'export const handler = (event) => {\n'
        + '  if (event.mode === "pending") return new Promise(() => {});\n'
        + '  if (event.mode === "sync") return 42;\n'
        + '};\n',
    }, 'app.handler');
    for (const mode of ['pending', 'sync', 'nothing']) {
      const answer = await fn.api.invoke({ mode });
      assert.equal(answer.kind, 'response', mode);
      assert.equal(answer.body, 'null', mode);
    }
  });

  test('thrown and rejected errors are reported with their type, message and stack, and logged', async (t) => {
    const fn = await startFunction(t, {
      'app.mjs': 'class QuotaError extends Error { name = "QuotaError"; }\n'
        + 'export const handler = async (event) => {\n'
        + '  if (event.kind === "type") throw new TypeError("bad input");\n'
        + '  if (event.kind === "custom") throw new QuotaError("too many");\n'
        + '  return Promise.reject(new Error("rejected"));\n'
        + '};\n',
    }, 'app.handler');

    const typeError = await fn.api.invoke({ kind: 'type' });
    assert.equal(typeError.kind, 'error');
    assert.equal(typeError.errorTypeHeader, 'TypeError');
    assert.equal(typeError.json.errorType, 'TypeError');
    assert.equal(typeError.json.errorMessage, 'bad input');
    assert.equal(typeError.json.trace[0], 'TypeError: bad input');
    assert.match(typeError.json.trace[1], /^\s+at .*app\.mjs/);

    assert.equal((await fn.api.invoke({ kind: 'custom' })).json.errorType, 'QuotaError');
    const rejected = await fn.api.invoke({ kind: 'rejected' });
    assert.deepEqual([rejected.json.errorType, rejected.json.errorMessage], ['Error', 'rejected']);

    await fn.stdout.waitFor(new RegExp(`\\t${rejected.requestId}\\tERROR\\tInvoke Error \\{"errorType":"Error","errorMessage":"rejected","stack":\\[`));
  });

  test('the context carries the function, the invocation and its deadline; _X_AMZN_TRACE_ID follows the trace header', async (t) => {
    const fn = await startFunction(t, {
      'app.mjs': 'export const handler = async (event, context) => ({\n'
        + '  ...context,\n'
        + '  remaining: context.getRemainingTimeInMillis(),\n'
        + '  traceId: process.env._X_AMZN_TRACE_ID ?? null,\n'
        + '});\n',
    }, 'app.handler', { AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256', AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/TestFunction' });

    const trace = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
    const first = await fn.api.invoke({}, { traceId: trace, timeoutMs: 60_000 });
    const c = first.json;
    assert.equal(c.awsRequestId, first.requestId);
    assert.equal(c.functionName, 'TestFunction');
    assert.equal(c.functionVersion, '$LATEST');
    assert.equal(c.invokedFunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:TestFunction');
    assert.equal(c.memoryLimitInMB, '256');
    assert.equal(c.logGroupName, '/aws/lambda/TestFunction');
    assert.match(c.logStreamName, /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    assert.equal(c.callbackWaitsForEmptyEventLoop, true);
    assert.ok(c.remaining > 50_000 && c.remaining <= 60_000, `remaining ${c.remaining}`);
    assert.equal(c.traceId, trace);

    const second = await fn.api.invoke({});
    assert.equal(second.json.traceId, null, 'no trace header, no _X_AMZN_TRACE_ID');
    assert.equal(second.json.logStreamName, c.logStreamName, 'one log stream per process');
  });

  test('console output is in Lambda text format, one record per call', async (t) => {
    const fn = await startFunction(t, {
      'app.mjs': 'console.log("loading");\n'
        + 'export const handler = async () => {\n'
        + '  console.log("two\\nlines %d", 2);\n'
        + '  console.info({ a: 1 });\n'
        + '  console.warn("careful");\n'
        + '  console.error("bad");\n'
        + '  console.debug("details");\n'
        + '  console.trace("where");\n'
        + '  return "ok";\n'
        + '};\n',
    }, 'app.handler');
    const { requestId } = await fn.api.invoke({});
    const stamp = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z';
    await fn.stdout.waitFor(new RegExp(`^${stamp}\\tundefined\\tINFO\\tloading$`, 'm'));
    for (const [level, message] of [['INFO', 'two\rlines 2'], ['INFO', '{ a: 1 }'], ['WARN', 'careful'], ['ERROR', 'bad'], ['DEBUG', 'details'], ['TRACE', 'where']]) {
      await fn.stdout.waitFor(new RegExp(`^${stamp}\\t${requestId}\\t${level}\\t${escape(message)}$`, 'm'));
    }
  });
});

describe('handler lookup', () => {
  const cases = [
    ['CommonJS .js with module.exports', { 'app.js': 'module.exports.handler = async () => "cjs";\n' }, 'app.handler', 'cjs'],
    ['CommonJS .js with exports assigned dynamically', { 'app.js': 'Object.assign(exports, { handler: async () => "dynamic" });\n' }, 'app.handler', 'dynamic'],
    ['.js as an ES module under "type": "module"', { 'package.json': '{"type":"module"}', 'lib/app.js': 'export const handler = async () => "esm";\n' }, 'lib/app.handler', 'esm'],
    ['.cjs', { 'package.json': '{"type":"module"}', 'app.cjs': 'exports.handler = async () => "cjs";\n' }, 'app.handler', 'cjs'],
    ['a module in a sub-folder', { 'src/auth.mjs': 'export const handler = async () => "nested";\n' }, 'src/auth.handler', 'nested'],
    ['.js before .mjs', { 'app.js': 'exports.handler = async () => "js";\n', 'app.mjs': 'export const handler = async () => "mjs";\n' }, 'app.handler', 'js'],
    ['a nested export name', { 'app.mjs': 'export const handlers = { connect: async () => "deep" };\n' }, 'app.handlers.connect', 'deep'],
  ];
  for (const [name, files, handler, expected] of cases) {
    test(name, async (t) => {
      const fn = await startFunction(t, files, handler);
      assert.equal((await fn.api.invoke({})).json, expected);
    });
  }
});

describe('init errors go to /init/error and the process exits 1', () => {
  const cases = [
    ['no such module', {}, 'missing.handler', 'Runtime.ImportModuleError', /^Error: Cannot find module '.*missing'/],
    ['no such export', { 'app.mjs': 'export const other = () => 1;\n' }, 'app.handler', 'Runtime.HandlerNotFound', /^app\.handler is undefined or not exported$/],
    ['an export that is not a function', { 'app.js': 'exports.handler = 42;\n' }, 'app.handler', 'Runtime.HandlerNotFound', /^app\.handler is not a function$/],
    ['a syntax error', { 'app.mjs': 'export const handler = async () => {\n' }, 'app.handler', 'Runtime.UserCodeSyntaxError', /^SyntaxError: /],
    ['a missing dependency', { 'app.mjs': 'import "no-such-package";\nexport const handler = async () => 1;\n' }, 'app.handler', 'Runtime.ImportModuleError', /no-such-package/],
    ['a throwing module', { 'app.js': 'throw new RangeError("no config");\n' }, 'app.handler', 'RangeError', /^no config$/],
    ['a handler name without a dot', { 'app.mjs': 'export const handler = () => 1;\n' }, 'app', 'Runtime.MalformedHandlerName', /app/],
  ];
  for (const [name, files, handler, errorType, message] of cases) {
    test(name, async (t) => {
      const fn = await startFunction(t, files, handler);
      const initError = await withDeadline(fn.api.initError, 'the init error');
      assert.equal(initError.json.errorType, errorType);
      assert.match(initError.json.errorMessage, message);
      assert.ok(Array.isArray(initError.json.trace));
      assert.equal(initError.errorTypeHeader, errorType);
      assert.equal(await fn.exitCode(), 1);
      await fn.stdout.waitFor(/\tundefined\tERROR\tUncaught Exception \{"errorType":/);
    });
  }
});

describe('failures that end the process', () => {
  test('an uncaught exception fails the invocation in flight, then the process exits 129', async (t) => {
    const fn = await startFunction(t, {
      'app.mjs': 'export const handler = () => {\n'
        + '  setTimeout(() => { throw new RangeError("late"); }, 10);\n'
        + '  return new Promise(() => {});\n'
        + '};\n',
    }, 'app.handler');
    const answer = await fn.api.invoke({});
    assert.equal(answer.kind, 'error');
    assert.deepEqual([answer.json.errorType, answer.json.errorMessage], ['RangeError', 'late']);
    assert.equal(await fn.exitCode(), 129);
  });

  test('an unhandled rejection fails the invocation in flight, then the process exits 128', async (t) => {
    const fn = await startFunction(t, {
      'app.mjs': 'export const handler = async () => {\n'
        + '  Promise.reject(new Error("forgotten"));\n'
        + '  await new Promise((resolve) => setTimeout(resolve, 100));\n'
        + '  return "too late";\n'
        + '};\n',
    }, 'app.handler');
    const answer = await fn.api.invoke({});
    assert.equal(answer.kind, 'error');
    assert.equal(answer.json.errorType, 'Runtime.UnhandledPromiseRejection');
    assert.equal(answer.json.errorMessage, 'Error: forgotten');
    assert.equal(answer.errorTypeHeader, 'Runtime.UnhandledPromiseRejection');
    assert.equal(await fn.exitCode(), 128);
  });

  test('a 403 from the Runtime API ends the process with one line that keeps the token out', async (t) => {
    const fn = await startFunction(t, { 'app.mjs': 'export const handler = async () => 1;\n' }, 'app.handler', {}, { refuse: true });
    assert.equal(await fn.exitCode(), 1);
    const lines = fn.stderr.text.trim().split('\n');
    assert.equal(lines.length, 1, fn.stderr.text);
    assert.match(lines[0], /refused this instance \(403\)/);
    assert.doesNotMatch(lines[0], /secret-token/);
  });

  test('an unreachable Runtime API ends the process with one line', async (t) => {
    const closed = http.createServer();
    await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address();
    await new Promise((resolve) => closed.close(resolve));

    const taskRoot = await taskFolder({ 'app.mjs': 'export const handler = async () => 1;\n' });
    const child = runRuntime(t, taskRoot, 'app.handler', `127.0.0.1:${port}/${INSTANCE}`, {});
    assert.equal(await child.exitCode(), 1);
    assert.match(child.stderr.text, /^WebSocketAspire: cannot reach the Lambda Runtime API at 127\.0\.0\.1:\d+ \(ECONNREFUSED\); exiting\.\n$/);
  });
});

describe('runtime version', () => {
  const major = Number(process.versions.node.split('.')[0]);

  test('a template runtime other than this Node.js is announced once, and the function still runs', async (t) => {
    const fn = await startFunction(t, { 'app.mjs': 'export const handler = async () => "ran";\n' }, 'app.handler', {
      WEBSOCKETASPIRE_RUNTIME_VERSION: `nodejs${major + 2}.x`,
    });
    assert.equal((await fn.api.invoke({})).json, 'ran');
    const notice = `WebSocketAspire: the template asks for nodejs${major + 2}.x; running it on Node.js ${process.version} (this machine's).`;
    assert.equal(fn.stdout.text.split('\n').filter((line) => line === notice).length, 1, fn.stdout.text);
  });

  test('the matching runtime is not announced', async (t) => {
    const fn = await startFunction(t, { 'app.mjs': 'export const handler = async () => process.env.AWS_EXECUTION_ENV;\n' }, 'app.handler', {
      WEBSOCKETASPIRE_RUNTIME_VERSION: `nodejs${major}.x`,
    });
    assert.equal((await fn.api.invoke({})).json, `AWS_Lambda_nodejs${major}.x`);
    assert.doesNotMatch(fn.stdout.text, /WebSocketAspire/);
  });
});

describe('nodejs24.x and later, which dropped callback handlers', () => {
  const env = { WEBSOCKETASPIRE_RUNTIME_VERSION: 'nodejs24.x' };

  test('a handler that declares a callback parameter fails init with Runtime.CallbackHandlerDeprecated', async (t) => {
    const fn = await startFunction(t, { 'app.mjs': 'export const handler = async (event, context, callback) => 1;\n' }, 'app.handler', env);
    const initError = await withDeadline(fn.api.initError, 'the init error');
    assert.equal(initError.json.errorType, 'Runtime.CallbackHandlerDeprecated');
    assert.match(initError.json.errorMessage, /removed support for callback-based function handlers starting with Node\.js 24/);
    assert.equal(await fn.exitCode(), 1);
  });

  test('the handler gets (event, context) without the callback-era members, and its return value is the result', async (t) => {
    const fn = await startFunction(t, {
      'app.mjs': 'export function handler(event, context) {\n'
        + '  const legacy = Object.keys(context).filter((k) => /^(callbackWaitsForEmptyEventLoop|done|succeed|fail)$/.test(k));\n'
        + '  return event.async ? Promise.resolve({ legacy }) : { legacy, args: arguments.length };\n'
        + '}\n',
    }, 'app.handler', env);
    assert.deepEqual((await fn.api.invoke({ async: true })).json, { legacy: [] });
    assert.deepEqual((await fn.api.invoke({ async: false })).json, { legacy: [], args: 2 });
  });
});

describe('the bundled AWS SDK', () => {
  const userSdk = {
    'node_modules/@aws-sdk/client-dynamodb/package.json': JSON.stringify({ name: '@aws-sdk/client-dynamodb', main: 'index.js' }),
    'node_modules/@aws-sdk/client-dynamodb/index.js': 'exports.DynamoDBClient = class DynamoDBClient {};\nexports.origin = "user";\n',
  };
  const esm = { 'app.mjs': 'import { DynamoDBClient, origin } from "@aws-sdk/client-dynamodb";\nexport const handler = async () => [typeof DynamoDBClient, origin];\n' };
  const cjs = { 'app.js': 'const { DynamoDBClient, origin } = require("@aws-sdk/client-dynamodb");\nexports.handler = async () => [typeof DynamoDBClient, origin];\n' };

  test('ES modules import it without installing it', async (t) => {
    const fn = await startFunction(t, esm, 'app.handler');
    assert.deepEqual((await fn.api.invoke({})).json, ['function', 'bundled']);
  });

  test('CommonJS modules require it without installing it', async (t) => {
    const fn = await startFunction(t, cjs, 'app.handler');
    assert.deepEqual((await fn.api.invoke({})).json, ['function', 'bundled']);
  });

  test('the function\'s own copy wins, for import and for require', async (t) => {
    for (const files of [esm, cjs]) {
      const fn = await startFunction(t, { ...userSdk, ...files }, 'app.handler');
      assert.deepEqual((await fn.api.invoke({})).json, ['function', 'user']);
    }
  });

  test('a copy in a node_modules above the function folder wins too', async (t) => {
    const parent = await taskFolder(userSdk);
    await writeFiles(path.join(parent, 'fn'), esm);
    const fn = await startFunctionIn(t, path.join(parent, 'fn'), 'app.handler');
    assert.deepEqual((await fn.api.invoke({})).json, ['function', 'user']);
  });
});

describe('execute-api endpoints', () => {
  test('https requests for the API host reach the local gateway with the original Host header', async (t) => {
    const seen = [];
    const gateway = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, host: req.headers.host, body });
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end('delivered');
      });
    });
    await new Promise((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    try {
      const fn = await startFunction(t, {
        'app.mjs': 'import { request } from "node:https";\n'
          + 'export const handler = (event) => new Promise((resolve, reject) => {\n'
          + '  const url = `https://${process.env.API_ID}.execute-api.${process.env.AWS_REGION}.amazonaws.com/production/@connections/abc%3D`;\n'
          + '  const req = request(url, { method: "POST", headers: { "Content-Type": "text/plain" } }, (res) => {\n'
          + '    let text = "";\n'
          + '    res.on("data", (chunk) => (text += chunk));\n'
          + '    res.on("end", () => resolve({ status: res.statusCode, text }));\n'
          + '  });\n'
          + '  req.on("error", reject);\n'
          + '  req.end(event.message);\n'
          + '});\n',
      }, 'app.handler', {
        API_ID: 'abc123defg',
        WEBSOCKETASPIRE_EXECUTE_API: `abc123defg.execute-api.us-east-1.amazonaws.com=http://127.0.0.1:${gateway.address().port}`,
      });
      assert.deepEqual((await fn.api.invoke({ message: 'hi' })).json, { status: 200, text: 'delivered' });
      assert.deepEqual(seen, [{
        method: 'POST',
        url: '/production/@connections/abc%3D',
        host: 'abc123defg.execute-api.us-east-1.amazonaws.com',
        body: 'hi',
      }]);
    } finally {
      gateway.closeAllConnections();
      await new Promise((resolve) => gateway.close(resolve));
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The fake Runtime API and the runtime process.

/**
 * Serves the Runtime API under one instance prefix, as the local stack does; any other path is
 * refused with 403. `invoke` queues an event and resolves with what the runtime posted for it.
 */
class FakeRuntimeApi {
  #server;
  #queue = []; // invocations not yet handed out
  #polls = []; // /next responses waiting for an invocation
  #pending = new Map(); // request id → resolve
  #refuse;
  #resolveInitError;
  connections = 0;
  initError = new Promise((resolve) => {
    this.#resolveInitError = resolve;
  });

  constructor({ refuse = false } = {}) {
    this.#refuse = refuse;
    this.#server = http.createServer((req, res) => this.#route(req, res));
    this.#server.on('connection', () => this.connections++);
  }

  async start() {
    await new Promise((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get address() {
    return `127.0.0.1:${this.#server.address().port}/${INSTANCE}`;
  }

  invoke(event, { traceId, timeoutMs = 30_000 } = {}) {
    const requestId = crypto.randomUUID();
    const answer = new Promise((resolve) => this.#pending.set(requestId, resolve));
    this.#queue.push({ requestId, payload: JSON.stringify(event), traceId, deadline: Date.now() + timeoutMs });
    this.#dispatch();
    return withDeadline(answer, `the answer to invocation ${requestId}`);
  }

  async close() {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  #dispatch() {
    while (this.#queue.length > 0 && this.#polls.length > 0) {
      const { requestId, payload, traceId, deadline } = this.#queue.shift();
      const headers = {
        'Content-Type': 'application/json',
        'Lambda-Runtime-Aws-Request-Id': requestId,
        'Lambda-Runtime-Deadline-Ms': String(deadline),
        'Lambda-Runtime-Invoked-Function-Arn': 'arn:aws:lambda:us-east-1:123456789012:function:TestFunction',
      };
      if (traceId) {
        headers['Lambda-Runtime-Trace-Id'] = traceId;
      }
      this.#polls.shift().writeHead(200, headers).end(payload);
    }
  }

  #route(req, res) {
    const prefix = `/${INSTANCE}/2018-06-01/runtime/`;
    if (this.#refuse || !req.url.startsWith(prefix)) {
      res.writeHead(403, { 'Content-Type': 'application/json' }).end('{"errorType":"AccessDeniedException"}');
      return;
    }
    const route = req.url.slice(prefix.length);
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (req.method === 'GET' && route === 'invocation/next') {
        this.#polls.push(res);
        this.#dispatch();
        return;
      }
      const errorTypeHeader = req.headers['lambda-runtime-function-error-type'];
      if (req.method === 'POST' && route === 'init/error') {
        this.#resolveInitError({ json: JSON.parse(body), errorTypeHeader });
        res.writeHead(202).end('{"status":"OK"}');
        return;
      }
      const match = /^invocation\/([^/]+)\/(response|error)$/.exec(route);
      const requestId = match && decodeURIComponent(match[1]);
      if (req.method !== 'POST' || !this.#pending.has(requestId)) {
        res.writeHead(400).end('{"errorType":"InvalidRequestID"}');
        return;
      }
      const resolve = this.#pending.get(requestId);
      this.#pending.delete(requestId);
      res.writeHead(202).end('{"status":"OK"}');
      resolve({ kind: match[2], requestId, body, json: body === '' ? undefined : JSON.parse(body), errorTypeHeader });
    });
  }
}

/** Starts a fake Runtime API and the runtime for a new function folder holding files; both stop after the test. */
async function startFunction(t, files, handler, env = {}, apiOptions = {}) {
  return startFunctionIn(t, await taskFolder(files), handler, env, apiOptions);
}

async function startFunctionIn(t, taskRoot, handler, env = {}, apiOptions = {}) {
  const api = await new FakeRuntimeApi(apiOptions).start();
  t.after(() => api.close());
  const child = runRuntime(t, taskRoot, handler, api.address, env);
  return { api, ...child };
}

function runRuntime(t, taskRoot, handler, runtimeApi, env) {
  const child = spawn(process.execPath, [path.join(runtimeDir, 'lambda-runtime.mjs')], {
    cwd: taskRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Built from scratch: nothing of this test process (NODE_OPTIONS, NODE_PATH, the test runner's own variables) leaks in.
    env: {
      PATH: process.env.PATH,
      AWS_LAMBDA_RUNTIME_API: runtimeApi,
      _HANDLER: handler,
      LAMBDA_TASK_ROOT: taskRoot,
      AWS_LAMBDA_FUNCTION_NAME: 'TestFunction',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      ...env,
    },
  });
  const stdout = new Output(child.stdout);
  const stderr = new Output(child.stderr);
  // Exited, and everything it wrote has been read.
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)))
    .then(async (code) => {
      await Promise.all([stdout.closed, stderr.closed]);
      return code;
    });
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill();
    }
    await withDeadline(exited, 'the runtime to stop');
  });
  return { stdout, stderr, exitCode: () => withDeadline(exited, 'the runtime to exit') };
}

/** Collects a stream's text; waitFor resolves once the text matches. */
class Output {
  text = '';
  #waiters = new Set();

  constructor(stream) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      this.text += chunk;
      for (const waiter of this.#waiters) {
        waiter();
      }
    });
    this.closed = once(stream, 'close');
  }

  waitFor(pattern) {
    return withDeadline(new Promise((resolve) => {
      const check = () => {
        if (pattern.test(this.text)) {
          this.#waiters.delete(check);
          resolve();
        }
      };
      this.#waiters.add(check);
      check();
    }), () => `output matching ${pattern}; got:\n${this.text}`);
  }
}

function withDeadline(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${WAIT_MS} ms waiting for ${typeof what === 'function' ? what() : what}`)), WAIT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function taskFolder(files) {
  const dir = await fs.mkdtemp(path.join(scratch, 'fn-'));
  await writeFiles(dir, files);
  return dir;
}

async function writeFiles(dir, files) {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  }
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
