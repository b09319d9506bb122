import { editDistance } from './edit-distance.js';
import { zonesCalled } from './zone-abbreviations.js';

/*
 * Reading the timezone someone typed. Only IANA zones (a region and a place, or UTC) are taken:
 * an abbreviation is refused, since EST read as a fixed UTC−5 is wrong half the year in New York
 * and IST is three different places, and the zones it may mean are offered instead. A zone is kept
 * in its canonical spelling (america/new_york → America/New_York), so it reads the same everywhere.
 */

/**
 * Current IANA names that this runtime's ICU lists under an older name (Intl.supportedValuesOf has
 * Asia/Calcutta, not Asia/Kolkata): typed in any case, they keep their current spelling.
 */
const CURRENT_NAMES: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Thimbu': 'Asia/Thimphu',
  'Asia/Ulan_Bator': 'Asia/Ulaanbaatar',
  'Europe/Kiev': 'Europe/Kyiv',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'America/Godthab': 'America/Nuuk',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Africa/Asmera': 'Africa/Asmara',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Louisville': 'America/Kentucky/Louisville',
};

/** Every zone name this runtime knows, lowercased → canonical spelling. */
const KNOWN = new Map<string, string>();
for (const zone of [...Intl.supportedValuesOf('timeZone'), ...Object.values(CURRENT_NAMES), 'UTC', 'Etc/UTC'])
  KNOWN.set(zone.toLowerCase(), zone);

export type ZoneReading =
  | { kind: 'zone'; zone: string }
  /** An abbreviation or an offset (`EST`, `IST`, `UTC+5`), with the zones it may mean. */
  | { kind: 'abbreviation'; candidates: readonly string[] }
  /** Not a zone; the known names closest to what was typed. */
  | { kind: 'unknown'; candidates: readonly string[] };

/** The IANA zone `typed` names, in its canonical spelling; or why it is not one. */
export function readTimeZone(typed: string): ZoneReading {
  const t = typed.trim().replace(/ /g, '_');
  if (/^(?:utc|etc\/utc|etc\/gmt|gmt0?|z|zulu)$/i.test(t)) return { kind: 'zone', zone: 'UTC' };
  if (!t.includes('/') || /^etc\//i.test(t)) {
    const letters = /^(?:etc\/)?([a-z]+)/i.exec(t)?.[1] ?? '';
    return { kind: 'abbreviation', candidates: zonesCalled(letters).slice(0, 5) };
  }
  const resolved = resolve(t);
  if (resolved === null) return { kind: 'unknown', candidates: nearestZones(t) };
  const known = KNOWN.get(t.toLowerCase());
  if (known) return { kind: 'zone', zone: known };
  // A link the runtime knows under another name (US/Eastern → America/New_York): the zone it names.
  return { kind: 'zone', zone: CURRENT_NAMES[resolved] ?? resolved };
}

function resolve(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Up to three known zones within a few edits of `typed` (America/NewYork, Europe/Londn), nearest first. */
function nearestZones(typed: string): string[] {
  const lower = typed.toLowerCase();
  const scored: { zone: string; d: number }[] = [];
  for (const [key, zone] of KNOWN) {
    const d = editDistance(lower, key, 3);
    if (d <= 3) scored.push({ zone: CURRENT_NAMES[zone] ?? zone, d });
  }
  return [...new Set(scored.sort((a, b) => a.d - b.d).map((s) => s.zone))].slice(0, 3);
}
