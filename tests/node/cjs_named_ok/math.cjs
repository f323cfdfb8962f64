function add(a, b) { return a + b; }
exports.sub = (a, b) => a - b;
module.exports.VERSION = '2';
module.exports.add = add;
