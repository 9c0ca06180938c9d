// Finds and loads the function named by _HANDLER, the way Lambda's Node.js runtime does.
//
// `src/auth.handler`: everything up to the last `/` is a folder under LAMBDA_TASK_ROOT, then the
// module name runs to the first dot and the rest names the export (`app.handlers.connect` is the
// export path handlers.connect of module app). The module is the first of `<name>.js`,
// `<name>.mjs`, `<name>.cjs` that exists. `.mjs` is an ES module and `.cjs` CommonJS; a `.js`
// file is an ES module when the nearest package.json says "type": "module", CommonJS otherwise.
// ES modules are loaded with import(), CommonJS with require(), so that `module.exports.handler`
// works however the module assigns it.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** An error Lambda reports under its own `Runtime.*` type rather than the thrown error's name. */
export class RuntimeError extends Error {
  constructor(type, message, cause) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = type;
    if (typeof cause?.stack === 'string') {
      // The user's code is where the problem is: keep its frames, not the runtime's.
      // (A module that fails to parse has a stack that starts with `file:///…:line` instead.)
      const lines = cause.stack.split('\n');
      const frames = lines.filter((line) => /^\s+at /.test(line));
      if (/^\S+:\d+$/.test(lines[0])) {
        frames.unshift(`    at ${lines[0]}`);
      }
      this.stack = [`${type}: ${message}`, ...frames].join('\n');
    }
  }
}

const require = createRequire(import.meta.url);

/**
 * @param {string} taskRoot LAMBDA_TASK_ROOT
 * @param {string | undefined} handlerName _HANDLER
 * @returns {Promise<Function>}
 */
export async function loadHandler(taskRoot, handlerName) {
  if (!handlerName) {
    throw new RuntimeError('Runtime.MalformedHandlerName', 'No handler specified (_HANDLER is empty)');
  }
  if (handlerName.split(/[\\/]/).includes('..')) {
    throw new RuntimeError('Runtime.MalformedHandlerName', `'../' not allowed in handler name: ${handlerName}`);
  }
  const match = /^([^.]*)\.(.+)$/.exec(path.basename(handlerName));
  if (!match) {
    throw new RuntimeError('Runtime.MalformedHandlerName', `Bad handler ${handlerName}: expected module.export`);
  }
  const [, moduleName, exportPath] = match;
  const exported = await loadModule(path.resolve(taskRoot, path.dirname(handlerName), moduleName));

  let handler = exported;
  for (const key of exportPath.split('.')) {
    handler = handler == null ? undefined : handler[key];
  }
  if (handler === undefined) {
    throw new RuntimeError('Runtime.HandlerNotFound', `${handlerName} is undefined or not exported`);
  }
  if (typeof handler !== 'function') {
    throw new RuntimeError('Runtime.HandlerNotFound', `${handlerName} is not a function`);
  }
  return handler;
}

async function loadModule(base) {
  for (const extension of ['.js', '.mjs', '.cjs']) {
    const file = base + extension;
    if (!isFile(file)) {
      continue;
    }
    const esm = extension === '.mjs' || (extension === '.js' && packageType(path.dirname(file)) === 'module');
    try {
      return esm ? await import(pathToFileURL(file).href) : require(file);
    } catch (error) {
      throw classify(error);
    }
  }
  throw new RuntimeError('Runtime.ImportModuleError', `Error: Cannot find module '${base}' (looked for ${path.basename(base)}.js, .mjs and .cjs)`);
}

/** Syntax errors and missing imports get Lambda's init error types; anything else the module threw is reported as it is. */
function classify(error) {
  if (error instanceof SyntaxError || error?.name === 'SyntaxError') {
    return new RuntimeError('Runtime.UserCodeSyntaxError', `${error.name}: ${error.message}`, error);
  }
  if (error?.code === 'MODULE_NOT_FOUND' || error?.code === 'ERR_MODULE_NOT_FOUND') {
    return new RuntimeError('Runtime.ImportModuleError', String(error), error);
  }
  return error;
}

/** The "type" of the nearest package.json at or above dir, as Node decides how to load a `.js` file. */
function packageType(dir) {
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (isFile(file)) {
      try {
        return JSON.parse(fs.readFileSync(file, 'utf8')).type ?? 'commonjs';
      } catch {
        return 'commonjs'; // Node reports the broken package.json itself when it loads the module
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      return 'commonjs';
    }
    dir = parent;
  }
}

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
