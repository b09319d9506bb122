import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { type Db, openDb } from '../../db/client.js';
import { createStore } from '../../db/store.js';
import { createCore } from '../../src/app/create-core.js';
import { ALL_COMMANDS, createRegistry } from '../../src/features/index.js';
import { ManualClock } from '../../src/kernel/clock.js';
import type { Logger } from '../../src/kernel/logger.js';
import type { Store, TransactionOptions } from '../../src/kernel/ports/store.js';
import type { CommandRegistry } from '../../src/kernel/registry.js';
import type { Block, Reply, Span } from '../../src/kernel/reply.js';
import type { ConversationRef, Platform } from '../../src/kernel/types.js';

// ---- the database, whole ------------------------------------------------------------------------

/** Every row of every table as JSON text, sorted per table: two dumps are equal when nothing was written. */
export type TableDump = Record<string, string[]>;

export function dumpTables(sqlite: Database.Database): TableDump {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  const out: TableDump = {};
  for (const t of tables) {
    out[t] = (
      sqlite
        .prepare(`SELECT * FROM "${t.replace(/"/g, '""')}"`)
        .raw()
        .all() as unknown[][]
    )
      .map((r) => JSON.stringify(r))
      .sort();
  }
  return out;
}

export interface TableChange {
  added: string[];
  removed: string[];
}

/** The rows that differ between two dumps, by table; tables without a change are left out. */
export function changedRows(before: TableDump, after: TableDump): Record<string, TableChange> {
  const out: Record<string, TableChange> = {};
  for (const t of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const count = new Map<string, number>();
    for (const r of before[t] ?? []) count.set(r, (count.get(r) ?? 0) + 1);
    const added: string[] = [];
    for (const r of after[t] ?? []) {
      const n = count.get(r) ?? 0;
      if (n > 0) count.set(r, n - 1);
      else added.push(r);
    }
    const removed = [...count].flatMap(([r, n]) => Array<string>(n).fill(r));
    if (added.length || removed.length) out[t] = { added, removed };
  }
  return out;
}

// ---- a core that says how each command ended ----------------------------------------------------

/** How the command's own transaction ended: committed, rolled back, or never started (the line did not parse). */
export type Outcome = 'committed' | 'rolled back' | 'not run';

export interface LogRecord {
  level: string;
  obj: object;
  msg?: string;
}

export function collectingLogger(records: LogRecord[] = []): Logger & { records: LogRecord[] } {
  const at = (level: string) => (obj: object, msg?: string) =>
    void records.push({ level, obj, ...(msg === undefined ? {} : { msg }) });
  const log: Logger & { records: LogRecord[] } = {
    records,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => log,
  };
  return log;
}

/**
 * A core over its own in-memory database whose store reports how each outermost transaction
 * ended, so that a test knows whether the command it sent committed, without trusting the reply.
 */
export function makeObservedCore(opts: { start?: string; platform?: Platform; channelId?: string; db?: Db } = {}) {
  const db = opts.db ?? openDb(':memory:');
  const store: Store = createStore(db);
  const outcomes: Exclude<Outcome, 'not run'>[] = [];
  const inner = store.transaction.bind(store);
  // Marks the async context of an outermost transaction: a transaction called inside it joins it.
  const outermost = new AsyncLocalStorage<true>();
  store.transaction = async <T>(fn: (tx: Store) => Promise<T>, options?: TransactionOptions): Promise<T> => {
    if (outermost.getStore()) return inner(fn, options);
    try {
      const result = await outermost.run(true, () => inner(fn, options));
      outcomes.push('committed');
      return result;
    } catch (err) {
      outcomes.push('rolled back');
      throw err;
    }
  };
  const clock = new ManualClock(new Date(opts.start ?? '2026-11-30T15:00:00Z'));
  const log = collectingLogger();
  const { bot, registry } = createCore({ store, clock, log });
  const platform = opts.platform ?? 'slack';
  const conversation: ConversationRef = { platform, channelId: opts.channelId ?? 'C0FUZZ' };

  /** Runs one line as `who`; says how the command's transaction ended. */
  const say = async (who: string, text: string): Promise<{ reply: Reply; outcome: Outcome }> => {
    const first = outcomes.length;
    const reply = await bot.handle({ conversation, actor: { platform, userId: who, name: who.toLowerCase() }, text });
    return { reply, outcome: outcomes[first] ?? 'not run' };
  };
  /** Lines that must work, for arranging a test. */
  const must = async (who: string, text: string): Promise<Reply> => {
    const { reply, outcome } = await say(who, text);
    if (outcome !== 'committed') throw new Error(`arranging "${text}" failed: ${JSON.stringify(reply)}`);
    return reply;
  };
  const internalErrors = () => log.records.filter((r) => r.level === 'error');
  return {
    db,
    sqlite: db.$client,
    store,
    clock,
    log,
    bot,
    registry,
    conversation,
    say,
    must,
    internalErrors,
    dump: () => dumpTables(db.$client),
  };
}

