const express = require('express');
const app = express();
app.get('/', (req, res) => res.send('Todo app: items are kept in mysql'));
app.listen(3000, () => console.log('Listening on port 3000'));
