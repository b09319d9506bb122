import { describe, expect, it } from 'vitest';
import { utcOffsetLabel, zoneAbbreviation, zonesCalled } from '../../src/domain/zone-abbreviations.js';
import { formatLocal, zoneShortName } from '../../src/domain/zoned-time.js';

const at = (iso: string) => new Date(iso);

describe('the abbreviation people use, across daylight saving', () => {
  it.each([
    ['Australia/Sydney', '2026-01-15T00:00:00Z', 'AEDT'],
    ['Australia/Sydney', '2026-07-15T00:00:00Z', 'AEST'],
    ['Australia/Sydney', '2026-04-04T15:59:00Z', 'AEDT'], // the last minute of summer time (03:00 local on 5 Apr)
    ['Australia/Sydney', '2026-04-04T16:00:00Z', 'AEST'],
    ['Australia/Brisbane', '2026-01-15T00:00:00Z', 'AEST'],
    ['Australia/Adelaide', '2026-01-15T00:00:00Z', 'ACDT'],
    ['Pacific/Auckland', '2026-01-15T00:00:00Z', 'NZDT'],
    ['Pacific/Auckland', '2026-07-15T00:00:00Z', 'NZST'],
    ['Asia/Kolkata', '2026-01-15T00:00:00Z', 'IST'],
    ['Asia/Calcutta', '2026-07-15T00:00:00Z', 'IST'],
    ['Europe/Dublin', '2026-07-15T00:00:00Z', 'IST'],
    ['Europe/London', '2026-01-15T00:00:00Z', 'GMT'],
    ['Europe/London', '2026-07-15T00:00:00Z', 'BST'],
    ['Europe/Paris', '2026-01-15T00:00:00Z', 'CET'],
    ['Europe/Berlin', '2026-03-29T00:59:00Z', 'CET'],
    ['Europe/Berlin', '2026-03-29T01:00:00Z', 'CEST'],
    ['America/New_York', '2026-01-15T00:00:00Z', 'EST'],
    ['America/New_York', '2026-07-15T00:00:00Z', 'EDT'],
    ['America/Phoenix', '2026-07-15T00:00:00Z', 'MST'],
    ['UTC', '2026-07-15T00:00:00Z', 'UTC'],
  ])('%s at %s is %s', (zone, iso, expected) => {
    expect(zoneShortName(at(iso), zone)).toBe(expected);
  });

  it('shows the UTC offset where a zone has no abbreviation, or an offset its row does not list', () => {
    expect(zoneShortName(at('2026-01-15T00:00:00Z'), 'Asia/Kathmandu')).toBe('UTC+5:45');
    expect(zoneShortName(at('2026-01-15T00:00:00Z'), 'America/Santiago')).toBe('UTC-3');
    expect(zoneShortName(at('2026-01-15T00:00:00Z'), 'Asia/Dubai')).toBe('GST');
    // Mexico City kept summer time until 2022: an offset its row does not have is shown as an offset.
    expect(zoneShortName(at('2021-07-15T00:00:00Z'), 'America/Mexico_City')).toBe('UTC-5');
    expect(utcOffsetLabel(-210)).toBe('UTC-3:30');
    expect(zoneAbbreviation('Mars/Olympus', 0)).toBeNull();
  });

  it('prints times in Sydney as people there read them', () => {
    expect(formatLocal(at('2026-11-27T16:00:00Z'), 'Australia/Sydney')).toBe('Sat 28 Nov 2026 03:00 AEDT');
  });

  it('lists the zones an abbreviation may mean, the usual first', () => {
    expect(zonesCalled('EST').slice(0, 2)).toEqual(['America/New_York', 'America/Toronto']);
    expect(zonesCalled('ist')).toEqual([
      'Europe/Dublin',
      'Asia/Kolkata',
      'Asia/Calcutta',
      'Asia/Jerusalem',
      'Asia/Tel_Aviv',
    ]);
    expect(zonesCalled('Pacific')[0]).toBe('America/Los_Angeles');
    expect(zonesCalled('XYZ')).toEqual([]);
  });
});