export type ObservedCore = ReturnType<typeof makeObservedCore>;

export const MANAGER = 'UALICE';
export const MEMBER = 'UBOB';

/**
 * A channel with something in every table a command touches: set up by the manager, a holiday,
 * a second area with a contact, and ESC-1 (open), ESC-2 (acknowledged), ESC-3 (resolved).
 */
export async function makeBusyChannel(opts: Parameters<typeof makeObservedCore>[0] = {}): Promise<ObservedCore> {
  const core = makeObservedCore(opts);
  await core.must(
    MANAGER,
    'setup org:Acme msp:Northwind tz:America/New_York internal:<group:SITTEAM|@it-team> msp-team:<group:SNOC|@noc>',
  );
  await core.must(MANAGER, 'holiday add 2026-12-25 Christmas Day');
  await core.must(
    MANAGER,
    'matrix set "label printers" business:internal contact:<user:UCAROL|carol> aliases:"zebra, labels" note:"ask ' +
      'Carol"',
  );
  await core.must(MEMBER, 'escalate VPN down for the Boston office p1');
  await core.must(MEMBER, 'escalate printer queue stuck area:"label printers" ticket:48213');
  await core.must(MANAGER, 'ack ESC-2');
  await core.must(MEMBER, 'escalate backups failed overnight p2 ticket:https://psa.example.com/t/991');
  await core.must(MANAGER, 'resolve ESC-3 restarted the agent');
  return core;
}

// ---- what a line of input can be ----------------------------------------------------------------

/** Every way to start a command: each command's words and aliases, and the slash forms. */
export function commandStarts(registry: CommandRegistry = createRegistry()): string[] {
  const words = registry.all.flatMap((s) => [s.path, ...(s.aliases ?? [])].map((p) => p.join(' ')));
  const shortcuts = [...registry.shortcuts.keys()].map((s) => `/${s}`);
  return [...new Set([...words, ...words.map((w) => `/tandem ${w}`), ...shortcuts, 'WHO OWNS', 'Matrix Set'])];
}

/** Every example line the commands declare: near-valid input, so that mutations reach the handlers. */
export function commandExamples(): string[] {
  return ALL_COMMANDS.flatMap((s) => s.examples ?? []).filter((e) => !e.startsWith('@Tandem'));
}

const CSV_HEADER = 'area,business,after_hours,contact,aliases,note';

