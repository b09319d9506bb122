import { StoreBusy } from '../src/kernel/errors.js';
import type { Store, TransactionOptions } from '../src/kernel/ports/store.js';
import type { Db } from './client.js';
import { SqliteAuditRepo } from './repos/audit.js';
import { SqliteCadenceRepo } from './repos/cadences.js';
import { SqliteChannelRepo } from './repos/channels.js';
import { SqliteConversationRepo } from './repos/conversations.js';
import { SqliteDeliveryRepo } from './repos/deliveries.js';
import { SqliteJobRepo } from './repos/jobs.js';
import { SqliteOutboxRepo } from './repos/outbox.js';
import { SqliteEscalationRepo } from './repos/escalations.js';
import { SqliteMatrixRepo } from './repos/matrix.js';
import { SqliteHandoffNoteRepo } from './repos/notes.js';
import { SqliteManagerRepo, SqlitePeopleRepo } from './repos/people.js';

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === 'SQLITE_BUSY_SNAPSHOT';
}

/** The Store over one SQLite database. */
export function createStore(db: Db): Store {
  const sqlite = db.$client;
  let depth = 0;
  return {
    transaction<T>(fn: () => T, options: TransactionOptions = {}): T {
      // Nested calls join the outer transaction: a command's work is one unit.
      if (depth > 0) return fn();
      depth++;
      const usual = options.busyTimeoutMs === undefined ? null : (sqlite.pragma('busy_timeout', { simple: true }) as number);
      if (usual !== null) sqlite.pragma(`busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs!))}`);
      try {
        return sqlite.transaction(fn).immediate();
      } catch (err) {
        if (isBusy(err)) throw new StoreBusy(err);
        throw err;
      } finally {
        if (usual !== null) sqlite.pragma(`busy_timeout = ${usual}`);
        depth--;
      }
    },
    channels: new SqliteChannelRepo(db),
    people: new SqlitePeopleRepo(db),
    managers: new SqliteManagerRepo(db),
    matrix: new SqliteMatrixRepo(db),
    audit: new SqliteAuditRepo(db),
    conversations: new SqliteConversationRepo(db),
    jobs: new SqliteJobRepo(db),
    outbox: new SqliteOutboxRepo(db),
    escalations: new SqliteEscalationRepo(db),
    handoffNotes: new SqliteHandoffNoteRepo(db),
    cadences: new SqliteCadenceRepo(db),
    deliveries: new SqliteDeliveryRepo(db),
  };
}
