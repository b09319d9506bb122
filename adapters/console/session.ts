import { parseDurationMs } from '../../src/domain/duration.js';
import { formatLocal, localToInstant, parseIsoDate, parseMinuteOfDay } from '../../src/domain/zoned-time.js';
import type { Bot } from '../../src/kernel/bot.js';
import type { ManualClock } from '../../src/kernel/clock.js';
import type { Store } from '../../src/kernel/ports/store.js';
import type { Button } from '../../src/kernel/reply.js';
import type { Actor, ConversationRef } from '../../src/kernel/types.js';
import { renderText } from './render.js';

export interface ConsoleSessionDeps {
  bot: Bot;
  clock: ManualClock;
  store: Store;
  conversation: ConversationRef;
  /** Writes one line (or block) of the transcript. */
  out: (text: string) => void;
  /** Moves simulated time forward to `to`, running every job that falls due on the way, in order. */
  advanceTo: (to: Date) => Promise<void>;
  /** Sets the clock for `:at` without running what lies between; scheduled posts are planned again from there. */
  jumpTo?: (to: Date) => Promise<void>;
  /** Runs after each command's reply is printed: delivers what the command queued, so posts follow the reply. */
  afterCommand?: () => Promise<void>;
}

const MAX_ADVANCE_MS = 366 * 86_400_000;

/** The console face's conversation: directives, then everything else to the bot as a command line. */
export class ConsoleSession {
  #actor: Actor;
  /** The buttons of the latest reply that had any, for `:click` (as on a chat, they stay clickable). */
  #buttons: Button[] = [];
  /** The lines of a block being read (`matrix import` and its CSV), until a blank line; null when none. */
  #block: string[] | null = null;
  /** The local time an `:at` before setup was given as, read as UTC, for setup to offer reading it again. */
  #atBeforeSetup: string | null = null;

  constructor(
    private readonly deps: ConsoleSessionDeps,
    userName = 'you',
  ) {
    this.#actor = { platform: 'console', userId: userName, name: userName };
  }

  get actor(): Actor {
    return this.#actor;
  }

  /** The prompt shown before a line, e.g. `alice> `; `… ` inside a block. */
  prompt(): string {
    return this.#block ? '… ' : `${this.#actor.name}> `;
  }

  /** True while the lines of a block are being read: every line is data until a blank one. */
  get inBlock(): boolean {
    return this.#block !== null;
  }

