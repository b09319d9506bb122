import { describe, expect, it } from 'vitest';
import { isBusinessTime } from '../../src/domain/business-hours.js';
import { DEFAULT_MATRIX } from '../../src/domain/default-matrix.js';
import { chooseArea, contactFor, routeEscalation } from '../../src/domain/escalation-routing.js';
import type { BusinessHours, MatrixArea } from '../../src/domain/model.js';

const areas: MatrixArea[] = DEFAULT_MATRIX.map((a, i) => ({
  ...a,
  aliases: [...a.aliases],
  id: i + 1,
  channelId: 1,
  position: i,
}));
const areaNamed = (name: string) => areas.find((a) => a.name === name)!;

const hours: BusinessHours = {
  timezone: 'America/New_York',
  days: [1, 2, 3, 4, 5],
  start: 8 * 60,
  end: 17 * 60,
  holidays: ['2026-12-25'],
};

const MOMENTS = {
  'business hours (Mon 10:00 EST)': '2026-11-30T15:00:00Z',
  'evening (Mon 20:00 EST)': '2026-12-01T01:00:00Z',
  'before opening (Tue 07:59 EST)': '2026-12-01T12:59:00Z',
  'weekend (Sat 11:00 EST)': '2026-12-05T16:00:00Z',
  'holiday (Fri 25 Dec 11:00 EST)': '2026-12-25T16:00:00Z',
} as const;

// Who receives an escalation about each default area in business hours — the guide's split.
const BUSINESS_HOURS_RECEIVER: Record<string, 'internal' | 'msp'> = {
  'L1 support / help desk': 'internal',
  'L2 support': 'internal',
  'help desk overflow': 'internal',
  'onboarding and offboarding': 'internal',
  'business applications': 'internal',
  'access provisioning': 'internal',
  'security policy and hygiene': 'internal',
  'IT strategy and roadmap': 'internal',
  'security monitoring and response': 'msp',
  'vulnerability scanning': 'msp',
  'cloud infrastructure': 'msp',
  'complex network issues': 'msp',
  'compliance and audits': 'msp',
  'backup and disaster recovery': 'msp',
  patching: 'msp',
  'projects and migrations': 'msp',
  'after-hours and weekend coverage': 'msp',
  'email and collaboration': 'internal',
  'identity and single sign-on': 'msp',
  'endpoints and device management': 'internal',
  'servers and virtualisation': 'msp',
  'phones and conferencing': 'internal',
  'certificates, domains and DNS': 'msp',
  'file shares and permissions': 'internal',
  'printers and scanners': 'internal',
  'licences and vendors': 'internal',
};

describe('routing table: each default area at each kind of moment', () => {
  it('covers every default area', () => {
    expect(Object.keys(BUSINESS_HOURS_RECEIVER).sort()).toEqual(areas.map((a) => a.name).sort());
  });

  for (const [moment, iso] of Object.entries(MOMENTS)) {
    const inHours = isBusinessTime(new Date(iso), hours);
    it.each(Object.entries(BUSINESS_HOURS_RECEIVER))(`${moment}: %s`, (name, businessReceiver) => {
      const route = routeEscalation(areaNamed(name), inHours);
      // The default matrix leaves every area to the MSP after hours.
      const expected = moment.startsWith('business') ? businessReceiver : 'msp';
      expect(route.toTeam).toBe(expected);
      expect(route.reason).toBe('area_owner');
      expect(route.shared).toBe(name === 'help desk overflow' && moment.startsWith('business'));
    });
  }

  it('only the business-hours moment is inside business hours', () => {
    expect(
      Object.entries(MOMENTS)
        .filter(([, iso]) => isBusinessTime(new Date(iso), hours))
        .map(([m]) => m),
    ).toEqual(['business hours (Mon 10:00 EST)']);
  });

  it('without an area goes to the MSP, from the internal team, at any time', () => {
    for (const inHours of [true, false]) {
      expect(routeEscalation(null, inHours)).toMatchObject({ toTeam: 'msp', reason: 'no_area', shared: false });
    }
  });

  it('after hours follows an after-hours owner set to internal: the internal on-call has it', () => {
    const internalAtNight: MatrixArea = { ...areaNamed('business applications'), afterHoursOwner: 'internal' };
    expect(routeEscalation(internalAtNight, false)).toMatchObject({ toTeam: 'internal', matrixOwner: 'internal' });
  });

  it('to: overrides the matrix and keeps what the matrix said', () => {
    expect(routeEscalation(areaNamed('patching'), true, 'internal')).toMatchObject({
      toTeam: 'internal',
      reason: 'chosen',
      matrixOwner: 'msp',
    });
  });
});

