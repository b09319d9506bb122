import { afterEach, describe, expect, it } from 'vitest';
import { matrixToCsv } from '../../../src/domain/matrix-csv.js';
import { inputOf } from '../../../src/features/matrix/matrix-diff-blocks.js';
import { type Harness, makeHarness, SETUP } from '../../harness.js';
import { codeIn, sayConfirmed } from '../../helpers/confirm.js';
import { announcements } from '../../helpers/sides.js';

const IMPORT = [
  'matrix import area,business,after_hours,contact,aliases,note',
  'patching,internal,msp,<user:UPAT|pat>,"updates, patch tuesday",',
  'backup and disaster recovery,msp,msp,,,',
  'badge kiosks,internal,internal,,"id cards",',
].join('\n');

let h: Harness;
afterEach(() => h?.close());

const matrixCsv = async () => matrixToCsv((await h.store.matrix.list((await h.channel()).id)).map(inputOf));

describe('matrix import shows its diff first', () => {
  it('lists what it adds, changes and removes, and changes nothing until confirmed', async () => {
    h = await makeHarness({ setup: SETUP });
    const before = await matrixCsv();
    const asked = await h.sayText('alice', IMPORT);
    expect(asked).toContain('This import replaces the whole matrix: 3 areas; it adds 1, changes 2, removes 24.');
    expect(asked).toMatch(/Adds \(1\)\n\s+• badge kiosks — business hours Acme \(internal IT\); after hours Acme/);
    expect(asked).toMatch(
      new RegExp(
        String.raw`Changes \(2\)\n\s+• patching — business: msp → internal; contact: — → @pat; aliases: updates, ` +
          String.raw`patch tuesday, os patches, patches, windows updates, security updates, firmware updates, ` +
          String.raw`third-party patching → updates, patch tuesday\n` +
          String.raw`\s+• backup and disaster recovery — aliases: backups, backup, restore, restore files, dr plan, ` +
          String.raw`disaster recovery, test restore, dr, veeam, business continuity, deleted files → —\n`,
      ),
    );
    expect(asked).toMatch(/Removes \(24\)\n\s+• L1 support \/ help desk/);
    expect(asked).toContain('…and 9 more');
    expect(await matrixCsv()).toBe(before);

    expect(await h.sayText('alice', `confirm ${codeIn(asked)}`)).toContain('Imported the matrix: 3 areas (it had 26)');
    expect((await h.store.matrix.list((await h.channel()).id)).map((a) => a.name)).toEqual([
      'patching',
      'backup and disaster recovery',
      'badge kiosks',
    ]);
    expect(announcements(h)).toContain(
      'alice (Acme) imported the matrix: 3 areas (it had 26); it adds 1, changes 2, removes 24',
    );
  });
});

describe('matrix history and matrix restore', () => {
  it('lists each version from the audit log, and restore brings back the one before an import', async () => {
    h = await makeHarness({ setup: SETUP });
    await h.say('alice', 'matrix set "label printers" business:internal aliases:"zebra" new:yes');
    const beforeImport = await matrixCsv();
    await sayConfirmed(h, 'alice', IMPORT);

    const history = await h.sayText('bob', 'matrix history');
    expect(history).toMatch(/• 3 · Mon 30 Nov 2026 10:00 EST · alice · matrix.import 3 areas \(current\)/);
    expect(history).toMatch(/• 2 · [^\n]* · alice · matrix.set label printers\n/);
    expect(history).toMatch(/• 1 · [^\n]* · alice · setup channel\n/);
    expect(history.indexOf('• 3 ·')).toBeLessThan(history.indexOf('• 1 ·'));

    const asked = await h.sayText('alice', 'matrix restore 2');
    expect(asked).toContain('replaces the matrix: 27 areas; it adds 25, changes 2, removes 1.');
    expect(asked).toContain('…and 10 more');
    expect(await matrixCsv()).not.toBe(beforeImport);
    expect(await h.sayText('alice', `confirm ${codeIn(asked)}`)).toContain(
      'Version 2 of the matrix is back: 27 areas.',
    );
    expect(await matrixCsv()).toBe(beforeImport);
    expect(await h.sayText('bob', 'who owns zebra')).toContain('label printers is owned by Acme');
    expect(await h.sayText('bob', 'matrix history')).toMatch(
      /• 4 · [^\n]* · alice · matrix.restore version 2 \(current\)/,
    );
    expect(await h.sayText('alice', 'audit 1')).toContain('matrix.restore version 2 — version 3 → version 2');
  });

  it('says which versions there are when asked for one that is not', async () => {
    h = await makeHarness({ setup: SETUP });
    expect(await h.sayText('alice', 'matrix restore 7')).toContain(
      'There is no version 7 of the matrix: versions go from 1 to 1.',
    );
    expect(await h.sayText('alice', 'matrix restore latest')).toContain('Give the number of a version');
  });
});
