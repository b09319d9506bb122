import type * as z from 'zod';
import { closest } from '../domain/edit-distance.js';
import { stripChatter } from './chatter.js';
import type { AnyCommandSpec, ArgInput } from './command.js';
import { UserError } from './errors.js';
import { type Token, tokenize } from './tokenize.js';

/** The word that reaches every command: Slack's `/tandem <command>`, and a command line's optional prefix. */
export const MAIN_SLASH = 'tandem';

/**
 * The longest line read as a command: room for the largest CSV import, and a bound on the work one message can cause.
 */
export const MAX_LINE = 300_000;

export interface ParsedCommand {
  spec: AnyCommandSpec;
  args: unknown;
}

/** The declared commands. Two commands claiming the same words are a programming error. */
export class CommandRegistry {
  readonly #specs: AnyCommandSpec[] = [];
  readonly #byPath = new Map<string, AnyCommandSpec>();
  readonly #shortcuts = new Map<string, string>();

  constructor(specs: readonly AnyCommandSpec[] = []) {
    for (const s of specs) this.register(s);
  }

  register(spec: AnyCommandSpec): void {
    if (this.#specs.some((s) => s.id === spec.id)) throw new Error(`command id "${spec.id}" is declared twice`);
    for (const path of [spec.path, ...(spec.aliases ?? [])]) {
      const key = path.join(' ');
      const taken = this.#byPath.get(key);
      if (taken) throw new Error(`"${key}" is claimed by both "${taken.id}" and "${spec.id}"`);
    }
    if (spec.shortcut !== undefined) {
      if (!/^[a-z]+$/.test(spec.shortcut) || spec.shortcut === MAIN_SLASH)
        throw new Error(`"${spec.id}" has a bad shortcut`);
      if (this.#shortcuts.has(spec.shortcut)) throw new Error(`shortcut "${spec.shortcut}" is declared twice`);
    }
    for (const path of [spec.path, ...(spec.aliases ?? [])]) this.#byPath.set(path.join(' '), spec);
    if (spec.shortcut !== undefined) this.#shortcuts.set(spec.shortcut, spec.path.join(' '));
    this.#specs.push(spec);
  }

  get all(): readonly AnyCommandSpec[] {
    return this.#specs;
  }

  /** One-word forms and the words each stands for (`whoowns` → `who owns`), in registration order. */
  get shortcuts(): ReadonlyMap<string, string> {
    return this.#shortcuts;
  }

  /** The commands a face shows in its menu, in menu order. */
  get menu(): readonly AnyCommandSpec[] {
    return this.#specs.filter((s) => s.menu !== undefined).sort((a, b) => a.menu! - b.menu!);
  }

  /** Strips a leading `/tandem` and expands shortcuts such as `/whoowns x` to `who owns x`. */
  stripSlash(line: string): string {
    const trimmed = line.trim();
    const m = /^\/([a-z]+)\b\s*/i.exec(trimmed);
    if (!m) return trimmed;
    const name = m[1]!.toLowerCase();
    const rest = trimmed.slice(m[0].length);
    if (name === MAIN_SLASH) return rest.trim();
    const expansion = this.#shortcuts.get(name);
    return expansion ? `${expansion} ${rest}`.trim() : trimmed;
  }

  /** True when the line starts a command that reads a block of lines (`matrix import`), which a console reads whole. */
  takesBlock(line: string): boolean {
    try {
      return this.match(tokenize(stripChatter(this.stripSlash(line))))?.spec.takesBlock === true;
    } catch {
      return false;
    }
  }

  /** The spec selected by the longest run of leading words, and how many tokens it used. */
  match(tokens: Token[]): { spec: AnyCommandSpec; used: number } | null {
    const words = tokens.map((t) => (t.quoted || t.option || t.mention ? '\u0000' : t.text.toLowerCase()));
    for (let len = Math.min(words.length, 4); len > 0; len--) {
      const spec = this.#byPath.get(words.slice(0, len).join(' '));
      if (spec) return { spec, used: len };
    }
    return null;
  }

  /**
   * Whether the line's command wants the face to say if the person administers the platform
   * (`platformRole`, e.g. `setup claim`), so that faces ask the platform only when it matters.
   */
  wantsPlatformRole(line: string): boolean {
    // The command's words come first: the head of the line is enough.
    return this.match(tokenize(this.stripSlash(line.slice(0, 200))))?.spec.platformRole === true;
  }

  /**
   * Whether the line is a lookup (a command declared `readOnly`) or a mistake: either is answered
   * without a durable write, so a face may wait for its answer before acknowledging the platform.
   */
  readsOnly(line: string): boolean {
    try {
      return this.parse(line).spec.readOnly === true;
    } catch {
      return true;
    }
  }

  /** Turns a line into a command and its validated arguments, or throws a UserError with the right form. */
  parse(line: string): ParsedCommand {
    if (line.length > MAX_LINE) {
      throw new UserError(
        `That message is ${line.length} characters; Tandem reads at most ${MAX_LINE} in one message (a CSV import ` +
          `at most 256 KB). Send less at once.`,
        'too_long',
      );
    }
    const normalized = stripChatter(this.stripSlash(line));
    if (!normalized)
      throw new UserError('Type a command after it, for example `who owns backups`. Type `help` to see every command.');
    const tokens = tokenize(normalized);
    const found = this.match(tokens);
    if (!found) {
      const asked = this.question(normalized);
      if (asked) return this.validate(asked.spec, { words: tokenize(asked.text), options: {}, rest: asked.text });
      throw this.unknown(tokens[0]?.text ?? normalized);
    }
    const { spec, used } = found;
    const after = tokens.slice(used);
    const declared = new Set(spec.options ?? []);
    const input: ArgInput = {
      words: after.filter((t) => !(t.option && declared.has(t.option.key))),
      options: {},
      rest: after.length ? normalized.slice(after[0]!.start).trim() : '',
    };
    for (const t of after) {
      if (!t.option) continue;
      if (!declared.has(t.option.key)) {
        if (declared.size > 0 && looksLikeOption(t)) throw unknownOption(spec, t);
        continue;
      }
      if (t.option.key in input.options)
        throw new UserError(`\`${t.option.key}:\` is given twice.\nUsage: ${spec.usage}`);
      input.options[t.option.key] = t.option.value;
    }
    return this.validate(spec, input, after[0]);
  }

  private validate(spec: AnyCommandSpec, input: ArgInput, next?: Token): ParsedCommand {
    const result = spec.args.safeParse(input);
    if (result.success) return { spec, args: result.data };
    const hint = next ? this.subcommandHint(spec, next) : '';
    throw new UserError(`${describeIssues(result.error)}${hint}\nUsage: \`${spec.usage}\``, 'usage');
  }

  /** The command whose plain-language question the line is, with the text it asks about. */
  private question(line: string): { spec: AnyCommandSpec; text: string } | null {
    for (const spec of this.#specs) {
      for (const pattern of spec.questions ?? []) {
        const m = pattern.exec(line);
        if (m) return { spec, text: (m.groups?.subject ?? line).trim() };
      }
    }
    return null;
  }

  /** ` Did you mean \`matrix set\`?` when the word after a command is a typo of a longer command's next word. */
  private subcommandHint(spec: AnyCommandSpec, next: Token): string {
    if (next.quoted || next.option || next.mention) return '';
    const prefix = spec.path.join(' ');
    const longer = [...this.#byPath.keys()].filter((k) => k.startsWith(`${prefix} `));
    const words = [...new Set(longer.map((k) => k.slice(prefix.length + 1).split(' ')[0]!))];
    const guess = nearWord(next.text.toLowerCase(), words);
    return guess ? ` Did you mean \`${prefix} ${guess}\`?` : '';
  }

  private unknown(word: string): UserError {
    const typed = word.toLowerCase();
    const firstWords = [...new Set([...this.#byPath.keys()].map((k) => k.split(' ')[0]!))];
    const guess = nearWord(typed, firstWords);
    const hint = guess ? ` Did you mean \`${guess}\`?` : '';
    return new UserError(
      `I don't know the command “${word.slice(0, 40)}”.${hint} Type \`help\` to see every command, or ask in plain ` +
        `words, e.g. “who is responsible for backups?”.`,
      'unknown_command',
    );
  }
}

/**
 * The candidate a typed word is a typo of: one edit for words of up to five letters, two for longer
 * ones; never the word itself ("who" is no suggestion for "who").
 */
export function nearWord(typed: string, candidates: readonly string[]): string | null {
  if (typed.length < 2) return null;
  const words = candidates.filter((c) => c !== typed && /^[a-z][a-z-]/.test(c));
  return closest(typed, words, typed.length <= 5 ? 1 : 2);
}

/** A `key:value` meant as an option: not a link (`https://…`), a path (`C:\\…`) or a word ending in a colon. */
function looksLikeOption(t: Token): boolean {
  const value = t.option!.value;
  return !t.quoted && value !== '' && !value.startsWith('//') && !value.startsWith('\\') && t.option!.key !== 'mailto';
}

function unknownOption(spec: AnyCommandSpec, t: Token): UserError {
  const options = spec.options ?? [];
  const guess = nearWord(t.option!.key, options);
  const list = options.map((o) => `\`${o}:\``).join(', ');
  return new UserError(
    `\`${t.option!.key}:\` is not an option of \`${spec.path.join(' ')}\`.` +
      `${guess ? ` Did you mean \`${guess}:\`?` : ''} ` +
      `Its options: ${list}. To keep “${t.text.slice(0, 40)}” as words, put it in quotes.\nUsage: \`${spec.usage}\``,
    'usage',
  );
}

function describeIssues(error: z.ZodError): string {
  return [...new Set(error.issues.map((i) => i.message))].join('\n');
}
