import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Bot } from '../../src/kernel/bot.js';
import type { ManualClock } from '../../src/kernel/clock.js';
import type { ChatAdapter, PostedMessage, ThreadTarget } from '../../src/kernel/ports/chat.js';
import type { Store } from '../../src/kernel/ports/store.js';
import type { ImageBlock, Reply } from '../../src/kernel/reply.js';
import type { ConversationRef } from '../../src/kernel/types.js';
import { renderText } from './render.js';
import { ConsoleSession, indent } from './session.js';

/** The one conversation of the console face. */
export const CONSOLE_CONVERSATION: ConversationRef = { platform: 'console', channelId: 'console' };

/** Posts and updates from the scheduler and the outbox, printed with the simulated time. */
export class ConsoleChat implements ChatAdapter {
  readonly platform = 'console' as const;
  #next = 1;
  /** What a posted card is called (`ESC-4`), so that replies in its thread say whose they are. */
  readonly #labels = new Map<string, string>();
  constructor(
    private readonly out: (text: string) => void,
    private readonly stamp: () => Promise<string>,
    /** Writes a chart as a PNG file and gives its path (the console has no address to serve it from). */
    private readonly writePicture?: (block: ImageBlock) => Promise<string>,
  ) {}

  async post(_conversation: ConversationRef, reply: Reply, thread?: ThreadTarget): Promise<PostedMessage> {
    const id = `m${this.#next++}`;
    if (thread) {
      const where = `in the thread of ${this.#labels.get(thread.platformMessageId) ?? 'its post'}`;
      const also = thread.broadcast ? ', also shown in the channel' : '';
      this.out(`[${await this.stamp()}] Tandem replied ${where}${also}:\n${indent(indent(renderText(reply)))}`);
      return { platformMessageId: id };
    }
    const title = /^== (.+?) ==/.exec(renderText(reply))?.[1];
    if (title) this.#labels.set(id, title.split(' · ')[0]!);
    const pictures = new Map<ImageBlock, string>();
    for (const b of reply.blocks) {
      if (b.kind === 'image' && this.writePicture) pictures.set(b, await this.writePicture(b));
    }
    this.out(`[${await this.stamp()}] Tandem posted:\n${indent(renderText(reply, pictures))}`);
    return { platformMessageId: id };
  }

  async update(_conversation: ConversationRef, _id: string, reply: Reply): Promise<void> {
    this.out(`[${await this.stamp()}] Tandem updated its post:\n${indent(renderText(reply))}`);
  }
}

export interface ConsoleOptions {
  bot: Bot;
  store: Store;
  clock: ManualClock;
  advanceTo: (to: Date) => Promise<void>;
  jumpTo?: (to: Date) => Promise<void>;
  /** Runs after each command's reply is printed (delivers the outbox). */
  afterCommand?: () => Promise<void>;
  out: (text: string) => void;
  /** A file of lines to run; interactive on stdin when absent. */
  scriptPath?: string;
  /** Who is speaking at first. */
  userName?: string;
}

/** Runs the console face until the script ends, stdin closes or `:quit`. */
export async function runConsole(opts: ConsoleOptions): Promise<ConsoleSession> {
  const session = new ConsoleSession(
    {
      bot: opts.bot,
      clock: opts.clock,
      store: opts.store,
      conversation: CONSOLE_CONVERSATION,
      out: opts.out,
      advanceTo: opts.advanceTo,
      jumpTo: opts.jumpTo,
      afterCommand: opts.afterCommand,
    },
    opts.userName,
  );
  if (opts.scriptPath) {
    const lines = readFileSync(opts.scriptPath, 'utf8').split(/\r?\n/);
    for (const line of lines) {
      if (!session.inBlock && /^:quit\b/.test(line.trim())) break;
      if (!session.inBlock && line.trim().startsWith('#')) {
        opts.out(line);
        continue;
      }
      if (line.trim()) opts.out(`${session.prompt()}${line.trim()}`);
      await session.handleLine(line);
    }
    await session.finish();
    return session;
  }

  opts.out(
    `Tandem console — the time is ${await session.now()}. Type help for commands, :help for console directives, ` +
      `:quit to leave.`,
  );
  opts.out('Start with: setup org:Acme msp:Northwind tz:America/New_York');
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: session.prompt() });
  rl.prompt();
  for await (const line of rl) {
    if (!session.inBlock && /^:(quit|exit)\b/.test(line.trim())) break;
    try {
      await session.handleLine(line);
    } catch (err) {
      opts.out(`(console error: ${(err as Error).message})`);
    }
    rl.setPrompt(session.prompt());
    rl.prompt();
  }
  await session.finish();
  rl.close();
  return session;
}
