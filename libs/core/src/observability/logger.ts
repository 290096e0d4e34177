import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { AppConfig } from '../config/config';

/** JSON lines in production and CI; readable lines when a person is watching the terminal. */
export function createRootLogger(config: Pick<AppConfig, 'logLevel'>): Logger {
  const pretty = process.stdout.isTTY && process.env.CI !== 'true';
  return pino({
    level: config.logLevel,
    base: { service: 'buurtcoop' },
    redact: { paths: ['req.headers.authorization', 'password', '*.password', 'refreshToken', '*.refreshToken'], censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' } } } : {}),
  });
}

/** Nest's logger interface on top of the same pino instance Fastify uses. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.write('error', message, context, trace);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(level: pino.Level, message: unknown, context?: string, trace?: string): void {
    if (typeof message === 'object' && message !== null) {
      const { msg, ...rest } = message as { msg?: string };
      this.logger[level]({ context, ...rest, ...(trace ? { trace } : {}) }, msg ?? '');
    } else {
      this.logger[level]({ context, ...(trace ? { trace } : {}) }, String(message));
    }
  }
}
