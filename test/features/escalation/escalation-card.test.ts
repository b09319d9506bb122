import { describe, expect, it } from 'vitest';
import { renderText } from '../../../adapters/console/render.js';
import { renderMessages } from '../../../adapters/slack/render.js';
import type { Escalation, EscalationEvent } from '../../../src/domain/escalation.js';
import { DEFAULT_LADDERS } from '../../../src/domain/ladder.js';
import type { Channel, MatrixArea, Person } from '../../../src/domain/model.js';
import { DEFAULT_ACK_TIMEOUTS } from '../../../src/domain/model.js';
import { escalationCard, ticketSpan } from '../../../src/features/escalation/escalation-card.js';

const channel: Channel = {
  id: 1,
  platform: 'slack',
  externalId: 'C1',
  orgName: 'Acme',
  mspName: 'Northwind',
  timezone: 'America/New_York',
  workDays: [1, 2, 3, 4, 5],
  dayStart: 480,
  dayEnd: 1020,
  internalHandle: { kind: 'group', id: 'SIT', label: 'it-team' },
  mspHandle: { kind: 'group', id: 'SNOC', label: 'northwind-noc' },
  morningOffsetMinutes: 0,
  ackTimeouts: { ...DEFAULT_ACK_TIMEOUTS },
  ladders: DEFAULT_LADDERS,
  createdAt: new Date('2026-11-01T00:00:00Z'),
};
const people: Record<number, Person> = {
  1: { id: 1, platform: 'slack', externalId: 'UALICE', name: 'alice' },
  2: { id: 2, platform: 'slack', externalId: 'UBOB', name: 'bob' },
  3: { id: 3, platform: 'slack', externalId: 'UCAROL', name: 'carol' },
};
const network: MatrixArea = {
  id: 12,
  channelId: 1,
  name: 'complex network issues',
  businessOwner: 'msp',
  afterHoursOwner: 'msp',
  contact: { kind: 'user', id: 'UPAT', label: 'pat' },
  aliases: ['vpn'],
  note: '',
  position: 11,
};
const opened = new Date('2026-12-01T02:10:00Z'); // Mon 30 Nov 21:10 EST
const base: Escalation = {
  id: 9,
  channelId: 1,
  seq: 4,
  summary: 'VPN down for the Boston office',
  areaId: 12,
  areaName: 'complex network issues',
  priority: 'P1',
  ticket: 'https://psa.example.com/tickets/48213',
  fromPersonId: 1,
  fromTeam: 'internal',
  toTeam: 'msp',
  shared: false,
  routedBy: 'matrix',
  matrixOwner: 'msp',
  duplicateOf: null,
  state: 'open',
  afterHours: true,
  openedAt: opened,
  acknowledgedAt: null,
  acknowledgedBy: null,
  handedBackAt: null,
  handedBackBy: null,
  handbackNote: null,
  resolvedAt: null,
  resolvedBy: null,
  resolutionNote: null,
  renotifyCount: 0,
};
const ev = (
  id: number,
  iso: string,
  actorId: number | null,
  kind: EscalationEvent['kind'],
  note: string | null = null,
): EscalationEvent => ({
  id,
  escalationId: 9,
  at: new Date(iso),
  actorId,
  kind,
  note,
});

const card = (escalation: Escalation, events: EscalationEvent[], area: MatrixArea | null = network) =>
  escalationCard({ escalation, events, channel, area, personOf: (id) => (id === null ? null : (people[id] ?? null)) });

