console.log('main body');
import { value } from './dep.mjs';
console.log(value);
