import { describe, expect, it } from 'vitest';
import { formatLocal, formatLocalRange } from '../../src/domain/zoned-time.js';

// These run a second time under TZ=America/Santiago and TZ=Pacific/Chatham (npm test): what people
// see must not depend on the server's zone.

const at = (iso: string) => new Date(iso);
const NY = 'America/New_York';

describe('formatLocal reads only the channel’s zone, never the server’s', () => {
  it('prints a New York 00:45 on the night Santiago skips its midnight hour as 00:45', () => {
    // Sun 5 Sep 2027 00:00 does not exist in Santiago; a wall clock built in the process's zone read 01:45.
    expect(formatLocal(at('2027-09-05T04:45:00Z'), NY)).toBe('Sun 5 Sep 2027 00:45 EDT');
    expect(formatLocal(at('2027-04-04T03:30:00Z'), 'America/Santiago')).toBe('Sat 3 Apr 2027 23:30 UTC-4');
    // Chatham's own change (03:45 → 02:45 on Sun 4 Apr 2027) and a New Zealand time in it.
    expect(formatLocal(at('2027-04-03T13:50:00Z'), 'Pacific/Auckland')).toBe('Sun 4 Apr 2027 02:50 NZDT');
    expect(formatLocal(at('2027-04-03T14:50:00Z'), 'Pacific/Auckland')).toBe('Sun 4 Apr 2027 02:50 NZST');
  });

  it('prints each pattern letter from the zone’s wall clock, quoted text as it is', () => {
    const t = at('2027-03-14T07:05:09Z');
    expect(formatLocal(t, NY, "EEEE d MMMM yyyy 'at' H:mm:ss zzz")).toBe('Sunday 14 March 2027 at 3:05:09 EDT');
    expect(formatLocal(t, NY, 'yyyy-MM-dd HH:mm zzzz')).toBe('2027-03-14 03:05 Eastern Daylight Time');
    expect(formatLocal(t, NY, "EEE yy-M-d 'o''clock'")).toBe("Sun 27-3-14 o'clock");
    expect(() => formatLocal(t, NY, 'HH:mm X')).toThrow(RangeError);
  });
});

describe('formatLocalRange: a span with the abbreviation of each end when they differ', () => {
  it('a meeting at 01:30 EDT on the November change ends at 01:30 EST, an hour later', () => {
    expect(formatLocalRange(at('2027-11-07T05:30:00Z'), at('2027-11-07T06:30:00Z'), NY)).toBe(
      'Sun 7 Nov 2027 01:30 EDT–01:30 EST',
    );
  });

  it('a meeting at 01:30 EST on the March change ends at 03:30 EDT', () => {
    expect(formatLocalRange(at('2027-03-14T06:30:00Z'), at('2027-03-14T07:30:00Z'), NY)).toBe(
      'Sun 14 Mar 2027 01:30 EST–03:30 EDT',
    );
  });

  it('one abbreviation when both ends share it', () => {
    expect(formatLocalRange(at('2026-12-07T22:00:00Z'), at('2026-12-07T23:00:00Z'), 'Australia/Sydney')).toBe(
      'Tue 8 Dec 2026 09:00–10:00 AEDT',
    );
  });
});
