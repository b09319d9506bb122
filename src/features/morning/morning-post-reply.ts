import type { Escalation } from '../../domain/escalation.js';
import { escalationLabel } from '../../domain/escalation.js';
import type { Channel } from '../../domain/model.js';
import type { MorningDigest, MorningGroup } from '../../domain/morning-digest.js';
import { formatLocal } from '../../domain/zoned-time.js';
import { teamSpan } from '../../kernel/format.js';
import type { Logger } from '../../kernel/logger.js';
import { peopleById } from '../../kernel/people-lookup.js';
import type { Store } from '../../kernel/ports/store.js';
import { type Block, bold, context, header, list, paragraph, prose, type Reply, text } from '../../kernel/reply.js';
import { loadMorningDigest } from './morning-digest-query.js';
import {
  countLine,
  escalationLine,
  hoursLong,
  noteLine,
  quietPhrase,
  windowScope,
  withMore,
} from './morning-post-lines.js';

/** How the post is being made: as the scheduled post (maybe late), or as a `handoff` preview. */
export type MorningPostMode =
  | { kind: 'post'; late: boolean; dueAt: Date }
  | { kind: 'preview'; now: Date; dueAt: Date };

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
        text(`: here is what happened ${overWords(windowScope(d))}, ${span} (${hoursLong(d)}).`),
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

/** Who acknowledged a handed-back escalation after its handback: the internal team taking it on. */
async function pickedUpBy(store: Store, e: Escalation): Promise<{ by: number | null; at: Date } | null> {
  if (e.handedBackAt === null) return null;
  const ack = (await store.escalations.events(e.id))
    .filter((ev) => ev.kind === 'acknowledged' && ev.at.getTime() >= e.handedBackAt!.getTime())
    .at(-1);
  return ack ? { by: ack.actorId, at: ack.at } : null;
}

/** `overnight`, or `over the weekend`, `over Thanksgiving Day (Thu 26 Nov) and the weekend`. */
function overWords(scope: string): string {
  return scope === 'overnight' ? scope : `over ${scope}`;
}
