import { describe, expect, it } from 'vitest';
import {
  managerAddRefusal,
  managerRemoveRefusal,
  otherSide,
  parseSide,
  place,
  type SideManager,
} from '../../src/domain/sides.js';

describe('which side a person is on', () => {
  const nothing = { assigned: null, managerOf: null, orgId: null, orgSide: null };

  it('is unknown when nobody said and the platform reported nothing', () => {
    expect(place(nothing)).toEqual({ side: null, source: null, orgId: null });
  });

  it('stays unknown for an organisation nobody mapped: the organisation alone is never a guess', () => {
    expect(place({ ...nothing, orgId: 'T0MSP' })).toEqual({ side: null, source: null, orgId: 'T0MSP' });
  });

  it('follows the organisation once a manager mapped it', () => {
    expect(place({ ...nothing, orgId: 'T0MSP', orgSide: 'msp' })).toEqual({
      side: 'msp',
      source: 'organisation',
      orgId: 'T0MSP',
    });
  });

  it('a manager of a side is on it, over their organisation', () => {
    expect(place({ ...nothing, managerOf: 'internal', orgId: 'T0MSP', orgSide: 'msp' })).toMatchObject({
      side: 'internal',
      source: 'manager',
    });
  });

  it("a manager's assignment comes first of all", () => {
    expect(place({ assigned: 'msp', managerOf: null, orgId: 'T0ACME', orgSide: 'internal' })).toMatchObject({
      side: 'msp',
      source: 'assigned',
    });
  });

  it('reads sides as typed, any case, and nothing else', () => {
    expect(['internal', 'MSP', ' Msp '].map(parseSide)).toEqual(['internal', 'msp', 'msp']);
    expect(['shared', 'both', '', 'unknown'].map(parseSide)).toEqual([null, null, null, null]);
    expect(otherSide('internal')).toBe('msp');
    expect(otherSide('msp')).toBe('internal');
  });
});

describe('managers on both sides', () => {
  const internal: SideManager = { side: 'internal' };
  const msp: SideManager = { side: 'msp' };
  const dana = { side: 'internal' as const, admin: false };
  const sam = { side: 'msp' as const, admin: false };
  const admin = { side: null, admin: true };

  it('a manager adds to their own side', () => {
    expect(managerAddRefusal([internal, msp], dana, 'internal')).toBeNull();
    expect(managerAddRefusal([internal, msp], sam, 'msp')).toBeNull();
  });

  it('a manager adds to the other side only its first manager, while it has none', () => {
    expect(managerAddRefusal([internal], dana, 'msp')).toBeNull();
    expect(managerAddRefusal([internal, msp], dana, 'msp')).toBe('other_side');
    expect(managerAddRefusal([internal, msp], sam, 'internal')).toBe('other_side');
  });

  it('an administrator adds to either side', () => {
    expect(managerAddRefusal([internal, msp], admin, 'msp')).toBeNull();
    expect(managerAddRefusal([internal, msp], admin, 'internal')).toBeNull();
  });

  it("nobody removes a side's last manager: not the other side, not themselves, not an administrator", () => {
    for (const by of [sam, dana, admin])
      expect(managerRemoveRefusal([internal, msp], by, internal)).toBe('last_of_side');
    for (const by of [sam, dana, admin]) expect(managerRemoveRefusal([internal, msp], by, msp)).toBe('last_of_side');
  });

  it('a manager removes only managers of their own side; an administrator either', () => {
    const two = [internal, { side: 'internal' as const }, msp, { side: 'msp' as const }];
    expect(managerRemoveRefusal(two, dana, internal)).toBeNull();
    expect(managerRemoveRefusal(two, sam, internal)).toBe('other_side');
    expect(managerRemoveRefusal(two, dana, msp)).toBe('other_side');
    expect(managerRemoveRefusal(two, admin, msp)).toBeNull();
  });
});
