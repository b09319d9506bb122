/*
 * The abbreviations people use for their own zone's time (AEDT in Sydney, NZDT in Auckland, IST in
 * India, CET in Paris). Intl prints most zones as "GMT+11", so Tandem keeps this small table, keyed
 * by zone and UTC offset: an offset a zone no longer uses (history, a changed rule) finds no row and
 * is shown as the offset. The same table tells someone who typed `tz:EST` which zones they may mean.
 */

type Row = readonly [zones: string, abbreviations: readonly (readonly [offsetMinutes: number, abbreviation: string])[]];

/** Zones (space-separated, the usual first) and their abbreviations by offset; in the order candidates are offered. */
const TABLE: readonly Row[] = [
  [
    'America/New_York America/Toronto America/Detroit America/Indiana/Indianapolis America/Kentucky/Louisville',
    [
      [-300, 'EST'],
      [-240, 'EDT'],
    ],
  ],
  ['America/Panama America/Jamaica America/Cancun', [[-300, 'EST']]],
  [
    'America/Chicago America/Winnipeg America/Indiana/Knox America/Menominee',
    [
      [-360, 'CST'],
      [-300, 'CDT'],
    ],
  ],
  ['America/Mexico_City America/Monterrey America/Regina America/Costa_Rica', [[-360, 'CST']]],
  [
    'America/Denver America/Edmonton America/Boise',
    [
      [-420, 'MST'],
      [-360, 'MDT'],
    ],
  ],
  ['America/Phoenix', [[-420, 'MST']]],
  [
    'America/Los_Angeles America/Vancouver America/Tijuana',
    [
      [-480, 'PST'],
      [-420, 'PDT'],
    ],
  ],
  [
    'America/Anchorage America/Juneau',
    [
      [-540, 'AKST'],
      [-480, 'AKDT'],
    ],
  ],
  ['Pacific/Honolulu', [[-600, 'HST']]],
  [
    'America/Halifax America/Moncton Atlantic/Bermuda',
    [
      [-240, 'AST'],
      [-180, 'ADT'],
    ],
  ],
  ['America/Puerto_Rico America/Santo_Domingo', [[-240, 'AST']]],
  [
    'America/St_Johns',
    [
      [-210, 'NST'],
      [-150, 'NDT'],
    ],
  ],
  ['America/Sao_Paulo', [[-180, 'BRT']]],
  ['America/Argentina/Buenos_Aires America/Buenos_Aires', [[-180, 'ART']]],
  [
    'Europe/London Europe/Jersey Europe/Guernsey Europe/Isle_of_Man',
    [
      [0, 'GMT'],
      [60, 'BST'],
    ],
  ],
  [
    'Europe/Dublin',
    [
      [0, 'GMT'],
      [60, 'IST'],
    ],
  ],
  [
    'Europe/Lisbon Atlantic/Madeira Atlantic/Canary Atlantic/Faroe Atlantic/Faeroe',
    [
      [0, 'WET'],
      [60, 'WEST'],
    ],
  ],
  [
    'Europe/Paris Europe/Berlin Europe/Amsterdam Europe/Brussels Europe/Madrid Europe/Rome Europe/Vienna ' +
      'Europe/Zurich Europe/Stockholm Europe/Oslo Europe/Copenhagen Europe/Warsaw Europe/Prague Europe/Budapest ' +
      'Europe/Luxembourg Europe/Monaco Europe/Malta Europe/Belgrade Europe/Zagreb Europe/Ljubljana ' +
      'Europe/Bratislava Europe/Sarajevo Europe/Skopje Europe/Tirane Europe/Andorra Europe/Gibraltar Africa/Ceuta',
    [
      [60, 'CET'],
      [120, 'CEST'],
    ],
  ],
  [
    'Europe/Athens Europe/Helsinki Europe/Kyiv Europe/Kiev Europe/Bucharest Europe/Sofia Europe/Riga ' +
      'Europe/Tallinn Europe/Vilnius Europe/Chisinau Asia/Nicosia Africa/Cairo',
    [
      [120, 'EET'],
      [180, 'EEST'],
    ],
  ],
  ['Europe/Moscow', [[180, 'MSK']]],
  ['Europe/Istanbul', [[180, 'TRT']]],
  ['Asia/Kolkata Asia/Calcutta', [[330, 'IST']]],
  [
    'Asia/Jerusalem Asia/Tel_Aviv',
    [
      [120, 'IST'],
      [180, 'IDT'],
    ],
  ],
  ['Asia/Dubai Asia/Muscat', [[240, 'GST']]],
  ['Asia/Karachi', [[300, 'PKT']]],
  ['Asia/Bangkok Asia/Ho_Chi_Minh Asia/Saigon', [[420, 'ICT']]],
  ['Asia/Jakarta', [[420, 'WIB']]],
  ['Asia/Singapore', [[480, 'SGT']]],
  ['Asia/Hong_Kong', [[480, 'HKT']]],
  ['Asia/Shanghai Asia/Taipei', [[480, 'CST']]],
  ['Asia/Manila', [[480, 'PHT']]],
  ['Australia/Perth', [[480, 'AWST']]],
  ['Asia/Tokyo', [[540, 'JST']]],
  ['Asia/Seoul', [[540, 'KST']]],
  [
    'Australia/Adelaide Australia/Broken_Hill',
    [
      [570, 'ACST'],
      [630, 'ACDT'],
    ],
  ],
  ['Australia/Darwin', [[570, 'ACST']]],
  [
    'Australia/Sydney Australia/Melbourne Australia/Hobart Australia/Canberra',
    [
      [600, 'AEST'],
      [660, 'AEDT'],
    ],
  ],
  ['Australia/Brisbane Australia/Lindeman', [[600, 'AEST']]],
  [
    'Pacific/Auckland Antarctica/McMurdo',
    [
      [720, 'NZST'],
      [780, 'NZDT'],
    ],
  ],
  ['Africa/Johannesburg', [[120, 'SAST']]],
  ['Africa/Lagos', [[60, 'WAT']]],
  ['Africa/Nairobi', [[180, 'EAT']]],
  ['UTC Etc/UTC', [[0, 'UTC']]],
];

