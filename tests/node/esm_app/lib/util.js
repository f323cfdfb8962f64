export const VERSION = '1.2.3';
export function add(a, b) {
  return a + b;
}
export default function greet(who) {
  return `hello ${who}`;
}
