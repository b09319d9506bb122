import { pino } from 'pino';
import type { Logger } from '../kernel/logger.js';

/** Field names whose values are never written to the log, wherever they appear. */
const REDACT = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'appToken',
  '*.appToken',
  'signingSecret',
  '*.signingSecret',
  'password',
  '*.password',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'config.headers.Authorization',
  '*.config.headers.Authorization',
];

/** The process logger: JSON lines on stderr, so stdout stays free for the console's chat. */
export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    { level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'tandem' } },
    destination as pino.DestinationStream,
  ) as unknown as Logger;
}
