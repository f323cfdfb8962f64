import fs from 'fs';
console.log('never');
