const https = require("https");

const options = {
  hostname: process.env.TARGET,
  method: process.env.METHOD
};

console.log("** web-ping ** Pinging: %s; method: %s; %dms intervals", options.hostname, options.method, process.env.INTERVAL);

let i = 1;
setInterval(() => {
  const start = Date.now();
  const req = https.request(options, (res) => {
    console.log("Got response status: %s at %d; duration: %dms", res.statusCode, Date.now(), Date.now() - start);
  });
  req.on("error", (e) => console.error(e));
  req.end();
  i++;
}, process.env.INTERVAL);
