// WebSocketAspire's runtime for Node.js functions: a Lambda runtime interface client.
//
// The local stack starts `node <this folder>/lambda-runtime.mjs` in the function's CodeUri folder,
// with the environment Lambda gives a function (AWS_LAMBDA_RUNTIME_API, _HANDLER, LAMBDA_TASK_ROOT,
// AWS_LAMBDA_FUNCTION_NAME, …) plus:
//   WEBSOCKETASPIRE_EXECUTE_API      `{host}={localBaseUrl}`: see execute-api.mjs
//   WEBSOCKETASPIRE_RUNTIME_VERSION  the template's Runtime, e.g. nodejs22.x: the function runs on
//                                    this machine's Node.js whatever it says (a difference is
//                                    announced once), but nodejs24.x and later get that runtime's
//                                    rules for handlers (no callbacks)
// This folder's node_modules holds the AWS SDK for JavaScript v3 that Lambda's Node.js runtimes
// include (see aws-sdk.mjs).
//
// It loads the handler (a failure goes to /init/error and the process exits 1), then runs
// invocations one at a time: long-poll /invocation/next, call the handler, post its result or
// error. It exits 1, after one line on stderr, when the Runtime API is unreachable or refuses this
// instance. An exception nothing caught, or a promise rejection nothing handled, fails the
// invocation in flight and ends the process (exit 129 and 128, like Lambda's), which the stack
// then replaces.
//
// Unlike Lambda, the process is not frozen between invocations: timers and sockets left behind by
// one invocation go on running while the next is awaited.
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exposeSdk } from './aws-sdk.mjs';
import { patchConsole, setLogRequestId } from './console-log.mjs';
import { installExecuteApiRewrite } from './execute-api.mjs';
import { loadHandler, RuntimeError } from './handler-loader.mjs';
import { createContext, errorDocument, startInvocation } from './invocation.mjs';
import { RuntimeApi, RuntimeApiUnavailable } from './runtime-api.mjs';

const env = process.env;

// What Lambda's nodejs24.x says at init when the handler declares a third (callback) parameter.
const CALLBACKS_REMOVED = 'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. '
  + 'You need to modify this function to use a supported handler signature to use Node.js 24 or later. '
  + 'For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';

let api;
let phase = 'init'; // 'init' → 'idle' (awaiting /next) → 'invoking' → 'posting' → 'idle' …, or 'init' → 'failed'
let invocation; // the invocation in flight while phase is 'invoking'
let pendingExit; // exit code to leave with once the invocation in flight has been reported

main().catch((error) => {
  if (error instanceof RuntimeApiUnavailable) {
    exit(1, `WebSocketAspire: ${error.message}; exiting.`);
  } else {
    exit(1, `WebSocketAspire: the runtime failed: ${error?.stack ?? error}`);
  }
});

async function main() {
  warnOnVersionMismatch(env.WEBSOCKETASPIRE_RUNTIME_VERSION);
  if (!env.AWS_LAMBDA_RUNTIME_API) {
    throw new RuntimeApiUnavailable('AWS_LAMBDA_RUNTIME_API is not set');
  }
  api = new RuntimeApi(env.AWS_LAMBDA_RUNTIME_API);
  const fn = describeFunction();

  patchConsole();
  process.on('uncaughtException', (error) => crash('Uncaught Exception', errorDocument(error), 129));
  process.on('unhandledRejection', (reason) => crash('Unhandled Promise Rejection', rejectionDocument(reason), 128));
  process.on('beforeExit', () => invocation?.eventLoopEmpty());

  // Both before the handler's modules load, so that they see the patched https and the SDK.
  installExecuteApiRewrite(env.WEBSOCKETASPIRE_EXECUTE_API);
  exposeSdk(fileURLToPath(new URL('./node_modules/', import.meta.url)));

  // Lambda's Node.js 24 and later runtimes no longer take callback handlers (see invocation.mjs).
  const callbacks = !(Number(/^nodejs(\d+)\.x$/.exec(env.WEBSOCKETASPIRE_RUNTIME_VERSION ?? '')?.[1]) >= 24);
  let handler;
  try {
    handler = await loadHandler(env.LAMBDA_TASK_ROOT || process.cwd(), env._HANDLER);
    if (!callbacks && handler.length >= 3) {
      throw new RuntimeError('Runtime.CallbackHandlerDeprecated', CALLBACKS_REMOVED);
    }
  } catch (error) {
    await failInit(errorDocument(error));
    return;
  }
  if (phase !== 'init') {
    return; // an uncaught exception during init already reported it
  }
  phase = 'idle';

  for (;;) {
    const next = await api.next();
    setLogRequestId(next.requestId);
    if (next.traceId) {
      env._X_AMZN_TRACE_ID = next.traceId;
    } else {
      delete env._X_AMZN_TRACE_ID;
    }

    let outcome;
    try {
      const event = JSON.parse(next.payload);
      phase = 'invoking';
      invocation = startInvocation(handler, event, createContext(next, fn), { callbacks });
      outcome = await invocation.outcome;
    } catch (error) {
      outcome = { error }; // the payload was not JSON
    }
    invocation = undefined;
    phase = 'posting';
    await report(next.requestId, outcome);
    if (pendingExit !== undefined) {
      exit(pendingExit);
      return;
    }
    phase = 'idle';
  }
}

