// console.* in Lambda's text log format: `timestamp<TAB>requestId<TAB>LEVEL<TAB>message`.
//
// One call is one record, so newlines inside the message become carriage returns (what Lambda's
// Node.js runtime writes when it logs to stdout). Before the first invocation the request id is
// `undefined`, as in Lambda's init logs.
import util from 'node:util';

const LEVELS = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' };

let requestId;

/** The request id that the following records carry. */
export function setLogRequestId(id) {
  requestId = id;
}

/** Points console.log/info/warn/error/debug/trace at stdout in the text format. */
export function patchConsole() {
  for (const [method, level] of Object.entries(LEVELS)) {
    console[method] = (...args) => {
      const message = util.format(...args).replace(/\n/g, '\r');
      process.stdout.write(`${new Date().toISOString()}\t${requestId}\t${level}\t${message}\n`);
    };
  }
}
