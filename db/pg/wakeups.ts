import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Wakeups } from '../../src/kernel/ports/wakeups.js';
import type { PgDb } from './client.js';

const CHANNEL = 'tandem_wake';
/** How long a dropped listening connection waits before connecting again. */
const RECONNECT_MS = 2000;

/**
 * Wake-ups through PostgreSQL's LISTEN/NOTIFY: `notify` sends on the pool (a notification is delivered
 * once the sending transaction commits; this one is its own), `listen` keeps one connection of its own
 * listening, connecting again when it drops. An instance ignores its own notifications.
 */
export class PgWakeups implements Wakeups {
  readonly #self = randomUUID();

  constructor(
    private readonly db: PgDb,
    private readonly url: string,
  ) {}

  notify(): void {
    this.db.$client.query('select pg_notify($1, $2)', [CHANNEL, this.#self]).catch(() => {
      // The database is unreachable: the others find the work at their tick.
    });
  }

  async listen(onWake: () => void): Promise<() => Promise<void>> {
    let stopped = false;
    let client: pg.Client | null = null;
    let retry: NodeJS.Timeout | undefined;
    const connect = async (): Promise<void> => {
      const c = new pg.Client({ connectionString: this.url });
      c.on('notification', (n) => {
        if (n.payload !== this.#self) onWake();
      });
      c.on('error', () => {
        if (client === c) client = null;
        if (!stopped) retry = setTimeout(() => void connect().catch(() => {}), RECONNECT_MS);
      });
      await c.connect();
      await c.query(`listen ${CHANNEL}`);
      if (stopped) await c.end();
      else client = c;
    };
    await connect();
    return async () => {
      stopped = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
      client = null;
    };
  }
}
