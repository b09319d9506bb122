import { formatDays } from '../domain/business-hours.js';
import type { Channel, Holiday, Mention, Owner } from '../domain/model.js';
import { formatLocal, formatMinuteOfDay } from '../domain/zoned-time.js';
import { bold, mention, type Span, text } from './reply.js';

/** Who an owner value means in this channel, e.g. `Northwind (MSP)`. */
export function ownerName(owner: Owner, channel: Channel): string {
  switch (owner) {
    case 'internal':
      return `${channel.orgName} (internal IT)`;
    case 'msp':
      return `${channel.mspName} (MSP)`;
    case 'shared':
      return `shared: ${channel.orgName} first, ${channel.mspName} on overflow`;
  }
}

/** The team's handle as a mention when it has one, else its name in bold. */
export function teamSpan(team: 'internal' | 'msp', channel: Channel): Span {
  const handle = team === 'internal' ? channel.internalHandle : channel.mspHandle;
  return handle ? mention(handle) : bold(team === 'internal' ? channel.orgName : channel.mspName);
}

export function contactSpans(contact: Mention | null): Span[] {
  return contact ? [mention(contact)] : [text('none set')];
}

/** `Mon–Fri 08:00–17:00 (America/New_York)`. */
export function hoursLine(channel: Channel): string {
  return (
    `${formatDays(channel.workDays)} ` +
    `${formatMinuteOfDay(channel.dayStart)}–${formatMinuteOfDay(channel.dayEnd)} (${channel.timezone})`
  );
}

export function holidayLine(h: Holiday): string {
  return h.name ? `${h.date} ${h.name}` : h.date;
}

/** An instant in the channel's timezone with its abbreviation. */
export function localTime(instant: Date, channel: Channel): string {
  return formatLocal(instant, channel.timezone);
}
