export enum Level {
  Debug,
  Info,
  Warn = 'WARN',
}

export class Logger {
  constructor(private readonly name: string) {}

  log(level: Level, message: string): void {
    const tag = typeof level === 'number' ? Level[level].toUpperCase() : level;
    console.log(`[${this.name}] ${tag}: ${message}`);
  }
}