/** Words people use for a zone that are not one of its abbreviations: `ET`, `Eastern`, `Pacific`. */
const SPOKEN: Record<string, string> = {
  ET: 'EST',
  EASTERN: 'EST',
  CT: 'CST',
  CENTRAL: 'CST',
  MT: 'MST',
  MOUNTAIN: 'MST',
  PT: 'PST',
  PACIFIC: 'PST',
  AET: 'AEST',
  CEST: 'CET',
};

const byZone = new Map<string, Map<number, string>>();
const byAbbreviation = new Map<string, string[]>();
for (const [zones, rows] of TABLE) {
  for (const zone of zones.split(' ')) {
    byZone.set(zone.toLowerCase(), new Map(rows));
    for (const [, abbreviation] of rows) {
      const list = byAbbreviation.get(abbreviation) ?? [];
      if (!list.includes(zone)) list.push(zone);
      byAbbreviation.set(abbreviation, list);
    }
  }
}

/** The abbreviation people in `zone` use at this UTC offset (minutes east), or null when there is none. */
export function zoneAbbreviation(zone: string, offsetMinutes: number): string | null {
  return byZone.get(zone.toLowerCase())?.get(offsetMinutes) ?? null;
}

/** The zones where people say `abbreviation` (any case; `ET`, `Eastern` too), the usual ones first. */
export function zonesCalled(abbreviation: string): readonly string[] {
  const upper = abbreviation.trim().toUpperCase();
  return byAbbreviation.get(SPOKEN[upper] ?? upper) ?? [];
}

/** `UTC+11`, `UTC-3`, `UTC+5:30`, `UTC`: an offset as shown where a zone has no abbreviation. */
export function utcOffsetLabel(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const minutes = abs % 60;
  return `UTC${sign}${Math.floor(abs / 60)}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
}