describe('the area contact is mentioned only when it belongs to the receiving team', () => {
  const noc = { kind: 'group' as const, id: 'noc', label: 'noc' };
  const desk = { kind: 'group' as const, id: 'desk', label: 'desk' };
  it('an MSP area contact for the MSP, day or night', () => {
    expect(contactFor({ businessOwner: 'msp', contact: noc }, 'msp')).toEqual(noc);
  });
  it('an internal area contact in business hours, not when the MSP covers it at night', () => {
    expect(contactFor({ businessOwner: 'internal', contact: desk }, 'internal')).toEqual(desk);
    expect(contactFor({ businessOwner: 'internal', contact: desk }, 'msp')).toBeNull();
    expect(contactFor({ businessOwner: 'shared', contact: desk }, 'internal')).toEqual(desk);
  });
  it('none when the area has no contact or there is no area', () => {
    expect(contactFor({ businessOwner: 'msp', contact: null }, 'msp')).toBeNull();
    expect(contactFor(null, 'msp')).toBeNull();
  });
});

describe('inferring the area from the summary', () => {
  const inferred = (summary: string) => {
    const c = chooseArea(areas, summary);
    return c.kind === 'area' ? c.area.name : c.kind;
  };

  it.each([
    ['VPN down for the Boston office', 'complex network issues'],
    ['switches in closet B rebooting', 'complex network issues'],
    ['Phishing email reported by the CFO', 'security monitoring and response'],
    ['CVE-2026-1234 on the edge gateways', 'vulnerability scanning'],
    ['Azure VM cost spike', 'cloud infrastructure'],
    ['locked account for jsmith', 'L1 support / help desk'],
    ['MFA reset for the CFO', 'access provisioning'],
    ['Patch Tuesday updates broke Outlook', 'patching'],
    ['HIPAA audit evidence due Friday', 'compliance and audits'],
    ['CRM down for sales', 'business applications'],
    ['new hire starting Monday needs accounts', 'onboarding and offboarding'],
  ])('“%s” → %s (aliases inside a sentence)', (summary, area) => {
    expect(inferred(summary)).toBe(area);
  });

  it.each([
    ['Firewal blocking the payroll site', 'complex network issues'],
    ['bakups failed on FS01', 'backup and disaster recovery'],
    ['ransomwear detected on FS01', 'security monitoring and response'],
    ['passwrd reset for bob', 'L1 support / help desk'],
  ])('“%s” → %s (typos)', (summary, area) => {
    expect(inferred(summary)).toBe(area);
  });

  it('words about when it happened do not make it the after-hours coverage area', () => {
    expect(inferred('bakups failed last night on FS01')).toBe('backup and disaster recovery');
    expect(inferred('restore the finance share from last night')).toBe('backup and disaster recovery');
    expect(inferred('firewall alarms all weekend')).toBe('complex network issues');
  });

  it('several areas at once is ambiguous, with the candidates', () => {
    const c = chooseArea(areas, 'printer and VPN both down');
    expect(c.kind).toBe('ambiguous');
    expect(c.kind === 'ambiguous' && c.candidates.map((a) => a.name)).toEqual([
      'complex network issues',
      'printers and scanners',
    ]);
  });

  it('nothing recognisable is none', () => {
    expect(inferred('the coffee machine is broken')).toBe('none');
  });

  it('a given area: wins over the summary and is matched forgivingly', () => {
    expect(chooseArea(areas, 'VPN down', 'backups')).toMatchObject({
      kind: 'area',
      inferred: false,
      area: { name: 'backup and disaster recovery' },
    });
    expect(chooseArea(areas, 'x', 'secruity monitoring')).toMatchObject({
      kind: 'area',
      area: { name: 'security monitoring and response' },
    });
    expect(chooseArea(areas, 'x', 'after hours')).toMatchObject({
      kind: 'area',
      area: { name: 'after-hours and weekend coverage' },
    });
    expect(chooseArea(areas, 'x', 'support')).toMatchObject({ kind: 'ambiguous', given: true });
    expect(chooseArea(areas, 'VPN down', 'nonsense')).toEqual({ kind: 'unknown', given: 'nonsense' });
  });
});
