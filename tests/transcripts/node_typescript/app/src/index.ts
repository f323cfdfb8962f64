import express, { Request, Response } from 'express';
import { userRouter } from './routes/users';
import { Logger, Level } from './logger';

interface HealthStatus {
  status: string;
  uptime: number;
}

const app = express();
const PORT: number = Number(process.env.PORT) || 3000;
const logger = new Logger('api');

app.use(express.json());
app.use('/users', userRouter);

app.get('/', (req: Request, res: Response) => {
  res.send('Hello from TypeScript!');
});

app.get('/health', (_req: Request, res: Response): void => {
  const body: HealthStatus = { status: 'ok', uptime: 1 };
  res.json(body);
});

app.listen(PORT, () => {
  logger.log(Level.Info, `Server running on port ${PORT}`);
});
