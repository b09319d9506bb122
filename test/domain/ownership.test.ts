import { describe, expect, it } from 'vitest';
import { DEFAULT_MATRIX } from '../../src/domain/default-matrix.js';
import type { MatrixArea, MatrixAreaInput } from '../../src/domain/model.js';
import { OwnershipIndex, type OwnershipMatch } from '../../src/domain/ownership.js';

function stored(inputs: readonly MatrixAreaInput[]): MatrixArea[] {
  return inputs.map((a, i) => ({ ...a, aliases: [...a.aliases], id: i + 1, channelId: 1, position: i }));
}

function area(name: string, aliases: string[] = []): MatrixAreaInput {
  return { name, businessOwner: 'internal', afterHoursOwner: 'msp', contact: null, aliases, note: '' };
}

/** What a person would read back: the area's name, the list offered, or nothing. */
function answer(m: OwnershipMatch): string | string[] | null {
  if (m.kind === 'match') return m.area.name;
  if (m.kind === 'ambiguous') return m.candidates.map((c) => c.name);
  return null;
}

const defaults = new OwnershipIndex(stored(DEFAULT_MATRIX));
const ask = (q: string) => answer(defaults.lookup(q));

describe('DEFAULT_MATRIX', () => {
  it('has the 17 areas of the product table, in order, then the areas people ask about, MSP after hours', () => {
    expect(DEFAULT_MATRIX.map((a) => [a.name, a.businessOwner])).toEqual([
      ['L1 support / help desk', 'internal'],
      ['L2 support', 'internal'],
      ['help desk overflow', 'shared'],
      ['onboarding and offboarding', 'internal'],
      ['business applications', 'internal'],
      ['access provisioning', 'internal'],
      ['security policy and hygiene', 'internal'],
      ['IT strategy and roadmap', 'internal'],
      ['security monitoring and response', 'msp'],
      ['vulnerability scanning', 'msp'],
      ['cloud infrastructure', 'msp'],
      ['complex network issues', 'msp'],
      ['compliance and audits', 'msp'],
      ['backup and disaster recovery', 'msp'],
      ['patching', 'msp'],
      ['projects and migrations', 'msp'],
      ['after-hours and weekend coverage', 'msp'],
      ['email and collaboration', 'internal'],
      ['identity and single sign-on', 'msp'],
      ['endpoints and device management', 'internal'],
      ['servers and virtualisation', 'msp'],
      ['phones and conferencing', 'internal'],
      ['certificates, domains and DNS', 'msp'],
      ['file shares and permissions', 'internal'],
      ['printers and scanners', 'internal'],
      ['licences and vendors', 'internal'],
    ]);
    expect(new Set(DEFAULT_MATRIX.map((a) => a.afterHoursOwner))).toEqual(new Set(['msp']));
    expect(DEFAULT_MATRIX.every((a) => a.contact === null)).toBe(true);
    expect(DEFAULT_MATRIX.find((a) => a.name === 'help desk overflow')?.note).toBe('internal first, MSP on overflow');
  });

  it('fits the limits a manager has: at most 30 aliases of at most 60 characters, none with a comma', () => {
    for (const a of DEFAULT_MATRIX) {
      expect(a.aliases.length, a.name).toBeLessThanOrEqual(30);
      for (const alias of a.aliases) expect(alias.length <= 60 && !alias.includes(','), alias).toBe(true);
    }
  });

  it('cannot be changed by a caller that edits what it was given', () => {
    const patching = DEFAULT_MATRIX.find((a) => a.name === 'patching')!;
    expect(() => patching.aliases.push('mine')).toThrow(TypeError);
    expect(() => ((patching as { note: string }).note = 'x')).toThrow(TypeError);
  });

  it('finds every area by its own name and by each of its aliases', () => {
    for (const a of DEFAULT_MATRIX) {
      for (const phrase of [a.name, ...a.aliases])
        expect({ phrase, got: ask(phrase) }).toEqual({ phrase, got: a.name });
    }
  });
});

