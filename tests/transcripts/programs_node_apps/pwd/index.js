const os = require('os');
console.log("hello from " + os.hostname());
console.log(`running on ${os.platform()} with node ${process.version}`);
