import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_COMMANDS } from '../../../src/features/index.js';
import { type Harness, makeHarness } from '../../harness.js';

describe('help', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
  });
  afterAll(() => h.close());

  it('is one screen by default: the commands by group, each by its words, and how to see one in detail', async () => {
    const text = await h.sayText('bob', 'help');
    const lines = text.split('\n');
    expect(lines.length).toBeLessThanOrEqual(10);
    expect(lines[0]).toBe('== Tandem commands ==');
    expect(text).toMatch(/^Who owns what: `who owns` · `matrix` · `matrix set`/m);
    expect(text).toMatch(/^Syncs: `cadence` · `cadence set`/m);
    for (const c of ALL_COMMANDS) expect(text).toContain(`\`${c.path.join(' ')}\``);
    expect(text).toMatch(/`help <command>` shows one in detail, e.g. `help escalate`/);
  });

  it('help <command> shows its form, what it does and examples', async () => {
    const text = await h.sayText('bob', 'help escalate');
    expect(text).toMatch(/^`escalate <summary> \[area:<area>\] \[p1\|p2\|p3\|p4\]/);
    expect(text).toContain('e.g. `escalate VPN down for the Boston office p1`');
    expect(text).not.toContain('escalations timeouts');
    expect(await h.sayText('bob', 'help matrix set')).not.toContain('matrix export');
  });

  it('suggests a close command, and nothing when none is close', async () => {
    expect(await h.sayText('bob', 'help matrx')).toMatch(/There is no command “matrx”\. Did you mean `help matrix`\?/);
    expect(await h.sayText('bob', 'help foo')).toBe('There is no command “foo”. Type `help` for the list.');
  });
});