describe('who owns X on the default matrix', () => {
  it.each([
    ['backups', 'backup and disaster recovery'],
    ['BACKUPS?', 'backup and disaster recovery'],
    ['bakups', 'backup and disaster recovery'],
    ['back ups', 'backup and disaster recovery'],
    ['who owns our backup?', 'backup and disaster recovery'],
    ['restores', 'backup and disaster recovery'],
    ['patches', 'patching'],
    ['patch', 'patching'],
    ['pathcing', 'patching'],
    ['patchign', 'patching'],
    ['Patch Tuesday!', 'patching'],
    ['offboarding a leaver', 'onboarding and offboarding'],
    ['joiners', 'onboarding and offboarding'],
    ['password reset', 'L1 support / help desk'],
    ['helpdesk', 'L1 support / help desk'],
    ['printers', 'printers and scanners'],
    ['my laptop', 'L1 support / help desk'],
    ['who is on call tonight?', 'after-hours and weekend coverage'],
    ['email', 'email and collaboration'],
    ['who manages the shared drives', 'file shares and permissions'],
    ['firewal', 'complex network issues'],
    ['firewalls', 'complex network issues'],
    ['sdwan', 'complex network issues'],
    ['who owns the vpn', 'complex network issues'],
    ['the VPN is down for remote staff', 'complex network issues'],
    ['aws', 'cloud infrastructure'],
    ['cloud infrastructure', 'cloud infrastructure'],
    ['Cloud Infrastructure?', 'cloud infrastructure'],
    ['reset my mfa', 'access provisioning'],
    ['level 2 support', 'L2 support'],
    ['dr', 'backup and disaster recovery'],
    ['who owns IT strategy and roadmap', 'IT strategy and roadmap'],
    ["who's on call this weekend?", 'after-hours and weekend coverage'],
  ])('%s → %s', (query, expected) => {
    expect(ask(query)).toBe(expected);
  });

  it('says which name or alias it recognised', () => {
    expect(defaults.lookup('bakups')).toMatchObject({ kind: 'match', via: 'backups' });
    expect(defaults.lookup('the VPN is down for remote staff')).toMatchObject({ kind: 'match', via: 'vpn' });
    expect(defaults.lookup('firewal')).toMatchObject({ kind: 'match', via: 'firewall' });
    expect(defaults.lookup('help desk')).toMatchObject({ kind: 'match', via: 'L1 support / help desk' });
  });

  it('offers the candidates when two areas fit equally well', () => {
    expect(ask('support')).toEqual(['L1 support / help desk', 'L2 support']);
    expect(ask('security')).toEqual(['security policy and hygiene', 'security monitoring and response']);
    expect(ask('who owns security?')).toEqual(['security policy and hygiene', 'security monitoring and response']);
    expect(ask('secuirty')).toEqual(['security policy and hygiene', 'security monitoring and response']);
  });

  it('prefers the area with more of the query over one that shares a word', () => {
    expect(ask('security monitoring')).toBe('security monitoring and response');
    expect(ask('desktop support')).toBe('L2 support');
    expect(ask('new hire laptop')).toBe('onboarding and offboarding');
  });

  it('takes the area named first, or the head of a compound ("server backups" are backups)', () => {
    expect(ask('malware on a laptop')).toBe('security monitoring and response');
    expect(ask('a laptop with malware')).toBe('L1 support / help desk');
    expect(ask('server backups')).toBe('backup and disaster recovery');
    expect(ask('backup server')).toBe('servers and virtualisation');
  });

  it('never reads a short word with one letter changed as a typo: "fail" is no "mail"', () => {
    expect(ask('fail')).toBeNull();
    expect(ask('mial')).toBe('email and collaboration');
  });

  it('answers nothing when nothing is close', () => {
    expect(ask('coffee machine')).toBeNull();
    expect(ask('')).toBeNull();
    expect(ask('?!')).toBeNull();
    expect(ask('who owns it?')).toBeNull();
  });

  it('does not let one incidental word of a long sentence pick an area', () => {
    expect(ask('the new coffee machine in the kitchen')).toBeNull();
    expect(ask('coffee machine')).toBeNull();
  });
});

