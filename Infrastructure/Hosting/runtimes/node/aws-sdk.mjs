// Makes the AWS SDK for JavaScript v3 that sits beside this runtime importable from function
// code, as Lambda's Node.js runtimes include it: `import … from "@aws-sdk/client-dynamodb"` and
// `require("@aws-sdk/client-dynamodb")` work without the function installing the SDK. Packages the
// function has in its own node_modules (in or above LAMBDA_TASK_ROOT) are found first and win.
import fs from 'node:fs';
import path from 'node:path';
import Module from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * @param {string} nodeModules the folder holding the SDK packages
 * @returns {boolean} whether the folder exists (nothing is changed otherwise)
 */
export function exposeSdk(nodeModules) {
  if (!fs.existsSync(nodeModules)) {
    return false;
  }
  // CommonJS searches the NODE_PATH folders after every node_modules above the requiring file,
  // which is how Lambda itself provides the SDK. Setting the variable also passes it on to child
  // processes, as on Lambda.
  const existing = process.env.NODE_PATH;
  process.env.NODE_PATH = existing ? `${existing}${path.delimiter}${nodeModules}` : nodeModules;
  Module._initPaths(); // Node reads NODE_PATH once at start-up; this reads it again

  // ES modules ignore NODE_PATH. A resolve hook (Node 20.6 and later) retries a bare specifier
  // that normal resolution could not find as if it were imported from beside the SDK folder.
  if (typeof Module.register === 'function') {
    const parentURL = pathToFileURL(path.join(path.dirname(nodeModules), 'sdk-parent.mjs')).href;
    Module.register('./sdk-resolve-hooks.mjs', import.meta.url, { data: { parentURL } });
  } else {
    process.stderr.write(`WebSocketAspire: Node.js ${process.version} has no module.register (20.6 and later do); ES modules cannot import the bundled AWS SDK\n`);
  }
  return true;
}