/** Pieces of input that have broken chat bots before: markup, mentions, formulas, quotes, odd characters. */
export const ADVERSARIAL = [
  '',
  ' ',
  '"',
  '“',
  '”',
  '""',
  '"unclosed',
  "'",
  '`',
  '```',
  '\\',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '\u0000',
  '\u0007',
  '\u001b[31mred',
  '\u202eevil',
  '\u200b',
  '\ufeff',
  '\ud800',
  '\udc00',
  '😀',
  '👩‍💻',
  'é',
  'e\u0301',
  'İ',
  'ß',
  '中文',
  'עברית',
  'ﷺ',
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!subteam^S0EVIL|@admins>',
  '<@U0EVIL>',
  '<@U0EVIL|boss>',
  '<#C0GEN|general>',
  '<https://evil.example/|click me>',
  '<http://evil.example>',
  '<mailto:x@evil.example|mail>',
  '<tel:123>',
  '<user:U0REAL|Real>',
  '<group:S0GRP|@grp>',
  '<user:|x>',
  '<user:a b|c>',
  '<user:U1|>',
  '<group:tag:abc|Team>',
  '<user:6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b|Eve>',
  '@channel',
  '@here',
  '@everyone',
  '@UCEO',
  '@W0BOSS',
  '@6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  '@',
  '@@x',
  '<at>Boss</at>',
  '<at>',
  'contact:@UCEO',
  'internal:@W0BOSS',
  'msp-team:@S0ADMINS',
  'contact:@0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  'internal:<group:tag:abc|Admins>',
  'contact:<user:0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d|Eve>',
  '[x](https://y.example)',
  '[click](javascript:alert(1))',
  '![img](https://y.example/x.png)',
  '<https://y.example>',
  'https://y.example/a?b=1&c=2',
  '**bold**',
  '_it_',
  '~~s~~',
  '# h',
  '> q',
  '- li',
  '1. n',
  '| a | b |',
  '{{DATE(2026-01-01T00:00:00Z)}}',
  '&amp;',
  '&lt;!channel&gt;',
  '&#91;x&#93;',
  '<b>x</b>',
  '<script>alert(1)</script>',
  "=cmd|' /C calc'!A0",
  '=1+1',
  '+1',
  '-2',
  '@SUM(A1)',
  '\t=x',
  "'=x",
  '=HYPERLINK("https://evil.example","x")',
  'area:',
  'area:backups',
  'area:"L1 support"',
  'area:nothing-like-it',
  'ticket:',
  'ticket:48213',
  'ticket:https://psa.example.com/t/1',
  'ticket:javascript:alert(1)',
  'ticket:<!channel>',
  'priority:p1',
  'priority:9',
  'p1',
  'P4',
  'p5',
  'business:msp',
  'business:evil',
  'after-hours:internal',
  'contact:@noc',
  'contact:<user:U0EVIL|evil>',
  'contact:none',
  'contact:',
  'aliases:"a, b"',
  'aliases:,,,',
  'note:"x"',
  'note:',
  'org:Acme',
  'org:""',
  'msp:Northwind',
  'tz:America/New_York',
  'tz:Mars/Base',
  'tz:UTC',
  'internal:@it',
  'msp-team:<group:S1|@noc>',
  'ESC-1',
  'ESC-2',
  'esc-3',
  '#1',
  '0',
  '-1',
  'ESC-0',
  'ESC-999999999',
  'ESC-99999999999999',
  '1e9',
  'NaN',
  'Infinity',
  'mon-fri',
  'sun-thu',
  'mon,wed',
  '08:00-17:00',
  '25:00-26:00',
  '17:00-08:00',
  '00:00-24:00',
  '2026-12-25',
  '2026-02-30',
  '9999-99-99',
  '1969-12-31',
  'weekly',
  'monthly',
  'quarterly',
  'first',
  'last',
  'fifth',
  'tuesday',
  '10:00',
  '24:00',
  'month:2',
  'month:4',
  'duration:90',
  'duration:-5',
  'duration:99999',
  '1d,15m',
  '0m',
  '999d',
  '--overnight',
  '—overnight',
  '+30m',
  '+99h',
  'start',
  'p1:5',
  'p4:none',
  'p3:2h',
  'p2:-1',
  'all',
  'open',
  '50',
  '51',
  '99999999999999999999',
  `${CSV_HEADER}\nx,msp,msp,,,`,
  `${CSV_HEADER}\n"=cmd|' /C calc'!A0",msp,msp,,"+a, -b",@SUM(1)`,
  `${CSV_HEADER}\n<!channel>,internal,msp,<user:U0EVIL|x>,,"[x](https://y.example)"`,
  `\`\`\`\n${CSV_HEADER}\nbackups,msp,msp,,,\n\`\`\``,
  `${CSV_HEADER}\nx,msp`,
  'area;business;after_hours',
];