describe('the handoff card', () => {
  const openCard = card(base, [ev(1, '2026-12-01T02:10:00Z', 1, 'opened')]);

  it('reads as text with everything the receiving team needs', () => {
    expect(renderText(openCard)).toBe(
      [
        '== ESC-4 · P1 · Open ==',
        'VPN down for the Boston office',
        'Area: complex network issues',
        'Priority: P1',
        'From: @alice · @it-team (Acme, internal IT)',
        'To: @northwind-noc (Northwind, MSP) · contact @pat',
        'Ticket: https://psa.example.com/tickets/48213',
        'Opened: Mon 30 Nov 2026 21:10 EST · after hours',
        'State: Open — waiting for @northwind-noc (Northwind, MSP) to acknowledge',
        '  • Mon 30 Nov 21:10 EST — opened by @alice',
        '  [Acknowledge: ack ESC-4]  [Resolve: resolve ESC-4]  [Hand back: handback ESC-4]',
      ].join('\n'),
    );
  });

  it('in Slack: the team mentioned for real, the contact named (its ladder step notifies), the ticket linked', () => {
    const [message] = renderMessages(openCard);
    const json = JSON.stringify(message!.blocks);
    expect(json).toContain('<!subteam^SNOC> (Northwind, MSP) · contact @pat');
    expect(json).toContain('<@UALICE>');
    expect(json).toContain('<https://psa.example.com/tickets/48213>');
    const actions = message!.blocks.filter((b) => b.type === 'actions') as {
      elements: { text: { text: string }; value: string; style?: string }[];
    }[];
    expect(actions.flatMap((a) => a.elements.map((e) => [e.text.text, e.value, e.style ?? '']))).toEqual([
      ['Acknowledge', 'ack ESC-4', 'primary'],
      ['Resolve', 'resolve ESC-4', ''],
      ['Hand back', 'handback ESC-4', ''],
    ]);
  });

  it('a ticket number is shown as typed, not as a link', () => {
    const text = renderText(card({ ...base, ticket: 'INC-0042' }, []));
    expect(text).toContain('Ticket: INC-0042');
    expect(JSON.stringify(renderMessages(card({ ...base, ticket: 'INC-0042' }, []))[0]!.blocks)).not.toContain('<INC');
  });

  it('without a ticket there is no ticket line; without an area it says where it went', () => {
    const text = renderText(card({ ...base, ticket: null, areaId: null, areaName: null }, [], null));
    expect(text).not.toContain('Ticket:');
    expect(text).toContain('Area: none given — routed to Northwind');
    expect(text).toContain('To: @northwind-noc (Northwind, MSP)\n');
  });

  it('after a handback: who, when, the note, and only the buttons the internal team can use', () => {
    const handedBack: Escalation = {
      ...base,
      state: 'handed_back',
      acknowledgedAt: new Date('2026-12-01T02:14:00Z'),
      acknowledgedBy: 2,
      handedBackAt: new Date('2026-12-01T03:40:00Z'),
      handedBackBy: 2,
      handbackNote: 'rule rolled back; confirm with users at 9',
    };
    const text = renderText(
      card(handedBack, [
        ev(1, '2026-12-01T02:10:00Z', 1, 'opened'),
        ev(2, '2026-12-01T02:14:00Z', 2, 'acknowledged'),
        ev(3, '2026-12-01T03:40:00Z', 2, 'handed_back', 'rule rolled back; confirm with users at 9'),
      ]),
    );
    expect(text).toContain('== ESC-4 · P1 · Handed back ==');
    expect(text).toContain(
      'State: Handed back to @it-team (Acme, internal IT) by @bob, Mon 30 Nov 2026 22:40 EST — “rule rolled back; ' +
        'confirm with users at 9”',
    );
    expect(text).toContain(
      '  • Mon 30 Nov 21:14 EST — acknowledged by @bob\n  • Mon 30 Nov 22:40 EST — handed back to Acme by @bob: ' +
        '“rule rolled back; confirm with users at 9”',
    );
    expect(text).toMatch(/\[Acknowledge: ack ESC-4\] {2}\[Resolve: resolve ESC-4\]$/);
    expect(text).not.toContain('Acknowledge within');
  });

  it('resolved: the resolver, the note, no buttons', () => {
    const resolved: Escalation = {
      ...base,
      state: 'resolved',
      acknowledgedAt: opened,
      acknowledgedBy: 3,
      resolvedAt: new Date('2026-12-01T14:05:00Z'),
      resolvedBy: 3,
      resolutionNote: 'confirmed with users',
    };
    const text = renderText(
      card(resolved, [
        ev(1, '2026-12-01T02:10:00Z', 1, 'opened'),
        ev(2, '2026-12-01T14:05:00Z', 3, 'resolved', 'confirmed with users'),
      ]),
    );
    expect(text).toContain('State: Resolved by @carol, Tue 1 Dec 2026 09:05 EST — “confirmed with users”');
    expect(text).not.toContain('[');
    expect(renderMessages(card(resolved, []))[0]!.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('at night the MSP gets an internal area without the internal contact being mentioned', () => {
    const printers: MatrixArea = {
      ...network,
      id: 1,
      name: 'L1 support / help desk',
      businessOwner: 'internal',
      contact: { kind: 'user', id: 'UDESK', label: 'desk' },
    };
    const text = renderText(card({ ...base, areaId: 1, areaName: printers.name }, [], printers));
    expect(text).toContain('To: @northwind-noc (Northwind, MSP)\n');
    expect(text).not.toContain('@desk');
  });

  it('keeps a long history short: the latest entries and a count of the earlier ones', () => {
    const events = Array.from({ length: 14 }, (_, i) =>
      ev(
        i + 1,
        `2026-12-01T0${Math.floor(i / 6) + 3}:${String((i % 6) * 10).padStart(2, '0')}:00Z`,
        2,
        'note',
        `n${i + 1}`,
      ),
    );
    const text = renderText(card(base, events));
    expect(text).toContain('  • … 5 earlier entries');
    expect(text).toContain('“n14”');
    expect(text).not.toContain('“n5”');
  });
});

describe('the ticket on a card', () => {
  it('is a link only when it is a plain web address: one with a user name before an @ stays words', () => {
    expect(ticketSpan('https://psa.example.com/t/48213')).toEqual({
      kind: 'link',
      url: 'https://psa.example.com/t/48213',
      label: 'https://psa.example.com/t/48213',
    });
    for (const deceptive of [
      'https://user@evil.example/',
      'https://psa.example.com@evil.example/t/1',
      'https://user:pass@evil.example/',
      'https://@evil.example/',
    ]) {
      expect(ticketSpan(deceptive)).toEqual({ kind: 'text', text: deceptive });
    }
    expect(ticketSpan('INC-0042')).toEqual({ kind: 'text', text: 'INC-0042' });
  });
});
