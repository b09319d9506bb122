import type * as z from 'zod';
import type { Channel, Mention, Person } from '../domain/model.js';
import type { Placement, Side } from '../domain/sides.js';
import type { Clock } from './clock.js';
import type { JobKindRegistry } from './job-kind.js';
import type { Logger } from './logger.js';
import type { IntegrationDirectory } from './ports/integrations.js';
import type { Store } from './ports/store.js';
import type { PostOptions } from './posting.js';
import type { Block, Reply } from './reply.js';
import type { Token } from './tokenize.js';
import type { ConversationRef } from './types.js';

/** What a command's argument schema receives: the line after the command's words. */
export interface ArgInput {
  /** Tokens that are not declared options, in order. */
  words: Token[];
  /** Declared `key:value` options, keys lowercased. */
  options: Record<string, string>;
  /** The raw text after the command's words, as typed (for free text and CSV). */
  rest: string;
}

/**
 * Who may run a command: anyone; the channel's managers (of either side) and the operators'
 * administrators (TANDEM_ADMINS); or those administrators only.
 */
export type Permission = 'anyone' | 'manager' | 'admin';

/** A change as the audit log records it and the channel is told of it. */
export interface Change {
  /** The command's id, e.g. `hours.set`. */
  action: string;
  subject: string;
  before: unknown;
  after: unknown;
  /**
   * What the actor did, in a few words after their name, posted in the channel so that both sides see
   * it when it happens: `changed business hours: Mon–Fri 08:00–17:00 → Mon–Fri 07:30–17:30`. Null
   * when the command's own reply is posted in the channel and says it.
   */
  announce: string | null;
  /** The whole matrix after a matrix change, as CSV: a version for `matrix history` and `matrix restore`. */
  matrix?: string;
}

export interface CommandContext {
  now: Date;
  clock: Clock;
  actor: Person;
  conversation: ConversationRef;
  /** The registered channel; always set for commands with `requiresSetup`. */
  channel: Channel | null;
  /** A manager of either side. */
  isManager: boolean;
  /** The side the actor manages, or null. */
  managerSide: Side | null;
  /** One of the operators' administrators (TANDEM_ADMINS): may run any manager command. */
  isAdmin: boolean;
  /** The platform says the actor administers it (only for commands with `platformRole`). */
  platformAdmin: boolean;
  store: Store;
  log: Logger;
  /** Tandem's public address (TANDEM_PUBLIC_URL, no trailing slash): links to its pages; null when unset. */
  publicUrl: string | null;
  /** Help needs to see every command. */
  commands: readonly AnyCommandSpec[];
  /** Records a change in the audit log as the actor, now, and announces it in the channel. */
  audit(change: Change): Promise<void>;
  /** Which side a person is on in this channel, and why; unknown (side null) when nobody said. */
  sideOf(person: Person): Promise<Placement>;
  /** Runs the command a `confirm <code>` stands for, if the code is this person's, here, and still good. */
  confirm(code: string): Promise<Reply>;
  /** Turns a mention typed in a command into the person it names (created if new). */
  personFor(mention: Mention): Promise<Person>;
  /** Queues a post to this conversation through the outbox, written in the command's transaction. */
  post(reply: Reply, options: PostOptions): Promise<boolean>;
  /** Queues an in-place update of the message posted under `messageKey` (sent once that post is delivered). */
  updatePost(messageKey: string, reply: Reply): Promise<void>;
  /**
   * Tells the scheduler that this channel's times changed (hours, timezone, holidays, the morning
   * post's time, a cadence): every job kind that plans its own occurrences plans them again, in the
   * command's transaction. Returns how many jobs were (re)created.
   */
  timesChanged(): Promise<number>;
  /** The registered job kinds (their labels, for `status`). */
  jobKinds: JobKindRegistry;
  /** The integrations the operator configured (names, kinds, where they send; never secrets). */
  integrations: IntegrationDirectory;
}

/** The channel is registered: commands that declare `requiresSetup` get this context. */
export type ChannelContext = CommandContext & { channel: Channel };

export interface CommandSpec<A> {
  /** Stable id, e.g. `matrix.set`. */
  id: string;
  /** The words that select the command, lowercased, e.g. `['matrix', 'set']`. */
  path: readonly string[];
  /** Other word sequences that select it. */
  aliases?: readonly (readonly string[])[];
  /**
   * A one-word form that stands for this command's words, where a face offers one: Slack's
   * `/whoowns backups` is `who owns backups`. Lowercase letters only.
   */
  shortcut?: string;
  /** Its place in a face's command menu (the Teams compose box), lowest first; typed only when absent. */
  menu?: number;
  /** The right form, shown in help and with every usage error. */
  usage: string;
  summary: string;
  examples?: readonly string[];
  permission: Permission;
  requiresSetup: boolean;
  /**
   * The command posts to its channel (a card, a note on one, a note for the morning post): it counts
   * against the posting limits per person and per channel, and is refused while the channel's outbox is full.
   */
  postsToChannel?: boolean;
  /**
   * `key:` options the command accepts. A `key:value` with another key is refused with the right
   * form (a quoted one, a link and a word ending in a colon stay ordinary words); with no options
   * declared, every `key:value` is an ordinary word.
   */
  options?: readonly string[];
  /**
   * Plain-language questions that mean this command, for lines that start no command: "who is
   * responsible for backups?" is `who owns`. Each is tried on the line (greeting removed, any case);
   * the first that matches runs the command with its `subject` group as the text after the command's
   * words, or the whole line when it has none. Checked after every command's words, so a question
   * never takes a command's place.
   */
  questions?: readonly RegExp[];
  /**
   * The command changes nothing: it reads and answers (`who owns`, `matrix`, `help`). Its turn writes
   * only bookkeeping (the delivery's id, the speaker seen in the channel), in a commit that does not
   * wait for the disk (`durable: false`): a power cut may forget that bookkeeping, never a change.
   * It may not audit, post, update a post or change times (those throw).
   */
  readOnly?: boolean;
  /** The command reads a block of lines (CSV): a face that sends one line at a time reads on until a blank line. */
  takesBlock?: boolean;
  args: z.ZodType<A, ArgInput>;
  /**
   * A destructive command: what it would do, shown with a Confirm button before anything changes;
   * `run` runs only once its author confirms (`confirm <code>`, within 10 minutes). May refuse, as
   * `run` would, before asking.
   */
  confirm?(ctx: ChannelContext, args: A): Promise<Block[]>;
  /** The face tells whether the person administers the platform (a Slack workspace admin): `setup claim`. */
  platformRole?: boolean;
  run(ctx: ChannelContext, args: A): Promise<Reply>;
}

/** A command spec with its argument type erased, as the registry holds it. */
export type AnyCommandSpec = CommandSpec<unknown>;

/** Declares a command; the identity function keeps `A` checked between `args` and `run`. */
export function defineCommand<A>(spec: CommandSpec<A>): CommandSpec<A> {
  return spec;
}

/** For commands that run before the channel is registered (help, setup). */
export function defineUnboundCommand<A>(
  spec: Omit<CommandSpec<A>, 'run' | 'requiresSetup'> & { run(ctx: CommandContext, args: A): Promise<Reply> },
): CommandSpec<A> {
  return { ...spec, requiresSetup: false } as CommandSpec<A>;
}
