#!/usr/bin/env node
// Starts the serverless-offline side of the load benchmark (#9) and keeps it running:
//
//   node run.mjs --websocket-port <p> --dynamodb-port <p> --data <dir> [--timeout <seconds>]
//
// 1. `npm ci` when node_modules is missing or older than package-lock.json (under a lock directory,
//    so parallel runs wait for one install instead of clashing);
// 2. dynalite, in this process, on 127.0.0.1:<dynamodb-port> with its LevelDB under <data>;
// 3. the table connection_table (key connectionId, S), waiting until it is ACTIVE;
// 4. serverless-offline as a child process (its own process group) on 127.0.0.1:<websocket-port>,
//    its HTTP and Lambda-invoke servers on free loopback ports;
// 5. polls a WebSocket handshake with `token: hello` (authorizer + $connect + PutItem) until it
//    succeeds, then prints exactly one line to stdout:  READY ws://127.0.0.1:<websocket-port>
//
// Everything else goes to stderr. On SIGTERM or SIGINT it stops serverless-offline and dynalite and
// exits 0; if startup fails, or serverless-offline dies, it exits 1. A port of 0 means "pick a free
// one" (the READY line names the port used).
//
// serverless-offline is made quiet with SLS_LOG_LEVEL=warning: serverless v3's log level, below
// which the plugin's per-request `log.notice` lines ("Running Authorization function ...",
// "(λ: sendmessage) RequestId: ... Duration: ...") are dropped. serverless-offline has no flag of
// its own for that (its --verbose/--debug only add more); warnings and errors still reach stderr.
// --noSponsor drops its start-up banner. The framework's telemetry and notification requests are
// switched off (SLS_TELEMETRY_DISABLED, SLS_TRACKING_DISABLED, SLS_NOTIFICATIONS_MODE=off).

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const host = '127.0.0.1';
const tableName = 'connection_table';
const credentials = { accessKeyId: 'AKIDLOCALLOADTEST', secretAccessKey: 'local-load-test-secret' };

const log = (...parts) => console.error('[run.mjs]', ...parts);

// AWS SDK v3 warns once per process (and per worker thread) that it will want Node.js 22 from 2027;
// that is noise here, for us and for the functions (serverless-offline passes AWS_* on to them).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

function parseArgs(argv) {
  const options = { websocketPort: 0, dynamodbPort: 0, data: null, timeout: 180 };
  const names = { '--websocket-port': 'websocketPort', '--dynamodb-port': 'dynamodbPort', '--data': 'data', '--timeout': 'timeout' };
  for (let i = 0; i < argv.length; i += 2) {
    const name = names[argv[i]];
    if (!name || i + 1 >= argv.length) throw new Error(`usage: node run.mjs --websocket-port <p> --dynamodb-port <p> --data <dir> [--timeout <s>] (bad argument ${argv[i]})`);
    options[name] = name === 'data' ? argv[i + 1] : Number(argv[i + 1]);
  }
  for (const key of ['websocketPort', 'dynamodbPort', 'timeout']) {
    if (!Number.isInteger(options[key]) || options[key] < 0 || options[key] > 65535) throw new Error(`--${key} must be a port number (0 for a free one)`);
  }
  if (!options.data) throw new Error('--data <dir> is required');
  options.data = resolve(options.data);
  return options;
}

// ---- what this run started, for stop() ----
const started = { groups: new Set(), child: null, dynalite: null };
let stopping = false;

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch (err) {
    if (err.code !== 'ESRCH') log(`kill ${signal} -${pid}: ${err.message}`);
  }
}

