const express = require('express');
const app = express();

app.get('/', (req, res) => {
  res.send('Hello from node-project');
});

app.listen(80);
