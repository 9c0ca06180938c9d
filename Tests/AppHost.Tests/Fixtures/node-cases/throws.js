// Throws synchronously: Lambda reports {"errorType":"TypeError","errorMessage":"bad input","trace":[…]}.
exports.handler = () => {
  throw new TypeError('bad input');
};
