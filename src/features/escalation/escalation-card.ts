import {
  type Escalation,
  type EscalationEvent,
  escalationLabel,
  otherTeam,
  type Team,
} from '../../domain/escalation.js';
import { contactFor } from '../../domain/escalation-routing.js';
import { availableActions, type EscalationAction } from '../../domain/escalation-state.js';
import type { Channel, MatrixArea, Person } from '../../domain/model.js';
import { ticketLink } from '../../domain/ticket-url.js';

export { isPlainWebAddress } from '../../domain/ticket-url.js';

import { formatLocal } from '../../domain/zoned-time.js';
import { localTime } from '../../kernel/format.js';
import { peopleById } from '../../kernel/people-lookup.js';
import { HOOK_PLATFORM } from '../../kernel/ports/hook-inbox.js';
import type { Store } from '../../kernel/ports/store.js';
import {
  type Block,
  type Button,
  bold,
  buttons,
  context,
  field,
  fields,
  header,
  inChannel,
  link,
  list,
  mention,
  paragraph,
  type Reply,
  type Span,
  text,
} from '../../kernel/reply.js';
import { type LadderView, ladderView, nextLine } from './ladder-view.js';

/** Older history is summarised in one line, and long notes are cut, so the card stays within platform limits. */
const MAX_HISTORY = 10;
const MAX_NOTE_ON_CARD = 280;

export interface EscalationCardInput {
  escalation: Escalation;
  events: readonly EscalationEvent[];
  channel: Channel;
  /** The escalation's area as it is in the matrix now (for its contact); null when none or removed. */
  area: MatrixArea | null;
  personOf(id: number | null): Person | null;
  /** Where it stands on its priority's ladder; absent when not known. */
  ladder?: LadderView | null;
  /** The channel's PSA link template (`ticket url`): a ticket number becomes a link. */
  ticketUrl?: string | null;
}

/** The message key the card is posted under and updated in place by. */
export function cardMessageKey(e: Pick<Escalation, 'id'>): string {
  return `escalation:${e.id}`;
}

const STATE_WORDS: Record<Escalation['state'], string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  handed_back: 'Handed back',
  resolved: 'Resolved',
};

const BUTTONS: Record<EscalationAction, { label: string; verb: string; style?: Button['style'] }> = {
  acknowledge: { label: 'Acknowledge', verb: 'ack', style: 'primary' },
  resolve: { label: 'Resolve', verb: 'resolve' },
  // A handback needs a note: the button answers with the line to type (see handback.ts).
  handback: { label: 'Hand back', verb: 'handback' },
};

/** The team as a mention of its handle (or its name in bold), with who it is: `@noc (Northwind, MSP)`. */
export function teamSpans(team: Team, channel: Channel): Span[] {
  const handle = team === 'internal' ? channel.internalHandle : channel.mspHandle;
  const name = team === 'internal' ? channel.orgName : channel.mspName;
  const role = team === 'internal' ? 'internal IT' : 'MSP';
  return handle ? [mention(handle), text(` (${name}, ${role})`)] : [bold(name), text(` (${role})`)];
}

/** The receiving side (both sides for a shared escalation). */
export function receivingSpans(e: Pick<Escalation, 'toTeam' | 'shared'>, channel: Channel): Span[] {
  return e.shared
    ? [...teamSpans('internal', channel), text(' and '), ...teamSpans('msp', channel)]
    : teamSpans(e.toTeam, channel);
}

function sideWord(side: Team, channel: Channel): string {
  return side === 'internal' ? channel.orgName : channel.mspName;
}

export function personSpan(person: Person | null): Span {
  // A tool acting through an inbound hook (`Jane Doe through PagerDuty`) is named, not mentioned.
  if (person?.platform === HOOK_PLATFORM) return text(person.name);
  return person ? mention({ kind: 'user', id: person.externalId, label: person.name }) : text('someone');
}

/** The ticket as a link when it is a plain web address or the channel links ticket numbers, else as typed. */
export function ticketSpan(ticket: string, template: string | null = null): Span {
  const href = ticketLink(ticket, template);
  return href ? link(href, ticket) : text(ticket);
}

function cut(note: string): string {
  return note.length > MAX_NOTE_ON_CARD ? `${note.slice(0, MAX_NOTE_ON_CARD - 1)}…` : note;
}

