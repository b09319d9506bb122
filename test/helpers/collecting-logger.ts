import type { Logger } from '../../src/kernel/logger.js';

export interface LogRecord {
  level: string;
  obj: object;
  msg?: string;
}

export function collectingLogger(records: LogRecord[] = []): Logger & { records: LogRecord[] } {
  const at = (level: string) => (obj: object, msg?: string) =>
    void records.push({ level, obj, ...(msg === undefined ? {} : { msg }) });
  const log: Logger & { records: LogRecord[] } = {
    records,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => log,
  };
  return log;
}
