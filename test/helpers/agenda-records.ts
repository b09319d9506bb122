import { renderText } from '../../adapters/console/render.js';
import type { Escalation } from '../../src/domain/escalation.js';
import { DEFAULT_LADDERS } from '../../src/domain/ladder.js';
import { type Channel, DEFAULT_ACK_TIMEOUTS } from '../../src/domain/model.js';
import type { agendaBlocks } from '../../src/features/cadence/cadence-agenda.js';
import { inChannel } from '../../src/kernel/reply.js';

/** Records and a channel for the agenda tests: Acme and Northwind in New York. */
export const NY = 'America/New_York';
export const MIN = 60_000;

export const channel: Channel = {
  id: 1,
  platform: 'console',
  externalId: 'c1',
  orgName: 'Acme',
  mspName: 'Northwind',
  timezone: NY,
  workDays: [1, 2, 3, 4, 5],
  dayStart: 480,
  dayEnd: 1020,
  internalHandle: null,
  mspHandle: null,
  morningOffsetMinutes: 0,
  ackTimeouts: DEFAULT_ACK_TIMEOUTS,
  ladders: DEFAULT_LADDERS,
  createdAt: new Date('2026-01-01T00:00:00Z'),
};

let nextSeq = 1;

/** Numbers escalations from 1 again. */
export function resetSeq(): void {
  nextSeq = 1;
}

/** An escalation opened at `opened`, acknowledged and resolved `ackMin` and `resolveMin` minutes later. */
export function esc(
  opened: string,
  over: Partial<Escalation> & { ackMin?: number; resolveMin?: number } = {},
): Escalation {
  const { ackMin, resolveMin, ...rest } = over;
  const openedAt = new Date(opened);
  const seq = rest.seq ?? nextSeq++;
  return {
    id: seq,
    channelId: 1,
    seq,
    summary: `issue ${seq}`,
    areaId: null,
    areaName: null,
    priority: 'P3',
    ticket: null,
    fromPersonId: null,
    fromTeam: 'internal',
    toTeam: 'msp',
    shared: false,
    routedBy: 'matrix',
    matrixOwner: 'msp',
    duplicateOf: null,
    state: resolveMin === undefined ? (ackMin === undefined ? 'open' : 'acknowledged') : 'resolved',
    afterHours: false,
    openedAt,
    acknowledgedAt: ackMin === undefined ? null : new Date(openedAt.getTime() + ackMin * MIN),
    acknowledgedBy: null,
    handedBackAt: null,
    handedBackBy: null,
    handbackNote: null,
    resolvedAt: resolveMin === undefined ? null : new Date(openedAt.getTime() + resolveMin * MIN),
    resolvedBy: null,
    resolutionNote: null,
    renotifyCount: 0,
    ...rest,
  };
}

export const text = (blocks: ReturnType<typeof agendaBlocks>) => renderText(inChannel(...blocks));
