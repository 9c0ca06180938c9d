// One invocation of the handler: its context object, how its outcome is decided, and the error
// document Lambda's Node.js runtime makes of a failure.
import util from 'node:util';

/**
 * The `{errorType, errorMessage, trace}` document for a failure. An Error gives its name, message
 * and stack lines; any other value (`callback("Unauthorized")`) gives `typeof value`,
 * `String(value)` and no trace, as the AWS documentation of the callback's error argument says.
 */
export function errorDocument(error) {
  try {
    if (error instanceof Error || util.types.isNativeError(error)) {
      const name = typeof error.name === 'string' && error.name !== '' ? error.name : error.constructor?.name;
      return {
        errorType: name || 'Error',
        errorMessage: String(error.message ?? ''),
        trace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
      };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return { errorType: 'handled', errorMessage: 'The function failed with an error whose name, message or stack could not be read.', trace: [] };
  }
}

/**
 * The handler's `context` argument. The per-function fields come from the environment, the rest
 * from the Runtime API's headers for this invocation.
 */
export function createContext(next, fn) {
  const deadlineMs = next.deadlineMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.functionName,
    functionVersion: fn.functionVersion,
    invokedFunctionArn: next.invokedFunctionArn,
    memoryLimitInMB: fn.memoryLimitInMB,
    awsRequestId: next.requestId,
    logGroupName: fn.logGroupName,
    logStreamName: fn.logStreamName,
    identity: parseOptionalJson(next.cognitoIdentity),
    clientContext: parseOptionalJson(next.clientContext),
    getRemainingTimeInMillis: () => deadlineMs - Date.now(),
  };
}

/**
 * Calls the handler and returns a handle whose `outcome` promise settles, once, with
 * `{result}` or `{error}` (or `{document}`, an error document made by the runtime itself).
 *
 * As in Lambda, the handler always gets `(event, context, callback)`:
 * - If it returns a promise (an async handler), the promise decides, as soon as it settles.
 * - Otherwise the callback decides. With `context.callbackWaitsForEmptyEventLoop` true (the
 *   default) the answer waits until the event loop has nothing left to do — the runtime calls
 *   `eventLoopEmpty()` from process 'beforeExit' — so timers and sockets the handler started
 *   still run to completion first; set it to false and the answer goes at once. If the loop empties
 *   and nothing decided, the answer is `null`, as Lambda's is; if it never empties, the
 *   invocation times out (the local stack enforces the timeout and replaces this process).
 * - `context.done`, `succeed` and `fail` decide at once. Later calls are ignored.
 *
 * Lambda's Node.js 24 and later runtimes dropped callbacks (`callbacks: false`): the handler gets
 * `(event, context)`, the context has no callbackWaitsForEmptyEventLoop, done, succeed or fail, and
 * what the handler returns (awaited) is the result.
 */
export function startInvocation(handler, event, context, { callbacks = true } = {}) {
  let resolve;
  const outcome = new Promise((r) => {
    resolve = r;
  });
  let decided = false;
  let waiting = null; // what the callback gave while the event loop still had work
  const decide = (value) => {
    if (!decided) {
      decided = true;
      resolve(value);
    }
  };

  if (callbacks) {
    const fromCallback = (error, result) => (error !== undefined && error !== null ? { error } : { result });
    const callback = (error, result) => {
      if (decided || waiting) {
        return;
      }
      if (context.callbackWaitsForEmptyEventLoop) {
        waiting = fromCallback(error, result);
      } else {
        decide(fromCallback(error, result));
      }
    };
    context.done = (error, result) => decide(fromCallback(error, result));
    context.succeed = (result) => decide({ result });
    context.fail = (error) => decide({ error });
    try {
      const returned = handler(event, context, callback);
      if (returned !== null && typeof returned?.then === 'function') {
        returned.then((result) => decide({ result }), (error) => decide({ error }));
      }
    } catch (error) {
      decide({ error });
    }
  } else {
    delete context.callbackWaitsForEmptyEventLoop;
    Promise.resolve()
      .then(() => handler(event, context))
      .then((result) => decide({ result }), (error) => decide({ error }));
  }

  return {
    outcome,
    /** The event loop has nothing left to do: answer with what the callback gave, or null. */
    eventLoopEmpty() {
      decide(waiting ?? { result: null });
    },
    /** Fails the invocation with a document the runtime made (an uncaught exception, say). */
    abort(document) {
      decide({ document });
    },
  };
}

function parseOptionalJson(text) {
  if (text === undefined || text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
