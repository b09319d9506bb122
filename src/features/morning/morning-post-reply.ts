import { hoursOf } from '../../domain/business-hours.js';
import { type Escalation, type EscalationFacts, escalationLabel } from '../../domain/escalation.js';
import type { Channel } from '../../domain/model.js';
import {
  type Capped,
  type MorningDigest,
  type MorningGroup,
  type MorningNote,
  morningDigest,
} from '../../domain/morning-digest.js';
import { morningWindow, noteBelongsTo, overnightNotesFrom } from '../../domain/morning-window.js';
import { formatLocal } from '../../domain/zoned-time.js';
import { teamSpan } from '../../kernel/format.js';
import type { Logger } from '../../kernel/logger.js';
import { peopleById } from '../../kernel/people-lookup.js';
import type { Store } from '../../kernel/ports/store.js';
import {
  type Block,
  bold,
  context,
  header,
  list,
  paragraph,
  prose,
  type Reply,
  type Span,
  text,
} from '../../kernel/reply.js';
import { syncsDueOn } from '../cadence/index.js';

/** Long summaries and notes are shortened visibly (…), so that the post fits one message on every face. */
const MAX_SUMMARY = 100;
const MAX_NOTE = 240;

/** How the post is being made: as the scheduled post (maybe late), or as a `handoff` preview. */
export type MorningPostMode =
  | { kind: 'post'; late: boolean; dueAt: Date }
  | { kind: 'preview'; now: Date; dueAt: Date };

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

/** The morning handoff post of business day `date`: what the job posts and what `handoff` previews. */
export async function morningPostReply(
  store: Store,
  channel: Channel,
  date: string,
  mode: MorningPostMode,
  log?: Logger,
): Promise<Reply> {
  const digest = await loadMorningDigest(store, channel, date, log);
  const shown = [...digest.groups.resolved.shown, ...digest.groups.handedBack.shown, ...digest.groups.open.shown];
  const pickups = new Map<number, { by: number | null; at: Date } | null>();
  for (const e of shown) if (e.state === 'acknowledged') pickups.set(e.id, await pickedUpBy(store, e));
  // The same few people appear on many lines: each is read once.
  const people = await peopleById(store, [
    ...shown.flatMap((e) => [e.acknowledgedBy, e.handedBackBy, e.resolvedBy]),
    ...[...pickups.values()].map((p) => p?.by ?? null),
    ...digest.notes.shown.map((n) => n.authorId),
  ]);
  const nameOf = (id: number | null) => {
    const p = id === null ? undefined : people.get(id);
    return p ? `@${p.name}` : 'someone';
  };
  const blocks = morningPostBlocks(digest, channel, nameOf, (e) => pickups.get(e.id) ?? null, mode);
  return { visibility: mode.kind === 'preview' ? 'ephemeral' : 'channel', blocks };
}

