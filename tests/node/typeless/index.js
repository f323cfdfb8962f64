import { hostname } from 'os';
export const x = 1;
console.log(typeof hostname);
