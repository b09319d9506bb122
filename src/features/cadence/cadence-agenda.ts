import {
  type Agenda,
  type AgendaNote,
  type MonthlyAgenda,
  monthlyAgenda,
  type PeriodFigures,
  periodFigures,
  type QuarterlyAgenda,
  quarterlyAgenda,
  type WeeklyAgenda,
  weeklyAgenda,
} from '../../domain/agenda.js';
import { previousMonth, previousQuarter, quarterBefore, type ReportPeriod } from '../../domain/agenda-periods.js';
import type { Cadence } from '../../domain/cadence.js';
import { previousMeeting } from '../../domain/cadence-meetings.js';
import { escalationLabel, holderOf } from '../../domain/escalation.js';
import type { Channel } from '../../domain/model.js';
import { formatLocal } from '../../domain/zoned-time.js';
import { describeChange } from '../../kernel/change-words.js';
import { ownerName } from '../../kernel/format.js';
import { peopleById } from '../../kernel/people-lookup.js';
import type { Store } from '../../kernel/ports/store.js';
import { type Block, bold, context, list, paragraph, prose, type Span, text } from '../../kernel/reply.js';
import { figureBlocks } from './cadence-agenda-figures.js';
import { skipsOf } from './cadence-queries.js';

/** Lists are cut here so that a reminder stays one readable message on every face. */
const MAX_ITEMS = 12;
const MAX_TEXT = 160;

/** How far back the weekly agenda looks for notes when there was no earlier weekly sync. */
const FIRST_WEEK_MS = 7 * 86_400_000;

/** Reads what the agenda of the meeting at `startsAt` (local date `date`) needs, as it stands `now`. */
export async function loadAgenda(
  store: Store,
  channel: Channel,
  cadence: Cadence,
  date: string,
  startsAt: Date,
  now: Date,
): Promise<Agenda> {
  const tz = channel.timezone;
  const ch = channel.id;
  switch (cadence.kind) {
    case 'weekly': {
      const last = previousMeeting(cadence, tz, startsAt, await skipsOf(store, cadence), 63);
      const since = last?.instant ?? new Date(startsAt.getTime() - FIRST_WEEK_MS);
      const until = now.getTime() < startsAt.getTime() ? now : startsAt;
      const handoffNotes = await store.handoffNotes.between(ch, since, until);
      const escalationNotes = await store.escalations.notesBetween(ch, since, until);
      const people = await peopleById(store, [
        ...handoffNotes.map((n) => n.authorId),
        ...escalationNotes.map((n) => n.event.actorId),
      ]);
      const nameOf = (id: number | null) => (id === null ? null : (people.get(id)?.name ?? null));
      const notes: AgendaNote[] = [
        ...handoffNotes.map((n) => ({ at: n.at, author: nameOf(n.authorId), text: n.text, escalation: null })),
        ...escalationNotes.map(({ escalation, event }) => ({
          at: event.at,
          author: nameOf(event.actorId),
          text: event.note ?? '',
          escalation: escalationLabel(escalation),
        })),
      ];
      return weeklyAgenda(await store.escalations.unresolved(ch), notes, since);
    }
    case 'monthly':
      return monthlyAgenda(await periodFiguresFor(store, channel, previousMonth(date, tz), now));
    case 'quarterly':
      return quarterlyAgendaFor(store, channel, previousQuarter(date, tz), now);
  }
}

/** The quarterly review of `quarter` against the quarter before, with its matrix changes, as of `now`. */
export async function quarterlyAgendaFor(
  store: Store,
  channel: Channel,
  quarter: ReportPeriod,
  now: Date,
): Promise<QuarterlyAgenda> {
  const before = quarterBefore(quarter, channel.timezone);
  const changes = (await store.audit.between(channel.id, quarter.from, quarter.to, 'matrix.'))
    .filter((e) => e.outcome === 'ok')
    .map((e) => ({
      at: e.at,
      actorName: e.actorName,
      action: e.action,
      subject: e.subject,
      detail: describeChange(e),
    }));
  return quarterlyAgenda(
    await periodFiguresFor(store, channel, quarter, now),
    await periodFiguresFor(store, channel, before, now),
    changes,
  );
}

/** The figures of the escalations opened in `period`, as the monthly and quarterly agendas count them. */
export async function periodFiguresFor(
  store: Store,
  channel: Channel,
  period: ReportPeriod,
  now: Date,
): Promise<PeriodFigures> {
  return periodFigures(
    period,
    await store.escalations.openedBetween(channel.id, period.from, period.to),
    channel.ackTimeouts,
    now,
  );
}