/** The post's blocks from its digest; people are named in plain text so that nobody is pinged at 08:00. */
export function morningPostBlocks(
  d: MorningDigest,
  channel: Channel,
  nameOf: (personId: number | null) => string,
  pickedUp: (e: Escalation) => { by: number | null; at: Date } | null,
  mode: MorningPostMode,
): Block[] {
  const tz = channel.timezone;
  const at = (instant: Date) => formatLocal(instant, tz, 'EEE d MMM HH:mm zzz');
  const day = formatLocal(d.window.to, tz, 'EEE d MMM');
  const span = `from ${at(d.window.from)} to ${at(d.window.to)}`;
  const blocks: Block[] = [header(`${mode.kind === 'preview' ? 'Preview: ' : ''}Morning handoff — ${day}`)];

  if (mode.kind === 'preview') blocks.push(...previewNotice(d, mode, tz));
  const lateNotice =
    mode.kind === 'post' && mode.late
      ? context(
          text(
            `Posted late: Tandem was not running at ${formatLocal(mode.dueAt, tz, 'HH:mm zzz')}, when this was due. ` +
              `It covers the same window.`,
          ),
        )
      : null;

  if (d.quiet) {
    blocks.push(
      paragraph(
        teamSpan('internal', channel),
        text(`: ${quietPhrase(d)} — no escalations and no handoff notes ${span} (${hoursLong(d)}).`),
      ),
    );
    if (lateNotice) blocks.push(lateNotice);
  } else {
    blocks.push(
      paragraph(
        teamSpan('internal', channel),
        text(`: here is what happened ${span} (${windowScope(d)}, ${hoursLong(d)}).`),
      ),
    );
    if (lateNotice) blocks.push(lateNotice);
    const titles: Record<MorningGroup, string> = {
      resolved: 'Resolved overnight',
      handedBack: 'Handed back for internal follow-up',
      open: 'Still open',
    };
    const moreWords: Record<MorningGroup, string> = {
      resolved: 'resolved',
      handedBack: 'handed back',
      open: 'still open',
    };
    for (const g of ['handedBack', 'open', 'resolved'] as const) {
      const group = d.groups[g];
      if (group.total === 0) continue;
      blocks.push(paragraph(bold(`${titles[g]} (${group.total})`)));
      blocks.push(list(withMore(group, (e) => escalationLine(e, g, d, channel, at, nameOf, pickedUp), moreWords[g])));
    }
    if (d.notes.total > 0) {
      blocks.push(paragraph(bold(`Notes (${d.notes.total})`)));
      blocks.push(list(withMore(d.notes, (n) => noteLine(n, at, nameOf), 'notes')));
    }
  }

  if (d.syncs === null) {
    blocks.push(
      context(...prose("Today's syncs could not be listed (a fault on my side); type `cadence` to see them.")),
    );
  } else if (d.syncs.length > 0) {
    blocks.push(paragraph(bold('Syncs today')));
    blocks.push(list(d.syncs.map((s) => [text(`${s.title} at ${formatLocal(s.startsAt, tz, 'HH:mm zzz')}`)])));
  }
  if (d.olderUnresolved.total > 0) {
    const ids = d.olderUnresolved.shown
      .map((e) => `${escalationLabel(e)}${e.handedBackAt !== null ? ' (handed back)' : ''}`)
      .join(', ');
    const more = d.olderUnresolved.more > 0 ? ` and ${d.olderUnresolved.more} more` : '';
    blocks.push(
      context(...prose(`Still unresolved from before this window: ${ids}${more}. Type \`escalations\` to see them.`)),
    );
  }
  blocks.push(context(text(countLine(d))));
  return blocks;
}

/** `In this window: 4 escalations — 2 resolved, 1 handed back, 1 still open · 3 notes. 1 sync today.` */
export function countLine(d: MorningDigest): string {
  const c = d.counts;
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const escalations =
    c.escalations === 0
      ? 'no escalations'
      : `${plural(c.escalations, 'escalation')} — ${c.resolved} resolved, ${c.handedBack} handed back, ${c.open} ` +
        `still open`;
  const notes = c.notes === 0 ? 'no notes' : plural(c.notes, 'note');
  return `In this window: ${escalations} · ${notes}.${c.syncs > 0 ? ` ${plural(c.syncs, 'sync')} today.` : ''}`;
}

function previewNotice(d: MorningDigest, mode: Extract<MorningPostMode, { kind: 'preview' }>, tz: string): Block[] {
  const due = formatLocal(mode.dueAt, tz);
  const lines: Block[] = [context(text(`This is a preview. The post goes to the channel at ${due}.`))];
  if (mode.now.getTime() < d.window.from.getTime()) {
    lines.push(
      context(
        ...prose(
          `Its window opens at ${formatLocal(d.window.from, tz)}; until then only notes logged with \`handoff note ` +
            `--overnight\` are in it.`,
        ),
      ),
    );
  } else if (mode.now.getTime() < d.window.to.getTime()) {
    lines.push(context(text('The window is still open: this is what the post would say now.')));
  }
  return lines;
}

/** What the window spanned besides a night: holidays by name and date, and weekend days. */
function daysOffParts(d: MorningDigest): { holidays: string[]; weekend: boolean } {
  return {
    holidays: d.daysOff.filter((x) => x.holiday !== null).map((x) => `${x.holiday} (${shortDate(x.date)})`),
    weekend: d.daysOff.some((x) => x.holiday === null),
  };
}

