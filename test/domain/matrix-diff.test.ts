import { describe, expect, it } from 'vitest';
import { isEmptyDiff, matrixDiff } from '../../src/domain/matrix-diff.js';
import type { MatrixAreaInput } from '../../src/domain/model.js';

const area = (name: string, over: Partial<MatrixAreaInput> = {}): MatrixAreaInput => ({
  name,
  businessOwner: 'msp',
  afterHoursOwner: 'msp',
  contact: null,
  aliases: [],
  note: '',
  ...over,
});

describe('what replacing the matrix does', () => {
  it('lists the areas added, changed field by field, and removed', () => {
    const before = [area('patching'), area('backups', { aliases: ['restore'] }), area('printers')];
    const after = [
      area('Patching', { businessOwner: 'internal', contact: { kind: 'user', id: 'U1', label: 'pat' } }),
      area('backups', { aliases: ['restore'] }),
      area('badge kiosks'),
    ];
    const d = matrixDiff(before, after);
    expect(d.added.map((a) => a.name)).toEqual(['badge kiosks']);
    expect(d.removed.map((a) => a.name)).toEqual(['printers']);
    expect(d.changed).toEqual([
      {
        name: 'Patching',
        changes: [
          { field: 'name', from: 'patching', to: 'Patching' },
          { field: 'business', from: 'msp', to: 'internal' },
          { field: 'contact', from: '', to: '@pat' },
        ],
      },
    ]);
    expect(isEmptyDiff(d)).toBe(false);
  });

  it('tells a contact changed when only its id did, and sees no change in the same matrix', () => {
    const a = area('vpn', { contact: { kind: 'user', id: 'U1', label: 'pat' } });
    const b = area('vpn', { contact: { kind: 'user', id: 'U2', label: 'pat' } });
    expect(matrixDiff([a], [b]).changed[0]?.changes).toEqual([{ field: 'contact', from: '@pat', to: '@pat' }]);
    expect(isEmptyDiff(matrixDiff([a], [a]))).toBe(true);
  });

  it('notices when only the order changes', () => {
    const d = matrixDiff([area('a'), area('b')], [area('b'), area('a')]);
    expect(d).toMatchObject({ added: [], changed: [], removed: [], reordered: true });
    expect(isEmptyDiff(d)).toBe(false);
  });
});
