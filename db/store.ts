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
  /** A call of the store outside transactions. */
  call<T>(fn: () => Promise<T>): Promise<T>;
  /** A call of the store handed to a transaction (`owner`). */
  within<T>(owner: object, fn: () => Promise<T>): Promise<T>;
  /** `fn` as one transaction of `owner`, the store it is handed; joining it when that one is open. */
  transaction<T>(owner: object, fn: () => Promise<T>, options?: TransactionOptions): Promise<T>;
}

type Run = <T>(fn: () => Promise<T>) => Promise<T>;

/** Where a wrapper keeps its `run`: a symbol, so that no name of a repository's own is hidden. */
const RUN = Symbol('run');

/** A wrapper of one repository: its methods run through the `run` of the wrapper they are called on. */
interface Guarded {
  readonly [RUN]: Run;
}

/**
 * What the wrappers of `repo` inherit: each of its methods, run through the wrapper's `run`. The
 * methods run on the repository itself, so that one calling another does not queue behind its own
 * caller. Built once per repository; a wrapper is then one small object (a transaction makes its own).
 */
function guardedMethods(repo: object): object {
  const methods = Object.create(repo) as Record<string, unknown>;
  for (let proto = Object.getPrototypeOf(repo); proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (name === 'constructor' || typeof d.value !== 'function' || Object.hasOwn(methods, name)) continue;
      const method = d.value as (...args: unknown[]) => Promise<unknown>;
      methods[name] = function (this: Guarded, ...args: unknown[]) {
        return this[RUN](() => method.apply(repo, args));
      };
    }
  }
  return methods;
}

/** The Store over one SQLite database. */
export function createStore(db: Db): Store {
  return assembleStore({ db, t: schema, dialect: 'sqlite' }, SqliteTransactions.of(db.$client));
}

type Repos = Omit<Store, 'transaction'>;

/** The repositories over `ctx`: one set, shared by the store and the store its transactions are handed. */
function repositories(ctx: SqlContext): Repos {
  return {
    channels: new SqlChannelRepo(ctx),
    people: new SqlPeopleRepo(ctx),
    managers: new SqlManagerRepo(ctx),
    matrix: new SqlMatrixRepo(ctx),
    audit: new SqlAuditRepo(ctx),
    conversations: new SqlConversationRepo(ctx),
    jobs: new SqlJobRepo(ctx),
    outbox: new SqlOutboxRepo(ctx),
    integrationOutbox: new SqlIntegrationOutboxRepo(ctx),
    integrations: new SqlIntegrationSettingsRepo(ctx),
    escalations: new SqlEscalationRepo(ctx),
    handoffNotes: new SqlHandoffNoteRepo(ctx),
    cadences: new SqlCadenceRepo(ctx),
    deliveries: new SqlDeliveryRepo(ctx),
    sides: new SqlSideRepo(ctx),
    confirmations: new SqlConfirmationRepo(ctx),
    commandUses: new SqlCommandUseRepo(ctx),
    pageKeys: new SqlPageKeyRepo(ctx),
  };
}

/** A store over the guarded methods of each repository, its calls run through `run`. */
function storeOf(methods: Repos, run: Run, transaction: Store['transaction']): Store {
  const store = { transaction } as Record<string, unknown>;
  for (const [name, proto] of Object.entries(methods)) {
    const wrapper = Object.create(proto) as { [RUN]: Run };
    wrapper[RUN] = run;
    store[name] = wrapper;
  }
  return store as unknown as Store;
}

/**
 * The store over `ctx`, its calls and transactions run by `runner`: the same for both dialects. Each
 * transaction is handed a store of its own (`tx`, over the same repositories): while the transaction
 * is open its calls run in it, and `tx.transaction` joins it.
 */
export function assembleStore(ctx: SqlContext, runner: StoreRunner): Store {
  const methods = {} as Record<string, object>;
  for (const [name, repo] of Object.entries(repositories(ctx))) methods[name] = guardedMethods(repo);
  const repos = methods as unknown as Repos;
  const begin = <T>(fn: (tx: Store) => Promise<T>, options?: TransactionOptions): Promise<T> => {
    const tx: Store = storeOf(
      repos,
      (call) => runner.within(tx, call),
      (inner, innerOptions) => runner.transaction(tx, () => inner(tx), innerOptions),
    );
    return runner.transaction(tx, () => fn(tx), options);
  };
  return storeOf(repos, (call) => runner.call(call), begin);
}