/** Long input, just over and well over the limits the commands state. */
const huge = fc
  .tuple(
    fc.constantFrom('x', 'é', '😀', '<!channel> ', '"a" ', '=', 'w ', '@UCEO ', 'ESC-1 '),
    fc.constantFrom(81, 201, 301, 501, 1001, 3001, 20_001),
  )
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)));

/** One piece of a line: mostly the adversarial list, some random code points, now and then something long. */
export const piece = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...ADVERSARIAL) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: huge },
);

const separator = fc.constantFrom(' ', ' ', ' ', '  ', '\n', '\t', '');

/**
 * A command line: a command's words (or an example line, or nothing recognisable) followed by
 * adversarial pieces.
 */
export function commandLine(starts: string[] = commandStarts(), examples: string[] = commandExamples()) {
  return fc
    .oneof(
      { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...starts), fc.array(piece, { maxLength: 6 }), separator) },
      { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...examples), fc.array(piece, { maxLength: 3 }), separator) },
      { weight: 1, arbitrary: fc.tuple(fc.constant(''), fc.array(piece, { maxLength: 5 }), separator) },
    )
    .map(([start, pieces, sep]) => [start, ...pieces].filter((p, i) => i > 0 || p !== '').join(sep === '' ? ' ' : sep));
}

// ---- what a reply contains ----------------------------------------------------------------------

/** Every span in a reply, in order (paragraphs, contexts, fields, lists). */
export function spansOf(reply: Reply): Span[] {
  return reply.blocks.flatMap((b: Block): Span[] => {
    switch (b.kind) {
      case 'paragraph':
      case 'context':
        return b.spans;
      case 'fields':
        return b.fields.flatMap((f) => f.value);
      case 'list':
        return b.items.flat();
      default:
        return [];
    }
  });
}

/** Every string in a JSON value whose key is `key` (e.g. every `text` of a Block Kit message). */
export function stringsAt(value: unknown, key: string, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) stringsAt(v, key, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === key && typeof v === 'string') out.push(v);
      else stringsAt(v, key, out);
    }
  }
  return out;
}

/** The mrkdwn texts of Slack messages, and their fallback texts: everything Slack parses for mentions and links. */
export function slackMrkdwnTexts(messages: readonly { text: string; blocks: unknown[] }[]): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
      else Object.values(o).forEach(walk);
    }
  };
  for (const m of messages) {
    out.push(m.text);
    walk(m.blocks);
  }
  return out;
}

/** The `<…>` control sequences Slack would act on in mrkdwn: mentions, broadcasts, channels, links. */
export function slackControlSequences(mrkdwn: string): string[] {
  return [...mrkdwn.matchAll(/<[^<>]*>/g)].map((m) => m[0]);
}

/**
 * Adaptive Card text split into what a reader sees: backslash escapes removed. Returns the
 * unescaped `<at>…</at>` spans and `[label](url)` links, which Teams would turn into mentions and links.
 */
export function teamsLiveMarkup(markdown: string): { mentions: string[]; links: string[] } {
  const mentions: string[] = [];
  const links: string[] = [];
  // Walk the text, skipping escaped characters, and note where unescaped markup starts.
  let plain = '';
  const live: number[] = [];
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown[i]!;
    if (c === '\\' && i + 1 < markdown.length) {
      plain += '\u0001';
      i++;
      continue;
    }
    if (c === '<' || c === '[') live.push(plain.length);
    plain += c;
  }
  for (const at of live) {
    const rest = plain.slice(at);
    const mention = /^<at>[^<]*<\/at>/.exec(rest);
    if (mention) mentions.push(mention[0]);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: \u0001 is the placeholder for an escaped character
    const link = /^\[[^\]\u0001]*\]\([^)\s\u0001]*\)/.exec(rest);
    if (link) links.push(link[0]);
  }
  return { mentions, links };
}

/** The text of every TextBlock, FactSet fact and button of an Adaptive Card. */
export function cardTexts(card: unknown): string[] {
  return [...stringsAt(card, 'text'), ...stringsAt(card, 'value'), ...stringsAt(card, 'title')];
}
