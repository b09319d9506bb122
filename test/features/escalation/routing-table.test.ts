import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MATRIX } from '../../../src/domain/default-matrix.js';
import type { Owner } from '../../../src/domain/model.js';
import { type Harness, makeHarness } from '../../harness.js';
import { ESCALATION_SETUP } from '../../helpers/escalation-channel.js';
import { NO_POSTING_LIMITS } from '../../helpers/observed-core.js';

/*
 * `escalate` routes exactly where `who owns` answers at the same instant: every default area, at four
 * kinds of moment, with the default matrix and with every after-hours owner set to internal.
 */

const MOMENTS = {
  'business hours (Mon 10:00)': '2026-11-30T15:00:00Z',
  'after hours (Mon 20:00)': '2026-12-01T01:00:00Z',
  'weekend (Sat 11:00)': '2026-12-05T16:00:00Z',
  'holiday (Fri 25 Dec 11:00)': '2026-12-25T16:00:00Z',
} as const;

const WORDS: Record<string, Owner> = {
  'Acme (internal IT)': 'internal',
  'Northwind (MSP)': 'msp',
  'shared: Acme first, Northwind on overflow': 'shared',
};

let h: Harness;
afterEach(() => h?.close());

async function table(afterHoursInternal: boolean) {
  h = await makeHarness({ setup: ESCALATION_SETUP, start: '2026-11-30T14:00:00Z', postingLimits: NO_POSTING_LIMITS });
  await h.say('alice', 'holiday add 2026-12-25 Christmas Day');
  if (afterHoursInternal) {
    for (const a of DEFAULT_MATRIX) await h.say('alice', `matrix set "${a.name}" after-hours:internal`);
  }
  const rows: string[] = [];
  let seq = 0;
  for (const [moment, iso] of Object.entries(MOMENTS)) {
    h.clock.set(new Date(iso));
    for (const area of DEFAULT_MATRIX) {
      const answer = await h.sayText('bob', `who owns ${area.name}`);
      const words = /is owned by (.+) right now/.exec(answer)?.[1] ?? '';
      await h.say('bob', `escalate something is wrong area:"${area.name}"`);
      const e = (await h.store.escalations.bySeq((await h.channel()).id, ++seq))!;
      const routed: Owner = e.shared ? 'shared' : e.toTeam;
      rows.push(`${moment} · ${area.name}: who owns ${WORDS[words] ?? `“${words}”`}, escalate ${routed}`);
    }
  }
  return rows;
}

/** The rows where the two disagree (none), and how many rows went to each side. */
function check(rows: string[]) {
  const disagree = rows.filter((r) => {
    const m = /who owns (\S+), escalate (\S+)$/.exec(r)!;
    return m[1] !== m[2];
  });
  const count = (side: string) => rows.filter((r) => r.endsWith(`escalate ${side}`)).length;
  return { disagree, internal: count('internal'), msp: count('msp'), shared: count('shared') };
}

describe('escalate and who owns agree at every instant', () => {
  it('with the default matrix: the MSP after hours, on weekends and on holidays', async () => {
    const rows = await table(false);
    expect(rows).toHaveLength(4 * DEFAULT_MATRIX.length);
    // Business hours: 13 internal areas, 12 MSP areas, 1 shared; every other moment: all 26 to the MSP.
    expect(check(rows)).toEqual({ disagree: [], internal: 13, msp: 12 + 3 * 26, shared: 1 });
  });

  it('with every after-hours owner set to internal: the internal side outside business hours', async () => {
    const rows = await table(true);
    expect(check(rows)).toEqual({ disagree: [], internal: 13 + 3 * 26, msp: 12, shared: 1 });
  });
});
