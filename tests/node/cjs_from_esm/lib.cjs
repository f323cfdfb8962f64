module.exports = { named: 'from cjs' };
