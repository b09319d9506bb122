import type { z } from 'zod';
import type { Channel, Mention, Person } from '../domain/model.js';
import type { Clock } from './clock.js';
import type { JobKindRegistry } from './job-kind.js';
import type { Logger } from './logger.js';
import type { Store } from './ports/store.js';
import type { PostOptions } from './posting.js';
import type { Reply } from './reply.js';
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

export type Permission = 'anyone' | 'manager';

export interface CommandContext {
  now: Date;
  clock: Clock;
  actor: Person;
  conversation: ConversationRef;
  /** The registered channel; always set for commands with `requiresSetup`. */
  channel: Channel | null;
  isManager: boolean;
  store: Store;
  log: Logger;
  /** Help needs to see every command. */
  commands: readonly AnyCommandSpec[];
  /** Records a change in the audit log as the actor, now. */
  audit(action: string, subject: string, before: unknown, after: unknown): Promise<void>;
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
  /** `key:` options the command accepts; a `key:value` with another key stays an ordinary word. */
  options?: readonly string[];
  args: z.ZodType<A, ArgInput>;
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
