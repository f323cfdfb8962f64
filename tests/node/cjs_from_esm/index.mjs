import lib from './lib.cjs';
import { named } from './lib.cjs';
console.log(lib.named, named);
