import type { Ladders } from './ladder.js';

/** The name of the face (platform) a channel or person lives on, e.g. `slack`. */
export type PlatformName = string;

/** Which side of the co-managed split owns something. */
export type Owner = 'internal' | 'msp' | 'shared';
export const OWNERS: readonly Owner[] = ['internal', 'msp', 'shared'];

/** A person or group as the core knows it: a platform id and a label for display. */
export interface Mention {
  kind: 'user' | 'group';
  id: string;
  label: string;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Wall-clock time of day, minutes since local midnight. */
export type MinuteOfDay = number;

export interface BusinessHours {
  /** The IANA timezone every schedule of the channel is computed in. */
  timezone: string;
  days: IsoWeekday[];
  start: MinuteOfDay;
  end: MinuteOfDay;
  /** Local dates `YYYY-MM-DD` that are not business days. */
  holidays: string[];
}

export interface Person {
  id: number;
  platform: PlatformName;
  externalId: string;
  name: string;
  /** The organisation the platform last reported for the person (Slack workspace, Teams tenant), if any. */
  orgId?: string | null;
}

export interface Channel {
  id: number;
  platform: PlatformName;
  externalId: string;
  orgName: string;
  mspName: string;
  timezone: string;
  workDays: IsoWeekday[];
  dayStart: MinuteOfDay;
  dayEnd: MinuteOfDay;
  internalHandle: Mention | null;
  mspHandle: Mention | null;
  /** Minutes after the start of business that the morning post goes out. */
  morningOffsetMinutes: number;
  /** Acknowledgement targets in minutes, by priority (the agendas count the misses); null = none. */
  ackTimeouts: Record<Priority, number | null>;
  /** Whom to notify when an escalation waits, by priority (the defaults unless a manager changed them). */
  ladders: Ladders;
  createdAt: Date;
}

export type Priority = 'P1' | 'P2' | 'P3' | 'P4';
export const PRIORITIES: readonly Priority[] = ['P1', 'P2', 'P3', 'P4'];
export const DEFAULT_ACK_TIMEOUTS: Record<Priority, number | null> = { P1: 5, P2: 15, P3: 60, P4: null };

export interface Holiday {
  date: string;
  name: string;
}

export interface MatrixArea {
  id: number;
  channelId: number;
  name: string;
  businessOwner: Owner;
  afterHoursOwner: Owner;
  contact: Mention | null;
  aliases: string[];
  note: string;
  position: number;
}

/** What a matrix area is made of, without its identity: the unit of set, import and audit. */
export type MatrixAreaInput = Omit<MatrixArea, 'id' | 'channelId' | 'position'>;

export interface AuditEntry {
  id: number;
  channelId: number;
  at: Date;
  actorId: number | null;
  actorName: string;
  action: string;
  subject: string;
  before: unknown;
  after: unknown;
  outcome: 'ok' | 'refused';
  /** How many refusals the row stands for: a flood of one person's refusals only grows this count. */
  count: number;
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'count'> & {
  /** The whole matrix after the change, as CSV: a version `matrix history` lists and `matrix restore` brings back. */
  matrix?: string | null;
};

/** One person's refusals of one command, collapsed: how many, and when the first and the latest were. */
export interface RefusalSummary {
  actorName: string;
  action: string;
  count: number;
  firstAt: Date;
  lastAt: Date;
  /** What the latest one said. */
  reason: string;
}

/** A version of the matrix, from the audit log: the n-th change that recorded the whole matrix. */
export interface MatrixVersion {
  n: number;
  at: Date;
  actorName: string;
  action: string;
  subject: string;
}

/** One after-hours log entry: what someone did while the other team was away. */
export interface HandoffNote {
  id: number;
  channelId: number;
  at: Date;
  /** null when the author is no longer known. */
  authorId: number | null;
  text: string;
  /**
   * Written during business hours but meant for the next morning post. Notes written after hours
   * belong to their window without it.
   */
  overnight: boolean;
}
