import type { Store, TransactionOptions } from '../src/kernel/ports/store.js';
import type { Db } from './client.js';
import { SqlAuditRepo } from './repos/audit.js';
import { SqlCadenceRepo } from './repos/cadences.js';
import { SqlChannelRepo } from './repos/channels.js';
import { SqlCommandUseRepo } from './repos/command-uses.js';
import { SqlConfirmationRepo } from './repos/confirmations.js';
import { SqlConversationRepo } from './repos/conversations.js';
import { SqlDeliveryRepo } from './repos/deliveries.js';
import { SqlEscalationRepo } from './repos/escalations.js';
import { SqlIntegrationOutboxRepo } from './repos/integration-outbox.js';
import { SqlIntegrationSettingsRepo } from './repos/integration-settings.js';
import { SqlJobRepo } from './repos/jobs.js';
import { SqlMatrixRepo } from './repos/matrix.js';
import { SqlHandoffNoteRepo } from './repos/notes.js';
import { SqlOutboxRepo } from './repos/outbox.js';
import { SqlPageKeyRepo } from './repos/page-keys.js';
import { SqlManagerRepo, SqlPeopleRepo } from './repos/people.js';
import { SqlSideRepo } from './repos/sides.js';
import * as schema from './schema/index.js';
import type { SqlContext } from './sql-context.js';
import { SqliteTransactions } from './transactions.js';

/** How a Store runs its repositories' calls and its transactions, per dialect. */
export interface StoreRunner {
  call<T>(fn: () => Promise<T>): Promise<T>;
  transaction<T>(fn: () => Promise<T>, options?: TransactionOptions): Promise<T>;
}

/**
 * The repository with each of its methods run through `runner.call`. The methods run on the repository
 * itself, so that one calling another does not queue behind its own caller.
 */
function guarded<R extends object>(repo: R, runner: StoreRunner): R {
  const wrapper = Object.create(repo) as R;
  for (let proto = Object.getPrototypeOf(repo); proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (name === 'constructor' || typeof d.value !== 'function' || Object.hasOwn(wrapper, name)) continue;
      const method = d.value as (...args: unknown[]) => Promise<unknown>;
      Object.defineProperty(wrapper, name, {
        value: (...args: unknown[]) => runner.call(() => method.apply(repo, args)),
      });
    }
  }
  return wrapper;
}

/** The Store over one SQLite database. */
export function createStore(db: Db): Store {
  // Always the connection itself: a transaction is open on it, not on an object of its own.
  return assembleStore({ db, t: schema, dialect: 'sqlite' }, SqliteTransactions.of(db.$client));
}

/** The repositories over `ctx`, their calls and transactions run by `runner`: the same for both dialects. */
export function assembleStore(ctx: SqlContext, runner: StoreRunner): Store {
  const repo = <R extends object>(r: R) => guarded(r, runner);
  const store: Store = {
    // `tx` is the store itself: inside the transaction its calls run in the transaction.
    transaction<T>(fn: (tx: Store) => Promise<T>, options?: TransactionOptions): Promise<T> {
      return runner.transaction(() => fn(store), options);
    },
    channels: repo(new SqlChannelRepo(ctx)),
    people: repo(new SqlPeopleRepo(ctx)),
    managers: repo(new SqlManagerRepo(ctx)),
    matrix: repo(new SqlMatrixRepo(ctx)),
    audit: repo(new SqlAuditRepo(ctx)),
    conversations: repo(new SqlConversationRepo(ctx)),
    jobs: repo(new SqlJobRepo(ctx)),
    outbox: repo(new SqlOutboxRepo(ctx)),
    integrationOutbox: repo(new SqlIntegrationOutboxRepo(ctx)),
    integrations: repo(new SqlIntegrationSettingsRepo(ctx)),
    escalations: repo(new SqlEscalationRepo(ctx)),
    handoffNotes: repo(new SqlHandoffNoteRepo(ctx)),
    cadences: repo(new SqlCadenceRepo(ctx)),
    deliveries: repo(new SqlDeliveryRepo(ctx)),
    sides: repo(new SqlSideRepo(ctx)),
    confirmations: repo(new SqlConfirmationRepo(ctx)),
    commandUses: repo(new SqlCommandUseRepo(ctx)),
    pageKeys: repo(new SqlPageKeyRepo(ctx)),
  };
  return store;
}
