import { beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../adapters/console/render.js';
import { MAX_IMPORT_BYTES } from '../../src/domain/matrix-csv.js';
import { MAX_ALIAS, MAX_ALIASES, MAX_AREA_NAME, MAX_AREA_NOTE, MAX_AREAS } from '../../src/domain/matrix-limits.js';
import { MAX_TICKET_REF, MAX_TICKET_URL } from '../../src/features/escalation/escalate.js';
import { MAX_ESCALATION_NOTE, MAX_SUMMARY } from '../../src/features/escalation/escalation-args.js';
import { MAX_HANDOFF_NOTE } from '../../src/features/morning/handoff-note.js';
import { MAX_LINE } from '../../src/kernel/registry.js';
import { tokenize } from '../../src/kernel/tokenize.js';
import { MANAGER, MEMBER, makeBusyChannel, type ObservedCore } from '../helpers/observed-core.js';
import { changedRows } from '../helpers/table-dump.js';

const HEADER = 'area,business,after_hours,contact,aliases,note';
const x = (n: number) => 'x'.repeat(n);
const csv = (rows: string[]) => [HEADER, ...rows].join('\n');

interface LimitCase {
  what: string;
  limit: number;
  who?: string;
  /** The line with `n` characters (or items) where the limit applies. */
  line: (n: number) => string;
}

/** Every stated limit: at the limit the command works; one over, it says the limit and writes nothing. */
const CASES: LimitCase[] = [
  { what: 'an escalation summary', limit: MAX_SUMMARY, who: MEMBER, line: (n) => `escalate ${x(n)}` },
  { what: 'a note on an escalation', limit: MAX_ESCALATION_NOTE, who: MEMBER, line: (n) => `note ESC-1 ${x(n)}` },
  { what: 'a resolution note', limit: MAX_ESCALATION_NOTE, who: MEMBER, line: (n) => `resolve ESC-1 ${x(n)}` },
  { what: 'a handback note', limit: MAX_ESCALATION_NOTE, who: MEMBER, line: (n) => `handback ESC-2 ${x(n)}` },
  { what: 'an after-hours note', limit: MAX_HANDOFF_NOTE, who: MEMBER, line: (n) => `handoff note ${x(n)}` },
  {
    what: 'a ticket reference',
    limit: MAX_TICKET_REF,
    who: MEMBER,
    line: (n) => `escalate printer jam ticket:${x(n)}`,
  },
  {
    what: 'a ticket link',
    limit: MAX_TICKET_URL,
    who: MEMBER,
    line: (n) => `escalate printer jam ticket:https://psa.example.com/${x(n - 'https://psa.example.com/'.length)}`,
  },
  { what: 'an area name (matrix set)', limit: MAX_AREA_NAME, line: (n) => `matrix set ${x(n)} business:msp` },
  { what: 'an alias (matrix set)', limit: MAX_ALIAS, line: (n) => `matrix set patching aliases:"${x(n)}"` },
  {
    what: 'the aliases of an area (matrix set)',
    limit: MAX_ALIASES,
    line: (n) => `matrix set patching aliases:"${Array.from({ length: n }, (_, i) => `alias${i}`).join(', ')}"`,
  },
  { what: 'an area note (matrix set)', limit: MAX_AREA_NOTE, line: (n) => `matrix set patching note:"${x(n)}"` },
  {
    what: 'an area name (matrix import)',
    limit: MAX_AREA_NAME,
    line: (n) => `matrix import ${csv([`${x(n)},msp,msp,,,`])}`,
  },
  {
    what: 'an alias (matrix import)',
    limit: MAX_ALIAS,
    line: (n) => `matrix import ${csv([`patching,msp,msp,,${x(n)},`])}`,
  },
  {
    what: 'the aliases of an area (matrix import)',
    limit: MAX_ALIASES,
    line: (n) =>
      `matrix import ${csv([`patching,msp,msp,,"${Array.from({ length: n }, (_, i) => `alias${i}`).join(', ')}",`])}`,
  },
  {
    what: 'an area note (matrix import)',
    limit: MAX_AREA_NOTE,
    line: (n) => `matrix import ${csv([`patching,msp,msp,,,${x(n)}`])}`,
  },
  {
    what: 'the rows of a CSV import',
    limit: MAX_AREAS,
    line: (n) => `matrix import ${csv(Array.from({ length: n }, (_, i) => `area ${i},msp,msp,,,`))}`,
  },
  { what: 'a holiday name', limit: 80, line: (n) => `holiday add 2026-12-31 ${x(n)}` },
  { what: 'an organisation name', limit: 80, line: (n) => `setup org:${x(n)}` },
  { what: 'a who-owns question', limit: 200, who: MEMBER, line: (n) => `who owns ${x(n)}` },
];

describe('limits: at the limit it works; one over, the answer names the limit and nothing is written', () => {
  let core: ObservedCore;
  beforeAll(async () => {
    core = await makeBusyChannel();
  });

  for (const c of CASES) {
    it(`${c.what}: ${c.limit}`, async () => {
      const who = c.who ?? MANAGER;
      const before = core.dump();
      const over = await core.say(who, c.line(c.limit + 1));
      expect(over.outcome).not.toBe('committed');
      expect(renderText(over.reply)).toContain(String(c.limit));
      expect(changedRows(before, core.dump())).toEqual({});

      const at = await core.say(who, c.line(c.limit));
      expect(at.outcome, renderText(at.reply)).toBe('committed');
    });
  }

  it(`a matrix holds at most ${MAX_AREAS} areas, whether set one by one or imported`, async () => {
    const full = await makeBusyChannel();
    await full.mustConfirmed(
      MANAGER,
      `matrix import ${csv(Array.from({ length: MAX_AREAS }, (_, i) => `area ${i},msp,msp,,,`))}`,
    );
    const before = full.dump();
    const one = await full.say(MANAGER, 'matrix set "one more" business:msp');
    expect(one.outcome).toBe('rolled back');
    expect(renderText(one.reply)).toContain(`most it can hold (${MAX_AREAS})`);
    expect(changedRows(before, full.dump())).toEqual({});
    // Changing an area that is there is still fine.
    await full.must(MANAGER, 'matrix set "area 7" business:internal');
  });

  it(`a CSV larger than ${MAX_IMPORT_BYTES / 1024} KB is refused whole`, async () => {
    const rows = Array.from({ length: 600 }, (_, i) => `area ${i},msp,msp,,,${x(450)}`);
    const line = `matrix import ${csv(rows)}`;
    expect(Buffer.byteLength(line)).toBeGreaterThan(MAX_IMPORT_BYTES);
    const before = core.dump();
    const { reply, outcome } = await core.say(MANAGER, line);
    expect(outcome).toBe('rolled back');
    expect(renderText(reply)).toContain(`at most ${MAX_IMPORT_BYTES / 1024} KB`);
    expect(changedRows(before, core.dump())).toEqual({});
  });

  it(`a message longer than ${MAX_LINE} characters is refused, saying so`, async () => {
    const before = core.dump();
    const { reply, outcome } = await core.say(MEMBER, `escalate ${x(MAX_LINE)}`);
    expect(outcome).toBe('not run');
    expect(renderText(reply)).toContain(`at most ${MAX_LINE}`);
    expect(changedRows(before, core.dump())).toEqual({});
  });

  it('an import with one bad row among a thousand writes none of them', async () => {
    const rows = Array.from({ length: MAX_AREAS }, (_, i) =>
      i === 998 ? `area ${i},vendor,msp,,,` : `area ${i},msp,msp,,,`,
    );
    const before = core.dump();
    const { reply, outcome } = await core.say(MANAGER, `matrix import ${csv(rows)}`);
    expect(outcome).toBe('rolled back');
    expect(renderText(reply)).toMatch(/^Line 1000: business must be internal, msp or shared/);
    expect(changedRows(before, core.dump())).toEqual({});
  });

  it('a long line of quotes is read in linear time, not quadratic (120 KB in well under a second or two)', () => {
    // Each unclosed quote used to search the rest of the line: 120 KB of `x“ ` took ~24 s, blocking everything.
    for (const unit of ['x“ ', '"a" €', 'x” ']) {
      const line = unit.repeat(40_000);
      const started = performance.now();
      tokenize(line);
      expect(performance.now() - started, JSON.stringify(unit)).toBeLessThan(2_000);
    }
  });
});