function joinAnd(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** `overnight`, `the weekend`, `Thanksgiving Day (Thu 26 Nov) and the weekend`. */
export function windowScope(d: MorningDigest): string {
  const { holidays, weekend } = daysOffParts(d);
  if (holidays.length === 0) return weekend ? 'the weekend' : 'overnight';
  return joinAnd([...holidays, ...(weekend ? ['the weekend'] : [])]);
}

/** `a quiet night`, `a quiet weekend`, `a quiet Thanksgiving Day (Thu 26 Nov) and weekend`. */
function quietPhrase(d: MorningDigest): string {
  const { holidays, weekend } = daysOffParts(d);
  if (holidays.length === 0) return weekend ? 'a quiet weekend' : 'a quiet night';
  return `a quiet ${joinAnd([...holidays, ...(weekend ? ['weekend'] : [])])}`;
}

function shortDate(iso: string): string {
  const [y, m, dd] = iso.split('-').map(Number);
  return formatLocal(new Date(Date.UTC(y!, m! - 1, dd!, 12)), 'UTC', 'EEE d MMM');
}

function hoursLong(d: MorningDigest): string {
  const h = Math.round((d.window.to.getTime() - d.window.from.getTime()) / 3_600_000);
  return `${h} hour${h === 1 ? '' : 's'}`;
}

function withMore<T>(items: Capped<T>, line: (item: T) => Span[], what: string): Span[][] {
  const out = items.shown.map(line);
  if (items.more > 0) out.push([text(`… and ${items.more} more ${what}`)]);
  return out;
}

function escalationLine(
  e: Escalation,
  group: MorningGroup,
  d: MorningDigest,
  channel: Channel,
  at: (instant: Date) => string,
  nameOf: (id: number | null) => string,
  pickedUp: (e: Escalation) => { by: number | null; at: Date } | null,
): Span[] {
  const spans: Span[] = [bold(escalationLabel(e)), text(` · ${e.priority} · ${cutText(e.summary, MAX_SUMMARY)}`)];
  if (d.openedEarlier.has(e.id)) spans.push(text(` (opened ${at(e.openedAt)})`));
  const quote = (note: string | null) => (note ? `: “${cutText(note, MAX_NOTE)}”` : '');
  switch (group) {
    case 'resolved': {
      const handback = e.handedBackAt ? `handed back by ${nameOf(e.handedBackBy)}, then ` : '';
      spans.push(
        text(` — ${handback}resolved by ${nameOf(e.resolvedBy)}, ${at(e.resolvedAt!)}${quote(e.resolutionNote)}`),
      );
      break;
    }
    case 'handedBack': {
      spans.push(text(` — handed back by ${nameOf(e.handedBackBy)}, ${at(e.handedBackAt!)}${quote(e.handbackNote)}`));
      const taken = e.state === 'acknowledged' ? pickedUp(e) : null;
      spans.push(text(taken ? `; picked up by ${nameOf(taken.by)}, ${at(taken.at)}` : '; nobody has picked it up yet'));
      break;
    }
    case 'open': {
      const team = e.toTeam === 'internal' ? `${channel.orgName} (internal IT)` : `${channel.mspName} (MSP)`;
      if (e.handedBackAt !== null)
        spans.push(
          text(
            ` — handed back to ${channel.mspName} (MSP) by ${nameOf(e.handedBackBy)}, ` +
              `${at(e.handedBackAt)}${quote(e.handbackNote)}`,
          ),
        );
      else if (e.state === 'acknowledged')
        spans.push(text(` — acknowledged by ${nameOf(e.acknowledgedBy)}, ${at(e.acknowledgedAt!)}; with ${team}`));
      else
        spans.push(
          text(
            ` — not acknowledged yet, waiting for ` +
              `${team}${e.renotifyCount > 0 ? `; re-notified ${e.renotifyCount}×` : ''}`,
          ),
        );
      break;
    }
  }
  return spans;
}

function noteLine(n: MorningNote, at: (instant: Date) => string, nameOf: (id: number | null) => string): Span[] {
  const on = n.kind === 'escalation' ? [text(' on '), bold(escalationLabel(n.escalation))] : [];
  return [text(`${at(n.at)} · ${nameOf(n.authorId)}`), ...on, text(`: ${cutText(n.text, MAX_NOTE)}`)];
}

function cutText(s: string, max: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** Who acknowledged a handed-back escalation after its handback: the internal team taking it on. */
async function pickedUpBy(store: Store, e: Escalation): Promise<{ by: number | null; at: Date } | null> {
  if (e.handedBackAt === null) return null;
  const ack = (await store.escalations.events(e.id))
    .filter((ev) => ev.kind === 'acknowledged' && ev.at.getTime() >= e.handedBackAt!.getTime())
    .at(-1);
  return ack ? { by: ack.actorId, at: ack.at } : null;
}