async function stop(code) {
  if (stopping) return;
  stopping = true;
  const hardExit = setTimeout(() => process.exit(code), 15_000);
  hardExit.unref();

  const child = started.child;
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((res) => child.once('exit', res));
    const since = Date.now();
    killGroup(child.pid, 'SIGTERM');
    const timer = setTimeout(() => {
      log('serverless-offline still running 5 s after SIGTERM: SIGKILL');
      killGroup(child.pid, 'SIGKILL');
    }, 5_000);
    await exited;
    clearTimeout(timer);
    log(`serverless-offline stopped in ${Date.now() - since} ms`);
  }
  for (const pid of started.groups) killGroup(pid, 'SIGKILL'); // anything left in those groups
  if (started.dynalite) await new Promise((res) => started.dynalite.close(() => res()));
  process.exit(code);
}

process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));
process.on('SIGHUP', () => stop(0));

// ---- 1. npm ci, serialised by a lock directory ----
function installIsCurrent() {
  const marker = join(here, 'node_modules', '.package-lock.json'); // npm writes it last
  if (!existsSync(marker)) return false;
  return statSync(marker).mtimeMs >= statSync(join(here, 'package-lock.json')).mtimeMs;
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

async function withLock(lockDir, deadline, body) {
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      let owner = NaN;
      try { owner = Number(readFileSync(join(lockDir, 'pid'), 'utf8')); } catch { /* being written */ }
      const age = (() => { try { return Date.now() - statSync(lockDir).mtimeMs; } catch { return 0; } })();
      if ((Number.isInteger(owner) && owner > 0 && !processAlive(owner)) || (!Number.isInteger(owner) && age > 10_000)) {
        log(`removing a stale install lock (pid ${owner})`);
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the install lock ${lockDir}`);
      await sleep(250);
    }
  }
  try {
    return await body();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

async function ensureInstalled(deadline) {
  if (installIsCurrent()) return;
  await withLock(join(here, '.npm-install.lock'), deadline, async () => {
    if (installIsCurrent()) return; // another run installed while we waited
    log('npm ci (node_modules is missing or older than package-lock.json)');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const child = spawn(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: here,
      stdio: ['ignore', 2, 2], // keep stdout for the READY line
      detached: true,
      env: { ...process.env, npm_config_update_notifier: 'false' },
    });
    started.groups.add(child.pid);
    const [code, signal] = await new Promise((res, rej) => {
      child.once('error', rej);
      child.once('exit', (c, s) => res([c, s]));
    });
    started.groups.delete(child.pid);
    if (code !== 0) throw new Error(`npm ci failed (${signal ?? `exit ${code}`})`);
  });
}

// ---- 2. dynalite and 3. the table ----
async function startDynalite(port, dataDir) {
  mkdirSync(dataDir, { recursive: true });
  const dynalite = require('dynalite');
  const server = dynalite({ path: dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise((res, rej) => {
    server.once('error', rej);
    server.listen(port, host, () => { server.off('error', rej); res(); });
  });
  started.dynalite = server;
  return server.address().port;
}

async function createTable(endpoint, deadline) {
  const { DynamoDBClient, CreateTableCommand, DescribeTableCommand } = await import(require.resolve('@aws-sdk/client-dynamodb'));
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials });
  try {
    await client.send(new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [{ AttributeName: 'connectionId', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'connectionId', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }));
  } catch (err) {
    if (err.name !== 'ResourceInUseException') throw err; // a reused --data dir already has it
  }
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') break;
    if (Date.now() > deadline) throw new Error(`${tableName} is still ${Table?.TableStatus} at the deadline`);
    await sleep(50);
  }
  client.destroy();
}

// ---- 4. serverless-offline ----
function freePort() {
  return new Promise((res, rej) => {
    const server = createServer();
    server.once('error', rej);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => res(port));
    });
  });
}

function startOffline(websocketPort, httpPort, lambdaPort, dynamodbEndpoint) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    // nothing of a real AWS setup may leak in: the functions get every AWS_* variable of ours
    if (key.startsWith('AWS_')) delete env[key];
  }
  Object.assign(env, {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_SDK_LOAD_CONFIG: '0',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    DYNAMODB_ENDPOINT: dynamodbEndpoint,
    WEBSOCKET_ENDPOINT: `http://${host}:${websocketPort}`,
    SLS_TELEMETRY_DISABLED: '1',
    SLS_TRACKING_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    SLS_LOG_LEVEL: 'warning', // see the header: drops serverless-offline's per-request lines
    SLS_INTERACTIVE_SETUP_DISABLE: '1',
    SLS_DEPRECATION_DISABLE: '*',
    CI: '1', // no interactive prompts, no progress spinner
    FORCE_COLOR: '0',
  });
  const cli = join(here, 'node_modules', 'serverless', 'bin', 'serverless.js');
  const args = [
    // the child leaves as soon as fd 3 (a pipe from us) closes, even if we are SIGKILLed
    '--import', new URL('./parent-watch.mjs', import.meta.url).href,
    cli, 'offline', 'start',
    '--host', host,
    '--websocketPort', String(websocketPort),
    '--httpPort', String(httpPort),
    '--lambdaPort', String(lambdaPort),
    '--noPrependStageInUrl',
    '--noSponsor',
  ];
  const child = spawn(process.execPath, args, {
    cwd: here,
    env,
    stdio: ['ignore', 2, 2, 'pipe'], // its stdout joins our stderr: stdout is only for READY
    detached: true, // its own process group, so stop() reaches everything it starts
  });
  started.child = child;
  started.groups.add(child.pid);
  child.once('exit', (code, signal) => {
    if (!stopping) {
      log(`serverless-offline exited unexpectedly (${signal ?? `exit ${code}`})`);
      stop(1);
    }
  });
  return child;
}

