import { describe, expect, it } from 'vitest';
import { renderMessages } from '../../../adapters/slack/render.js';
import { renderCards } from '../../../adapters/teams/render.js';
import { makeHarness, SETUP } from '../../harness.js';
import { sayConfirmed } from '../../helpers/confirm.js';

const HEADER = 'area,business,after_hours,contact,aliases,note';

/** A channel whose matrix has 1,000 areas, and its `matrix` reply. */
async function bigMatrix() {
  const h = await makeHarness({ setup: SETUP });
  const rows = Array.from({ length: 1000 }, (_, i) => `area ${i},msp,msp,,"alias ${i}a, alias ${i}b",note ${i}`);
  expect(await sayConfirmed(h, 'alice', `matrix import ${[HEADER, ...rows].join('\n')}`)).toContain('1000 areas');
  const reply = await h.say('alice', 'matrix');
  h.close();
  return reply;
}

describe('matrix: a long matrix is cut short on every face, saying how much and where to see it all', () => {
  it('Teams: five cards at most, the last saying how many areas were left out and to use matrix export', async () => {
    const cards = renderCards(await bigMatrix());
    expect(cards).toHaveLength(5);
    const texts = cards.flatMap((c) => JSON.stringify(c.body).match(/area \d+/g) ?? []);
    const last = cards[4]!.body.at(-1)!;
    const m = /^… and (\d+) more not shown — see `matrix export` for all of it$/.exec(String(last.text));
    expect(m, String(last.text)).not.toBeNull();
    // Every area is either shown or counted (the count also takes the closing line).
    expect(new Set(texts).size + Number(m![1]) - 1).toBe(1000);
  });

  it('Slack: five messages at most, the last saying the same', async () => {
    const messages = renderMessages(await bigMatrix());
    expect(messages).toHaveLength(5);
    const last = messages[4]!.blocks.at(-1) as { type: string; elements: { text: string }[] };
    expect(last.elements[0]!.text).toMatch(/^… \(truncated, \d+ more sections? not shown\) — see `matrix export`/);
  });
});
