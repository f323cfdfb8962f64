import { Router } from 'express';

type User = { id: number; name: string };

const users: User[] = [
  { id: 1, name: 'Ada' },
  { id: 2, name: 'Linus' },
];

export const userRouter = Router();

userRouter.get('/', (_req, res) => {
  res.json(users);
});

userRouter.get('/:id', (req, res) => {
  const user = users.find((u) => u.id === Number(req.params.id));
  if (!user) {
    return res.status(404).json({ error: 'not found' });
  }
  res.json(user as User);
});