// ---- 5. readiness: a real handshake through the authorizer and $connect ----
function tryHandshake(port) {
  return new Promise((res) => {
    const req = request({
      host,
      port,
      path: '/',
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        token: 'hello',
      },
      timeout: 10_000,
    });
    req.once('upgrade', (response, socket) => {
      // a client close frame (1000, masked with a zero key), then hang up: $disconnect runs
      socket.end(Buffer.from([0x88, 0x82, 0, 0, 0, 0, 0x03, 0xe8]));
      res({ ok: true });
    });
    req.once('response', (response) => {
      response.resume();
      res({ ok: false, why: `HTTP ${response.statusCode}` });
    });
    req.once('timeout', () => req.destroy(new Error('handshake timed out')));
    req.once('error', (err) => res({ ok: false, why: err.code ?? err.message }));
    req.end();
  });
}

async function waitForHandshake(port, child, deadline) {
  let last = '';
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error('serverless-offline exited before it was ready');
    const { ok, why } = await tryHandshake(port);
    if (ok) return;
    if (why !== last) {
      log(`waiting for ws://${host}:${port} (${why})`);
      last = why;
    }
    if (Date.now() > deadline) throw new Error(`no successful handshake on port ${port} before the deadline (last: ${why})`);
    await sleep(100);
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const startedAt = Date.now();
  const deadline = startedAt + options.timeout * 1000;
  const installDeadline = startedAt + Math.max(options.timeout, 600) * 1000; // a cold npm ci is slow

  await ensureInstalled(installDeadline);
  const stageDeadline = Math.max(deadline, Date.now() + 60_000);

  const dynamodbPort = await startDynalite(options.dynamodbPort, options.data);
  const dynamodbEndpoint = `http://${host}:${dynamodbPort}`;
  log(`dynalite on ${dynamodbEndpoint} (data ${options.data})`);
  await createTable(dynamodbEndpoint, stageDeadline);

  const websocketPort = options.websocketPort || await freePort();
  const [httpPort, lambdaPort] = [await freePort(), await freePort()];
  const child = startOffline(websocketPort, httpPort, lambdaPort, dynamodbEndpoint);
  await waitForHandshake(websocketPort, child, stageDeadline);

  log(`ready after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  process.stdout.write(`READY ws://${host}:${websocketPort}\n`);
}

main().catch((err) => {
  log(`failed: ${err.stack ?? err}`);
  stop(1);
});
