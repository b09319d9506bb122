import type { AuditRepo } from './audit.js';
import type { CadenceRepo } from './cadences.js';
import type { ChannelRepo } from './channels.js';
import type { CommandUseRepo } from './command-uses.js';
import type { ConfirmationRepo } from './confirmations.js';
import type { ConversationRepo } from './conversations.js';
import type { DeliveryRepo } from './deliveries.js';
import type { EscalationRepo } from './escalations.js';
import type { IntegrationOutboxRepo, IntegrationSettingsRepo } from './integration-outbox.js';
import type { JobQueue } from './job-queue.js';
import type { JobRepo } from './jobs.js';
import type { MatrixRepo } from './matrix.js';
import type { HandoffNoteRepo } from './notes.js';
import type { OutboxRepo } from './outbox.js';
import type { OutboxQueue } from './outbox-queue.js';
import type { PageKeyRepo } from './page-keys.js';
import type { ManagerRepo, PeopleRepo } from './people.js';
import type { SideRepo } from './sides.js';

export interface TransactionOptions {
  /**
   * How long to wait for a lock another connection holds before StoreBusy, for this transaction
   * only (the connection's busy timeout otherwise). Waiting is synchronous and holds the event
   * loop, so a caller that can retry later waits briefly and retries asynchronously instead.
   */
  busyTimeoutMs?: number;
  /**
   * False for a transaction that writes only bookkeeping whose loss changes nothing a person relies
   * on (a lookup's delivery id, who spoke in a channel; the jobs planning at start writes, which the next
   * start plans again): it commits without waiting for the disk to
   * confirm the write. A crash of the process loses nothing; a power cut may lose such a commit. True
   * (the default) for everything else: a commit survives a power cut.
   */
  durable?: boolean;
  /**
   * True for a transaction that usually only reads (a lookup): on SQLite it takes the write lock at its
   * first write rather than at its start, so it neither waits for nor holds up another process's writer
   * while it reads, and commits without writing to the disk when it wrote nothing. A write it does make
   * may find the lock taken (StoreBusy, as at the start of any other).
   */
  mostlyReads?: boolean;
}

/** For work that can be retried at the next tick (claims): how long to wait on another process's lock. */
export const BRIEF_BUSY_TIMEOUT_MS = 100;

/**
 * Everything the core reads and writes, behind interfaces: the database layer (`db/`) implements
 * it for SQLite and PostgreSQL. Every repository method returns a promise.
 *
 * The transaction rule: `transaction(fn)` runs `fn` as one transaction, so a command's state
 * change, its audit entry and its queued posts commit together or not at all. Transactions of one
 * process never interleave (the next waits for the one in progress). `fn` is handed the store of
 * its transaction (`tx`): everything it reads and writes goes through `tx`, and `tx.transaction`
 * joins the one open. The outer store called from inside `fn` would, on SQLite, wait for the
 * transaction it is called from (the tests turn that mistake into an error). A repository called
 * outside any transaction runs on its own, never inside another caller's open transaction. `fn`
 * only reads and writes the store: it never waits on a platform or the network, since every other
 * transaction of the process waits for it.
 */
export interface Store {
  transaction<T>(fn: (tx: Store) => Promise<T>, options?: TransactionOptions): Promise<T>;
  channels: ChannelRepo;
  people: PeopleRepo;
  managers: ManagerRepo;
  matrix: MatrixRepo;
  audit: AuditRepo;
  /** Platform conversation references (Teams posts proactively through them). */
  conversations: ConversationRepo;
  /** Durable scheduled jobs; features use the JobRepo part, the scheduler the JobQueue part. */
  jobs: JobRepo & JobQueue;
  /** Outgoing posts and updates; features use the OutboxRepo part (or ctx.post), the sender the OutboxQueue part. */
  outbox: OutboxRepo & OutboxQueue;
  /** Events for paging tools (PagerDuty, Opsgenie, e-mail, webhooks): the outbox's second kind of destination. */
  integrationOutbox: IntegrationOutboxRepo;
  /** Per-channel ticket links and paging steps, and what inbound hooks opened. */
  integrations: IntegrationSettingsRepo;
  escalations: EscalationRepo;
  /** The after-hours log (`handoff note`), read by the morning post. */
  handoffNotes: HandoffNoteRepo;
  /** Sync cadences (weekly, monthly, quarterly) and their skipped dates. */
  cadences: CadenceRepo;
  /** Platform deliveries already acted on, so that a redelivery takes effect once. */
  deliveries: DeliveryRepo;
  /** Who is on which side: people and organisations seen in each channel. */
  sides: SideRepo;
  /** Destructive commands waiting for `confirm <code>`. */
  confirmations: ConfirmationRepo;
  /** Uses of the commands that post, for the posting limits per person and per channel. */
  commandUses: CommandUseRepo;
  /** The secrets that sign each channel's page links. */
  pageKeys: PageKeyRepo;
}
