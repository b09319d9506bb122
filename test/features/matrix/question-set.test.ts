import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MATRIX } from '../../../src/domain/default-matrix.js';
import { type Harness, makeHarness } from '../../harness.js';

/**
 * The question set: how people really ask "who owns X?" (test/fixtures/questions/who-owns.tsv),
 * each asked as typed, through the whole command path, on the default matrix. The test prints the
 * accuracy and every miss, and fails below 95%.
 */
const FIXTURE = join(import.meta.dirname, '../../fixtures/questions/who-owns.tsv');
const MIN_ACCURACY = 0.95;

interface Case {
  question: string;
  expected: string;
}

function readCases(): Case[] {
  return readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [question, expected, ...rest] = line.split('\t');
      if (!question || !expected || rest.length) throw new Error(`bad line in the question set: ${line}`);
      return { question, expected };
    });
}

/** The area an answer names, "none", or "ambiguous: a | b", as a person would read it. */
function areaAnswered(text: string): string {
  const owned = /^(.+?) is owned by /m.exec(text);
  if (owned) return owned[1]!;
  if (/Nothing in the matrix matches/.test(text)) return 'none';
  if (/could be more than one area/.test(text))
    return `ambiguous: ${[...text.matchAll(/• (.+?) — /g)].map((m) => m[1]).join(' | ')}`;
  return `unexpected reply: ${text.slice(0, 120)}`;
}

describe('the question set on the default matrix', () => {
  const cases = readCases();
  let t: Harness;
  beforeAll(async () => {
    t = await makeHarness({ setup: 'setup org:Acme msp:Northwind tz:America/New_York' });
  });
  afterAll(() => t.close());

  it('holds at least 200 phrasings, each naming an area of the default matrix', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    const names = new Set([...DEFAULT_MATRIX.map((a) => a.name), 'none']);
    expect(cases.filter((c) => !names.has(c.expected))).toEqual([]);
    expect(new Set(cases.map((c) => c.question)).size).toBe(cases.length);
  });

  it(`answers at least ${MIN_ACCURACY * 100}% of them with the right area`, async () => {
    const misses: string[] = [];
    for (const c of cases) {
      const got = areaAnswered(await t.sayText('bob', c.question));
      if (got !== c.expected) misses.push(`  “${c.question}” → ${got} (expected ${c.expected})`);
    }
    const right = cases.length - misses.length;
    const accuracy = right / cases.length;
    console.log(
      `question set: ${right} of ${cases.length} right (${(accuracy * 100).toFixed(1)}%)` +
        (misses.length ? `; misses:\n${misses.join('\n')}` : ''),
    );
    expect(accuracy, `misses:\n${misses.join('\n')}`).toBeGreaterThanOrEqual(MIN_ACCURACY);
  });
});
