// CommonJS, callback style: echoes the event through callback(null, result).
exports.handler = (event, context, callback) => {
  callback(null, { echoed: event, style: 'callback' });
};