/** The handoff card: everything about one escalation, with buttons for the transitions open to it now. */
export function escalationCard(input: EscalationCardInput): Reply {
  const { escalation: e, channel } = input;
  const id = escalationLabel(e);
  // The contact is named, not mentioned: the ladder's contact step is what notifies them.
  const contact = contactFor(input.area, e.toTeam, e.shared);
  const to: Span[] = receivingSpans(e, channel);
  if (contact) to.push(text(` · contact @${contact.label.replace(/^@/, '')}`));
  if (e.shared) to.push(text(' · whoever acknowledges takes it'));

  const facts = [
    field('Area', e.areaName ?? `none given — routed to ${e.toTeam === 'msp' ? channel.mspName : channel.orgName}`),
    field('Priority', e.priority),
    field(
      'From',
      personSpan(input.personOf(e.fromPersonId)),
      text(' · '),
      ...(e.fromTeam === 'unknown' ? [text('side unknown')] : teamSpans(e.fromTeam, channel)),
    ),
    field('To', ...to),
  ];
  if (e.routedBy === 'choice' && e.matrixOwner !== e.toTeam) {
    const says = e.matrixOwner === 'shared' ? 'both sides (shared)' : sideWord(e.matrixOwner, channel);
    facts.push(field('Routing', `sent to ${sideWord(e.toTeam, channel)} by choice; the matrix says ${says}`));
  }
  if (e.ticket) facts.push(field('Ticket', ticketSpan(e.ticket, input.ticketUrl ?? null)));
  facts.push(field('Opened', `${localTime(e.openedAt, channel)}${e.afterHours ? ' · after hours' : ''}`));
  facts.push(field('State', ...stateSpans(input)));

  const blocks: Block[] = [
    header(`${id} · ${e.priority} · ${STATE_WORDS[e.state]}`),
    paragraph(bold(e.summary)),
    fields(...facts),
  ];
  const history = historyItems(input);
  if (history.length) blocks.push(list(history));
  const ladder = input.ladder;
  if (ladder) {
    const where = `step ${ladder.step} of ${ladder.of} (${ladder.current})`;
    blocks.push(
      context(
        text(
          e.state !== 'open'
            ? `Ladder: stopped at ${where}.`
            : ladder.next
              ? `Ladder: ${where}; next: ${nextLine(channel, ladder.next)}, unless acknowledged.`
              : `Ladder: ${where}, the last.`,
        ),
      ),
    );
  }
  const actions = availableActions(e);
  if (actions.length) {
    blocks.push(
      buttons(
        ...actions.map(
          (a): Button => ({
            label: BUTTONS[a].label,
            command: `${BUTTONS[a].verb} ${id}`,
            ...(BUTTONS[a].style ? { style: BUTTONS[a].style } : {}),
          }),
        ),
      ),
    );
  }
  return inChannel(...blocks);
}

function stateSpans(input: EscalationCardInput): Span[] {
  const { escalation: e, channel } = input;
  const who = (id: number | null) => personSpan(input.personOf(id));
  const when = (d: Date | null) => text(d ? `, ${localTime(d, channel)}` : '');
  switch (e.state) {
    case 'open':
      return [text('Open — waiting for '), ...teamSpans(e.toTeam, channel), text(' to acknowledge')];
    case 'acknowledged': {
      const last = [...input.events].reverse().find((ev) => ev.kind === 'acknowledged');
      return [text('Acknowledged by '), who(last?.actorId ?? e.acknowledgedBy), when(last?.at ?? e.acknowledgedAt)];
    }
    case 'handed_back':
      return [
        text('Handed back to '),
        ...teamSpans(otherTeam(e.toTeam), channel),
        text(' by '),
        who(e.handedBackBy),
        when(e.handedBackAt),
        text(` — “${cut(e.handbackNote ?? '')}”`),
      ];
    case 'resolved':
      return [
        text('Resolved by '),
        who(e.resolvedBy),
        when(e.resolvedAt),
        text(e.resolutionNote ? ` — “${cut(e.resolutionNote)}”` : ''),
      ];
  }
}

function historyItem(input: EscalationCardInput, ev: EscalationEvent): Span[] {
  const { channel, escalation: e } = input;
  const at = text(`${formatLocal(ev.at, channel.timezone, 'EEE d MMM HH:mm zzz')} — `);
  const by = personSpan(input.personOf(ev.actorId));
  const note = ev.note ? text(`: “${cut(ev.note)}”`) : text('');
  switch (ev.kind) {
    case 'opened':
      return [at, text('opened by '), by];
    case 'acknowledged':
      return [at, text('acknowledged by '), by];
    case 'handed_back':
      return [
        at,
        text(`handed back to ${otherTeam(e.toTeam) === 'internal' ? channel.orgName : channel.mspName} by `),
        by,
        note,
      ];
    case 'resolved':
      return [at, text('resolved by '), by, note];
    case 'note':
      return [at, text('note by '), by, note];
    case 'renotified':
      return [at, text(`re-notified (not acknowledged${ev.note ? ` after ${ev.note}` : ''})`)];
    case 'reopened':
      return [at, text('reopened by '), by, note];
    case 'paged':
      return [at, text(`paged ${ev.note ?? 'a paging tool'}`)];
  }
}

function historyItems(input: EscalationCardInput): Span[][] {
  const items = input.events.map((ev) => historyItem(input, ev));
  if (items.length <= MAX_HISTORY) return items;
  const hidden = items.length - (MAX_HISTORY - 1);
  return [[text(`… ${hidden} earlier entries`)], ...items.slice(-(MAX_HISTORY - 1))];
}

/** The card of an escalation as it is in the store now. */
export async function loadEscalationCard(store: Store, channel: Channel, escalation: Escalation): Promise<Reply> {
  const area =
    escalation.areaId === null
      ? null
      : ((await store.matrix.list(channel.id)).find((a) => a.id === escalation.areaId) ?? null);
  const events = await store.escalations.events(escalation.id);
  const e = escalation;
  const people = await peopleById(store, [
    e.fromPersonId,
    e.acknowledgedBy,
    e.handedBackBy,
    e.resolvedBy,
    ...events.map((ev) => ev.actorId),
  ]);
  const personOf = (id: number | null): Person | null => (id === null ? null : (people.get(id) ?? null));
  const ladder = await ladderView(store, channel, escalation);
  const { ticketUrl } = await store.integrations.get(channel.id);
  return escalationCard({ escalation, events, channel, area, personOf, ladder, ticketUrl });
}
