import {
  CADENCE_KINDS,
  CADENCE_TITLES,
  type Cadence,
  type CadenceKind,
  DEFAULT_CADENCES,
} from '../../domain/cadence.js';
import { upcomingMeetings } from '../../domain/cadence-meetings.js';
import type { Channel } from '../../domain/model.js';
import { localToInstant, parseIsoDate } from '../../domain/zoned-time.js';
import type { Store } from '../../kernel/ports/store.js';

/**
 * The channel's three cadences. A channel registered before cadences existed has no rows yet: it
 * gets the defaults (id 0, nothing skipped) until a manager changes one, which stores them.
 */
export async function cadencesOf(store: Store, channelId: number): Promise<Cadence[]> {
  const stored = await store.cadences.list(channelId);
  return CADENCE_KINDS.map(
    (kind) =>
      stored.find((c) => c.kind === kind) ?? { id: 0, channelId, ...DEFAULT_CADENCES.find((d) => d.kind === kind)! },
  );
}

/** The skipped dates of a cadence (none for one not stored yet). */
export async function skipsOf(store: Store, cadence: Cadence): Promise<Set<string>> {
  return new Set(cadence.id === 0 ? [] : await store.cadences.skips(cadence.id));
}

export interface SyncDue {
  kind: CadenceKind;
  title: string;
  startsAt: Date;
}

/**
 * The syncs held on a local date (`YYYY-MM-DD`) in the channel's timezone, earliest first: enabled
 * cadences only, skipped occurrences left out. The morning post lists these as "syncs due today".
 */
export async function syncsDueOn(store: Store, channel: Channel, localDate: string): Promise<SyncDue[]> {
  const date = parseIsoDate(localDate);
  if (!date) throw new RangeError(`Not a date (YYYY-MM-DD): ${localDate}`);
  // From the start of the previous local day: a meeting time in a DST gap still belongs to its date.
  const dayBefore = new Date(localToInstant(date, 0, channel.timezone).getTime() - 86_400_000);
  const out: SyncDue[] = [];
  for (const cadence of await cadencesOf(store, channel.id)) {
    if (!cadence.enabled) continue;
    const { meetings } = upcomingMeetings(cadence, channel.timezone, dayBefore, 2, await skipsOf(store, cadence));
    for (const m of meetings) {
      if (m.localDate === localDate)
        out.push({ kind: cadence.kind, title: CADENCE_TITLES[cadence.kind], startsAt: m.instant });
    }
  }
  return out.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
