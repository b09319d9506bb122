import type * as z from 'zod';
import type { Bot } from '../src/kernel/bot.js';
import type { Clock } from '../src/kernel/clock.js';
import type { Logger } from '../src/kernel/logger.js';
import type { ChatAdapter } from '../src/kernel/ports/chat.js';
import type { Store } from '../src/kernel/ports/store.js';
import type { CommandRegistry } from '../src/kernel/registry.js';
import type { HttpServer } from './http/server.js';

/** What a face is given when it starts: the core to hand commands to, and the process's HTTP server. */
export interface FaceCore {
  bot: Bot;
  registry: CommandRegistry;
  store: Store;
  clock: Clock;
  log: Logger;
  /** The one HTTP server of the process: a face mounts its endpoint and its readiness check on it. */
  http: HttpServer;
}

/** A started face. */
export interface RunningFace {
  /** Posts and in-place updates for the outbox; its `pacingMs` is the platform's rate. */
  chat: ChatAdapter;
  /** Graceful shutdown: no new requests, the ones in progress finished. */
  stop(): Promise<void>;
}

/**
 * A platform Tandem speaks through (Slack, Teams…), as a plugin: its own environment variables,
 * when it is wanted, and how it starts. A new face is a folder under adapters/ exporting one of
 * these, plus one line in adapters/faces.ts; nothing in src/ changes.
 */
export interface Face<C = unknown> {
  /** The name stored with its channels, people and posts, e.g. `slack`. Never rename one that has data. */
  platform: string;
  /** Its environment variables, parsed once at start; a bad value names the variable. */
  config: z.ZodType<C>;
  /** Whether the environment asks for this face (its credentials are set). */
  wanted(config: C): boolean;
  /** Problems across its variables (a token without its secret), each saying what to set. */
  problems?(config: C): string[];
  start(config: C, core: FaceCore): Promise<RunningFace>;
}

/** A face with its configuration type erased, as the list holds it. */
export type AnyFace = Face<unknown>;

/** Declares a face; keeps `C` checked between `config`, `wanted` and `start`. */
export function defineFace<C>(face: Face<C>): Face<C> {
  return face;
}
