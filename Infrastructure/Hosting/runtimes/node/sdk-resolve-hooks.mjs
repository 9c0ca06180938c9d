// Module resolve hooks (registered by aws-sdk.mjs; they run on Node's loader thread): a bare
// specifier such as `@aws-sdk/client-dynamodb` that normal resolution cannot find is resolved
// again as if imported from `parentURL`, a file beside the bundled SDK's node_modules. Only
// ERR_MODULE_NOT_FOUND is retried, so the function's own packages always win, and when the retry
// fails too the original error is the one reported.

let fallbackParentURL;

export function initialize(data) {
  fallbackParentURL = data?.parentURL;
}

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !fallbackParentURL || !isBare(specifier)) {
      throw error;
    }
    try {
      return await nextResolve(specifier, { ...context, parentURL: fallbackParentURL });
    } catch {
      throw error;
    }
  }
}

/** A package name (`pkg`, `@scope/pkg/sub`), not a relative path, an absolute path, a URL or a `#import`. */
function isBare(specifier) {
  return !/^(?:\.{0,2}\/|[A-Za-z][A-Za-z\d+.-]*:|#)/.test(specifier);
}