/** Posts the invocation's result, or its error document (also logged, as Lambda logs it). */
async function report(requestId, outcome) {
  if ('result' in outcome) {
    let body;
    try {
      body = JSON.stringify(outcome.result === undefined ? null : outcome.result) ?? 'null';
    } catch (error) {
      outcome = { error }; // a result that cannot be serialised (circular, BigInt) fails the invocation
    }
    if (body !== undefined) {
      await api.postResponse(requestId, body);
      return;
    }
  }
  const document = outcome.document ?? errorDocument(outcome.error);
  if (!outcome.document) {
    console.error('Invoke Error', logDocument(document));
  }
  await api.postError(requestId, document);
}

/** Reports that the handler could not be loaded (Lambda logs it as an uncaught exception) and exits 1. */
async function failInit(document, logged = false) {
  if (phase !== 'init') {
    return;
  }
  phase = 'failed';
  if (!logged) {
    console.error('Uncaught Exception', logDocument(document));
  }
  await api.postInitError(document);
  exit(1);
}

/** An exception or rejection that nothing handled: fail what is in flight, then end the process. */
function crash(what, document, code) {
  console.error(what, logDocument(document));
  switch (phase) {
    case 'init':
      failInit(document, true).catch((error) => exit(1, `WebSocketAspire: ${error.message}; exiting.`));
      break;
    case 'invoking':
      pendingExit ??= code;
      invocation?.abort(document); // a no-op if the invocation was decided just before
      break;
    case 'posting':
      pendingExit ??= code; // the main loop exits once the post is done
      break;
    case 'failed':
      break;
    default:
      exit(code);
  }
}

function rejectionDocument(reason) {
  const trace = typeof reason?.stack === 'string' ? reason.stack.split('\n') : [];
  let message;
  try {
    message = String(reason);
  } catch {
    message = 'A promise was rejected with a value that cannot be converted to a string.';
  }
  return { errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: message, trace };
}

/** How Lambda logs an error document: `stack` rather than `trace`. */
function logDocument({ errorType, errorMessage, trace }) {
  return JSON.stringify({ errorType, errorMessage, stack: trace });
}

/** The per-function context fields, from the environment Lambda sets. */
function describeFunction() {
  const version = env.AWS_LAMBDA_FUNCTION_VERSION || '$LATEST';
  if (!env.AWS_LAMBDA_LOG_STREAM_NAME) {
    // One stream per execution environment, named as Lambda names them.
    const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
    env.AWS_LAMBDA_LOG_STREAM_NAME = `${day}/[${version}]${crypto.randomBytes(16).toString('hex')}`;
  }
  const runtime = /^nodejs\d+\.x$/.test(env.WEBSOCKETASPIRE_RUNTIME_VERSION ?? '') ? env.WEBSOCKETASPIRE_RUNTIME_VERSION : undefined;
  if (runtime && !env.AWS_EXECUTION_ENV) {
    env.AWS_EXECUTION_ENV = `AWS_Lambda_${runtime}`;
  }
  const functionName = env.AWS_LAMBDA_FUNCTION_NAME || path.basename(process.cwd());
  return {
    functionName,
    functionVersion: version,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE || '128',
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME || `/aws/lambda/${functionName}`,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
  };
}

/** Runs the function on this machine's Node.js whatever the template asks for, and says so when they differ. */
function warnOnVersionMismatch(runtime) {
  const asked = /^nodejs(\d+)\.x$/.exec(runtime ?? '');
  if (asked && Number(asked[1]) !== Number(process.versions.node.split('.')[0])) {
    process.stdout.write(`WebSocketAspire: the template asks for ${runtime}; running it on Node.js ${process.version} (this machine's).\n`);
  }
}

/** Leaves with code once the last line is out (a write to a pipe can be asynchronous). */
function exit(code, line) {
  process.exitCode = code;
  if (line === undefined) {
    process.exit(code);
  }
  process.stderr.write(`${line}\n`, () => process.exit(code));
}
