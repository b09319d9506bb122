import { hoursOf } from '../../domain/business-hours.js';
import type { Escalation, EscalationFacts } from '../../domain/escalation.js';
import type { Channel } from '../../domain/model.js';
import { type Capped, type MorningDigest, type MorningNote, morningDigest } from '../../domain/morning-digest.js';
import { morningWindow, noteBelongsTo, overnightNotesFrom } from '../../domain/morning-window.js';
import type { Logger } from '../../kernel/logger.js';
import type { Store } from '../../kernel/ports/store.js';
import { syncsDueOn } from '../cadence/index.js';

/**
 * Reads everything the morning post of `date` needs from the store and decides its content. The
 * decision reads only the facts of each escalation (a busy night has thousands); the few dozen the
 * post shows are then read in full.
 */
export async function loadMorningDigest(
  store: Store,
  channel: Channel,
  date: string,
  log?: Logger,
): Promise<MorningDigest> {
  const holidays = await store.channels.holidays(channel.id);
  const hours = hoursOf(channel, holidays);
  const window = morningWindow(date, hours);
  const { from, to } = window;
  const handoffNotes = (await store.handoffNotes.between(channel.id, overnightNotesFrom(window, hours), to)).filter(
    (n) => noteBelongsTo(n, window, hours),
  );
  const decided = morningDigest({
    date,
    window,
    workDays: channel.workDays,
    holidays,
    records: {
      inWindow: await store.escalations.factsInWindow(channel.id, from, to),
      unresolved: await store.escalations.unresolvedFacts(channel.id, from),
      handoffNotes,
      escalationNotes: await store.escalations.noteFactsBetween(channel.id, from, to),
      syncs: await syncsOf(store, channel, date, log),
    },
  });
  return shownInFull(store, decided);
}

/** The digest with the full record of each escalation it shows. */
async function shownInFull(store: Store, d: MorningDigest<EscalationFacts>): Promise<MorningDigest> {
  const full = async (e: EscalationFacts): Promise<Escalation> => {
    const record = await store.escalations.get(e.id);
    if (!record) throw new Error(`escalation ${e.id} disappeared while the morning post was built`);
    return record;
  };
  const shown = async <T, U>(c: Capped<T>, f: (item: T) => Promise<U>): Promise<Capped<U>> => {
    const out: U[] = [];
    for (const item of c.shown) out.push(await f(item));
    return { ...c, shown: out };
  };
  const { resolved, handedBack, open } = d.groups;
  return {
    ...d,
    groups: {
      resolved: await shown(resolved, full),
      handedBack: await shown(handedBack, full),
      open: await shown(open, full),
    },
    notes: await shown(
      d.notes,
      async (n): Promise<MorningNote> => (n.kind === 'escalation' ? { ...n, escalation: await full(n.escalation) } : n),
    ),
    olderUnresolved: await shown(d.olderUnresolved, full),
  };
}

/** The syncs due on the post's day; a fault there must not cost the internal team its morning post. */
async function syncsOf(store: Store, channel: Channel, date: string, log?: Logger): Promise<MorningDigest['syncs']> {
  try {
    return await syncsDueOn(store, channel, date);
  } catch (err) {
    log?.error({ err, channel: channel.id, date }, 'could not list the syncs due for the morning post');
    return null;
  }
}
