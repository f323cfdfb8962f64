console.log('start');
const fs = require('fs');
