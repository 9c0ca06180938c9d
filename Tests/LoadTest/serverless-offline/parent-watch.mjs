// Preloaded (node --import) into the serverless-offline process that run.mjs starts. run.mjs hands
// it fd 3, one end of a pipe; when that closes, run.mjs is gone (even by SIGKILL), and this
// process follows: SIGTERM to itself (serverless-offline shuts down on it), exit after 5 s at most.
// Worker threads inherit --import, so only the main thread watches.
import { Socket } from 'node:net';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  let pipe;
  try {
    pipe = new Socket({ fd: 3, readable: true, writable: false });
  } catch {
    pipe = null; // not started by run.mjs: nothing to watch
  }
  if (pipe) {
    const leave = () => {
      setTimeout(() => process.exit(0), 5_000).unref();
      process.kill(process.pid, 'SIGTERM');
    };
    pipe.on('data', () => {});
    pipe.once('end', leave);
    pipe.once('error', leave);
    pipe.unref();
  }
}
