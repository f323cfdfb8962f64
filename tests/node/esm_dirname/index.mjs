console.log('x');
console.log(__dirname);
