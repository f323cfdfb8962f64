function kind(x) {
  switch (typeof x) {
    case 'number':
      if (x > 10) return 'big number';
      return 'number';
    case 'string':
    case 'symbol':
      return 'text';
    default:
      return 'other';
  }
}
console.log(kind(5), kind(50), kind('a'), kind(null));
let out = [];
for (let i = 0; i < 4; i++) {
  switch (i) {
    case 1:
      out.push('one');
      break;
    case 2:
      out.push('two');
    case 3:
      out.push('fall');
      break;
    default:
      out.push('d' + i);
  }
}
console.log(out.join(','));

function greet(name = 'world', greeting = `Hello`) {
  return `${greeting}, ${name}!`;
}
console.log(greet(), greet('Ann'), greet(undefined, 'Hi'));
const { a, b: { c, d = 4 } = {}, ...rest } = { a: 1, b: { c: 3 }, e: 5, f: 6 };
console.log(a, c, d, rest);
const [x, , y = 9, ...zs] = [1, 2, undefined, 4, 5];
console.log(x, y, zs);
function sum(...nums) {
  return nums.reduce((s, n) => s + n, 0);
}
console.log(sum(1, 2, 3));
const config = ({ port = 3000, host = 'localhost' } = {}) => `${host}:${port}`;
console.log(config(), config({ port: 8080 }));
const obj = {
  name: 'obj',
  hello() {
    return 'hi from ' + this.name;
  },
};
console.log(obj.hello());
function Person(name) {
  this.name = name;
}
const p = new Person('Pat');
console.log(p.name);