  /** Sends a block the input ended inside of (a script whose CSV runs to its last line). */
  async finish(): Promise<void> {
    if (this.#block) await this.handleLine('');
  }

  /** The timezone the console shows times in: the channel's, or UTC before setup. */
  async timeZone(): Promise<string> {
    return (await this.deps.store.channels.find(this.deps.conversation))?.timezone ?? 'UTC';
  }

  private async isSetUp(): Promise<boolean> {
    return (await this.deps.store.channels.find(this.deps.conversation)) !== null;
  }

  async now(): Promise<string> {
    return formatLocal(this.deps.clock.now(), await this.timeZone());
  }

  async handleLine(raw: string): Promise<void> {
    const line = raw.trim();
    if (this.#block) {
      if (line) return void this.#block.push(line);
      const text = this.#block.join('\n');
      this.#block = null;
      return this.send(text);
    }
    if (!line) return;
    if (line.startsWith('#')) return;
    if (line.startsWith(':')) return this.directive(line);
    const text = line.replace(/^@tandem\b[:,]?\s*/i, '');
    if (this.deps.bot.registry.takesBlock(text)) {
      this.#block = [text];
      return this.deps.out('(reading the lines that follow as one message, up to a blank line)');
    }
    return this.send(text);
  }

  private async send(text: string): Promise<void> {
    const wasSetUp = await this.isSetUp();
    const reply = await this.deps.bot.handle({ conversation: this.deps.conversation, actor: this.#actor, text });
    const who = reply.visibility === 'ephemeral' ? 'Tandem (only you see this)' : 'Tandem';
    const buttons = reply.blocks.flatMap((b) => (b.kind === 'buttons' ? b.buttons : []));
    if (buttons.length) this.#buttons = buttons;
    this.deps.out(`${who}:\n${indent(renderText(reply))}`);
    if (!wasSetUp && this.#atBeforeSetup && (await this.isSetUp())) await this.offerToReadTheClockAgain();
    await this.deps.afterCommand?.();
  }

  /** `:click <label>`: runs the command of that button of the latest reply with buttons, as the current speaker. */
  private async click(label: string): Promise<void> {
    const button = this.#buttons.find((b) => b.label.toLowerCase() === label.toLowerCase());
    if (!button) {
      const labels = this.#buttons.map((b) => b.label).join(', ');
      return this.deps.out(
        labels ? `Usage: :click <label>   the latest buttons: ${labels}` : 'No reply had buttons to click yet.',
      );
    }
    this.deps.out(`(clicked ${button.label}: ${button.command})`);
    await this.send(button.command);
  }

  /** After setup gave the channel a zone: the clock set before it was read as UTC; say so and how to read it anew. */
  private async offerToReadTheClockAgain(): Promise<void> {
    const typed = this.#atBeforeSetup!;
    this.#atBeforeSetup = null;
    const zone = await this.timeZone();
    this.deps.out(
      `(The clock was set with :at ${typed} before the channel had a timezone, so it was read as UTC; in ${zone} ` +
        `it is ${await this.now()}. To read ${typed} as ${zone} time instead, type :at ${typed})`,
    );
  }

  private async directive(line: string): Promise<void> {
    const [name, ...rest] = line.slice(1).split(/\s+/);
    const arg = rest.join(' ').trim();
    switch (name?.toLowerCase()) {
      case 'as': {
        const m = /^@?([\p{L}\p{N}][\p{L}\p{N}._-]*)(?:\s+org:([\p{L}\p{N}][\p{L}\p{N}._-]*))?$/u.exec(arg);
        if (!m) return this.deps.out('Usage: :as <name> [org:<id>]   e.g. :as alice, :as sam org:northwind');
        const [, who, org] = m as unknown as [string, string, string | undefined];
        this.#actor = { platform: 'console', userId: who, name: who, ...(org ? { orgId: org } : {}) };
        return this.deps.out(`(now speaking as ${who}${org ? ` of organisation ${org}` : ''})`);
      }
      case 'at': {
        const zone = await this.timeZone();
        const at = this.parseLocal(arg, zone);
        if (!at)
          return this.deps.out(`Usage: :at <YYYY-MM-DDTHH:MM>   local time in ${zone}, e.g. :at 2026-11-27T16:30`);
        if (this.deps.jumpTo) await this.deps.jumpTo(at);
        else this.deps.clock.set(at);
        const setUp = await this.isSetUp();
        this.#atBeforeSetup = setUp ? null : arg;
        const utcNote = setUp
          ? ''
          : ' — read as UTC: the channel has no timezone until `setup` gives it one, and setup offers to read it again';
        this.deps.out(`(the time is now ${await this.now()}${utcNote})`);
        // What is due at the new moment itself (a re-notification brought forward) is posted now.
        return this.deps.afterCommand?.();
      }
      case 'advance': {
        const ms = parseDurationMs(arg);
        if (ms === null || ms <= 0 || ms > MAX_ADVANCE_MS)
          return this.deps.out(
            'Usage: :advance <duration>   e.g. :advance 90m, :advance 14h, :advance 3d (at most 366d)',
          );
        await this.deps.advanceTo(new Date(this.deps.clock.now().getTime() + ms));
        return this.deps.out(`(the time is now ${await this.now()})`);
      }
      case 'now':
        return this.deps.out(`(the time is ${await this.now()})`);
      case 'click':
        return this.click(arg);
      case 'help':
        return this.deps.out(
          'Console directives: :as <name> [org:<id>] (speak as someone, of an organisation), ' +
            ':at <YYYY-MM-DDTHH:MM> (jump the clock, local), :advance <90m|14h|3d> (move the clock, running what ' +
            'falls due), :click <label> (click a button of the latest reply with buttons), :now, :quit. :at is a ' +
            'jump: nothing scheduled in between is posted, and what is still waiting (a re-notification) comes at ' +
            'the new time; :advance runs everything on the way. `matrix import` reads the lines after it, up to a ' +
            'blank line, as its CSV. Anything else goes to Tandem; type help.',
        );
      default:
        return this.deps.out(`Unknown directive “:${name}”. Type :help for the console directives.`);
    }
  }

  private parseLocal(text: string, zone: string): Date | null {
    const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}:\d{2})$/.exec(text);
    if (!m) return null;
    const date = parseIsoDate(m[1]!);
    const minute = parseMinuteOfDay(m[2]!);
    if (!date || minute === null || minute >= 1440) return null;
    return localToInstant(date, minute, zone);
  }
}

export function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
