import express from 'express';
import path from 'path';
import { fileURLToPath } from 'url';
import { todos, addTodo } from './todos.js';

const __filename = fileURLToPath(import.meta.url);
const __dirname = path.dirname(__filename);

const app = express();
app.use(express.json());
app.use(express.static(path.join(__dirname, 'public')));

app.get('/api/todos', (req, res) => res.json(todos));
app.post('/api/todos', (req, res) => {
  const todo = addTodo(req.body.title);
  res.status(201).json(todo);
});

const PORT = process.env.PORT ?? 3000;
app.listen(PORT, () => console.log(`ESM server listening on ${PORT}`));