/** The agenda as blocks of a post. */
export function agendaBlocks(agenda: Agenda, channel: Channel): Block[] {
  switch (agenda.kind) {
    case 'weekly':
      return weeklyBlocks(agenda, channel);
    case 'monthly':
      return monthlyBlocks(agenda, channel);
    case 'quarterly':
      return quarterlyBlocks(agenda, channel);
  }
}

function weeklyBlocks(a: WeeklyAgenda, channel: Channel): Block[] {
  const tz = channel.timezone;
  const when = (d: Date) => formatLocal(d, tz, 'EEE d MMM HH:mm zzz');
  const blocks: Block[] = [paragraph(bold('Agenda'))];
  blocks.push(paragraph(bold(`1. Open escalations (${a.open.length})`), text(a.open.length ? ', oldest first' : '')));
  if (a.open.length) {
    blocks.push(
      capped(a.open, (e) => [
        bold(`${escalationLabel(e)} (${e.priority})`),
        text(
          ` ${cut(e.summary)} — with ${teamName(holderOf(e), channel)}, ` +
            `${e.state === 'acknowledged' ? 'acknowledged' : 'not acknowledged'}, opened ${when(e.openedAt)}`,
        ),
      ]),
    );
  } else blocks.push(context('Nothing open.'));
  blocks.push(paragraph(bold(`2. Handed back for internal follow-up (${a.handedBack.length})`)));
  if (a.handedBack.length) {
    blocks.push(
      capped(a.handedBack, (e) => [
        bold(`${escalationLabel(e)} (${e.priority})`),
        text(
          ` ${cut(e.summary)} — handed back ` +
            `${e.handedBackAt ? when(e.handedBackAt) : ''}${e.handbackNote ? `: “${cut(e.handbackNote)}”` : ''}`,
        ),
      ]),
    );
  } else blocks.push(context('Nothing handed back.'));
  blocks.push(
    paragraph(bold(`3. Notes since the last weekly sync (${a.notes.length})`), text(`, since ${when(a.since)}`)),
  );
  if (a.notes.length) {
    blocks.push(
      capped(a.notes, (n) => [
        text(`${when(n.at)} · ${n.author ?? 'someone'}${n.escalation ? ` on ${n.escalation}` : ' (handoff note)'}: `),
        text(`“${cut(n.text)}”`),
      ]),
    );
  } else blocks.push(context('No notes.'));
  blocks.push(
    paragraph(
      bold('4. Upcoming work'),
      text(' — planned changes, projects and anything either team needs from the other.'),
    ),
  );
  return blocks;
}

function monthlyBlocks(a: MonthlyAgenda, channel: Channel): Block[] {
  return [
    paragraph(bold(`Agenda — ${a.month.period.label}`)),
    ...figureBlocks(a.month, channel, null),
    paragraph(bold('Trends and follow-ups'), text(' — what drove the numbers, and what to change.')),
  ];
}

function quarterlyBlocks(a: QuarterlyAgenda, channel: Channel): Block[] {
  const tz = channel.timezone;
  const blocks: Block[] = [
    paragraph(bold(`Agenda — ${a.quarter.period.label}`), text(`, compared with ${a.previous.period.label}`)),
    ...figureBlocks(a.quarter, channel, a),
    paragraph(bold(`Matrix changes in ${a.quarter.period.label} (${a.matrixChanges.length})`)),
  ];
  if (a.matrixChanges.length) {
    blocks.push(
      capped(a.matrixChanges, (c) => [
        text(`${formatLocal(c.at, tz, 'EEE d MMM yyyy')} · ${c.actorName} · ${c.action} ${cut(c.subject)}${c.detail}`),
      ]),
    );
  } else blocks.push(context('The matrix was not changed this quarter.'));
  blocks.push(
    paragraph(
      bold('Review the matrix'),
      ...prose(
        ': does every area still have the right owner in business hours and after hours, and the right contact? ' +
          'Type `matrix` to see it, or `matrix export` for a CSV to go through together.',
      ),
    ),
    paragraph(bold('Roadmap'), text(' — align the IT roadmap with business objectives for the next quarter.')),
  );
  return blocks;
}

function teamName(team: 'internal' | 'msp', channel: Channel): string {
  return ownerName(team, channel);
}

function cut(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > MAX_TEXT ? `${one.slice(0, MAX_TEXT - 1)}…` : one;
}

function capped<T>(items: readonly T[], item: (x: T) => Span[]): Block {
  const shown = items.slice(0, MAX_ITEMS).map(item);
  if (items.length > MAX_ITEMS) shown.push([text(`…and ${items.length - MAX_ITEMS} more`)]);
  return list(shown);
}