describe('who owns X on a custom matrix', () => {
  it('matches short tokens exactly and never by typo distance', () => {
    const index = new OwnershipIndex(
      stored([area('DR', ['disaster recovery']), area('AR', ['accounts receivable']), area('ERP')]),
    );
    expect(answer(index.lookup('dr'))).toBe('DR');
    expect(answer(index.lookup('ar'))).toBe('AR');
    expect(answer(index.lookup('xr'))).toBeNull();
    expect(answer(index.lookup('erm'))).toBeNull();
  });

  it('finds multi-word areas and aliases, and a shared alias is ambiguous', () => {
    const index = new OwnershipIndex(
      stored([
        area('Payroll system', ['adp', 'salaries']),
        area('Badge readers', ['door access', 'adp']),
        area('Door maintenance'),
      ]),
    );
    expect(index.lookup('payroll system')).toMatchObject({ kind: 'match', via: 'Payroll system' });
    expect(index.lookup('who owns salary?')).toMatchObject({ kind: 'match', via: 'salaries' });
    expect(answer(index.lookup('the door access is broken'))).toBe('Badge readers');
    expect(answer(index.lookup('ADP'))).toEqual(['Payroll system', 'Badge readers']);
  });

  it('prefers an area named exactly like the query over an alias of another area', () => {
    const index = new OwnershipIndex(stored([area('Networking', ['printers']), area('Printers')]));
    expect(index.lookup('printers')).toMatchObject({ kind: 'match', area: { name: 'Printers' } });
  });

  it('lists at most five candidates, in matrix order', () => {
    const index = new OwnershipIndex(stored(['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((x) => area(`Site ${x} wiring`))));
    expect(answer(index.lookup('wiring'))).toEqual([
      'Site A wiring',
      'Site B wiring',
      'Site C wiring',
      'Site D wiring',
      'Site E wiring',
    ]);
  });

  it('ignores accents and spacing the same way area names are compared', () => {
    const index = new OwnershipIndex(stored([area('Café Wi-Fi', ['guest network'])]));
    expect(answer(index.lookup('cafe wifi'))).toBe('Café Wi-Fi');
    expect(answer(index.lookup('guest networks'))).toBe('Café Wi-Fi');
  });

  it('finds an area by a word of its note, below its names and aliases', () => {
    const index = new OwnershipIndex(
      stored([
        { ...area('business applications', ['erp']), note: 'NetSuite and Salesforce admins' },
        area('Salesforce sandbox'),
      ]),
    );
    expect(index.lookup('who owns netsuite?')).toMatchObject({
      kind: 'match',
      area: { name: 'business applications' },
      fromNote: true,
    });
    expect(answer(index.lookup('salesforce'))).toBe('Salesforce sandbox');
    expect(answer(index.lookup('admins'))).toBe('business applications');
  });

  it('answers nothing on an empty matrix', () => {
    expect(new OwnershipIndex([]).lookup('backups')).toEqual({ kind: 'none' });
  });
});

describe('a 10,000-area matrix', () => {
  const words = ['ledger', 'kiosk', 'scanner', 'portal', 'badge', 'camera', 'router', 'archive', 'tablet', 'sensor'];
  const big = stored(
    Array.from({ length: 10_000 }, (_, i) =>
      area(`${words[i % 10]} fleet ${i}`, [
        `${words[(i + 3) % 10]} ${i}`,
        `site ${i}`,
        `unit ${i} ${words[(i + 7) % 10]}`,
        `alias ${i}`,
        `rack ${i}`,
      ]),
    ),
  );
  const index = new OwnershipIndex(big);

  it('still finds the right area by name, alias, typo and sentence', () => {
    expect(answer(index.lookup('scanner fleet 4702'))).toBe('scanner fleet 4702');
    expect(answer(index.lookup('who owns rack 77?'))).toBe('archive fleet 77');
    expect(answer(index.lookup('scaner fleet 4702'))).toBe('scanner fleet 4702');
    expect(answer(index.lookup('site 9999 is offline again'))).toBe('sensor fleet 9999');
  });

  it('answers a word every area uses with the first five (its speed is measured by npm run bench)', () => {
    expect(answer(index.lookup('fleet'))).toEqual(big.slice(0, 5).map((a) => a.name));
  });
});
