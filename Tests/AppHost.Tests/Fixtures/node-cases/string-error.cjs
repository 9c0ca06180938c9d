// Fails with a string: Lambda reports {"errorType":"string","errorMessage":"Unauthorized","trace":[]}.
exports.handler = (event, context, callback) => {
  callback('Unauthorized');
};
