import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../src/kernel/logger.js';

const ORDER = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

const describe = (parts: unknown[]): string =>
  parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p))).join(' ');

/** Bolt's and the Web API client's logs, through Tandem's logger (so they are redacted and structured). */
export function boltLogger(log: Logger, level: LogLevel = LogLevel.INFO): BoltLogger {
  let current = level;
  const at =
    (l: LogLevel, write: (msg: string) => void) =>
    (...parts: unknown[]) => {
      if (ORDER.indexOf(l) >= ORDER.indexOf(current)) write(describe(parts));
    };
  return {
    debug: at(LogLevel.DEBUG, (m) => log.debug({}, m)),
    info: at(LogLevel.INFO, (m) => log.info({}, m)),
    warn: at(LogLevel.WARN, (m) => log.warn({}, m)),
    error: at(LogLevel.ERROR, (m) => log.error({}, m)),
    setLevel: (l) => {
      current = l;
    },
    getLevel: () => current,
    setName: () => {},
  };
}
