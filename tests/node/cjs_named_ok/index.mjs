import { add, sub, VERSION } from './math.cjs';
import def from './math.cjs';
console.log(add(1, 2), sub(5, 1), VERSION, typeof def);
