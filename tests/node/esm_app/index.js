import os from 'os';
import path from 'node:path';
import { fileURLToPath } from 'url';
import greet, { VERSION, add as plus } from './lib/util.js';
import * as util from './lib/util.js';
import { Store } from './lib/store.js';

const __filename = fileURLToPath(import.meta.url);
const __dirname = path.dirname(__filename);
console.log(path.basename(__filename), path.basename(__dirname));
console.log(greet('esm'), VERSION, plus(2, 3));
console.log(util.add(1, 1), typeof util.default);
const s = new Store();
s.set('a', 1);
console.log(s.get('a'), s.size());
console.log(typeof os.hostname());
console.log(this);
const answer = await Promise.resolve(42);
console.log(answer);
