import { describe, expect, it } from 'vitest';
import { readTimeZone } from '../../src/domain/time-zones.js';

describe('readTimeZone', () => {
  it('takes IANA zones in any case and keeps their canonical spelling', () => {
    expect(readTimeZone('America/New_York')).toEqual({ kind: 'zone', zone: 'America/New_York' });
    expect(readTimeZone('america/new_york')).toEqual({ kind: 'zone', zone: 'America/New_York' });
    expect(readTimeZone('EUROPE/LONDON')).toEqual({ kind: 'zone', zone: 'Europe/London' });
    expect(readTimeZone('asia/kolkata')).toEqual({ kind: 'zone', zone: 'Asia/Kolkata' });
    expect(readTimeZone('Europe/Kyiv')).toEqual({ kind: 'zone', zone: 'Europe/Kyiv' });
    expect(readTimeZone('america/port-au-prince')).toEqual({ kind: 'zone', zone: 'America/Port-au-Prince' });
    expect(readTimeZone('utc')).toEqual({ kind: 'zone', zone: 'UTC' });
    expect(readTimeZone('US/Eastern')).toEqual({ kind: 'zone', zone: 'America/New_York' });
  });

  it('refuses abbreviations and fixed offsets, offering the zones they may mean', () => {
    expect(readTimeZone('EST')).toMatchObject({ kind: 'abbreviation' });
    const est = readTimeZone('EST');
    expect(est.kind === 'abbreviation' && est.candidates.slice(0, 2)).toEqual(['America/New_York', 'America/Toronto']);
    const ist = readTimeZone('IST');
    expect(ist.kind === 'abbreviation' && ist.candidates).toEqual(
      expect.arrayContaining(['Asia/Kolkata', 'Europe/Dublin', 'Asia/Jerusalem']),
    );
    const cet = readTimeZone('CET');
    expect(cet.kind === 'abbreviation' && cet.candidates.slice(0, 2)).toEqual(['Europe/Paris', 'Europe/Berlin']);
    expect(readTimeZone('EST5EDT')).toMatchObject({ kind: 'abbreviation' });
    expect(readTimeZone('Etc/GMT+5')).toMatchObject({ kind: 'abbreviation' });
    expect(readTimeZone('GMT+11')).toMatchObject({ kind: 'abbreviation' });
  });

  it('offers the nearest names for a misspelt zone', () => {
    expect(readTimeZone('Europe/Londn')).toMatchObject({ kind: 'unknown', candidates: ['Europe/London'] });
    expect(readTimeZone('America/New York')).toEqual({ kind: 'zone', zone: 'America/New_York' });
    expect(readTimeZone('Mars/Olympus')).toMatchObject({ kind: 'unknown' });
  });
});
