// CommonJS (a .js file with no package.json saying "type": "module"): an async handler.
exports.handler = async (event) => ({ echoed: event });
