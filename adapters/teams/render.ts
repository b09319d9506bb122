import { type Reply, replySummary } from '../../src/kernel/reply.js';
import { blocksToUnits, type CardElement, type Unit } from './card-elements.js';
import type { MentionEntity } from './mentions.js';

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  fallbackText: string;
  body: CardElement[];
  msteams: { width: 'Full'; entities?: MentionEntity[] };
}

/** What the Bot Framework connector receives for one card. */
export interface CardActivity {
  type: 'message';
  summary: string;
  attachments: { contentType: 'application/vnd.microsoft.card.adaptive'; content: AdaptiveCard }[];
}

/**
 * Teams refuses a message over about 28 KB. The card gets most of that; the rest is the activity
 * around it (ids, addresses, the summary).
 */
export const MAX_CARD_BYTES = 26_000;
/** Room kept in every card for a "continued" or "shortened" note. */
const NOTE_ROOM = 400;
/** Messages one reply may become, as on Slack: a longer one ends with what was left out and where to see it. */
export const MAX_CARDS_PER_REPLY = 5;

export interface RenderOptions {
  /** Bytes a card may take; tests lower it to see splitting without huge replies. */
  maxBytes?: number;
  /** One card only (an in-place update replaces one message): content that does not fit is cut, buttons kept. */
  single?: boolean;
  /** Cards a reply may become; MAX_CARDS_PER_REPLY by default. */
  maxCards?: number;
}

/** A reply as one Adaptive Card, or several in order when it is too large for one message. */
export function renderCards(reply: Reply, options: RenderOptions = {}): AdaptiveCard[] {
  const maxBytes = options.maxBytes ?? MAX_CARD_BYTES;
  const summary = wellFormed(replySummary(reply));
  const units = blocksToUnits(reply.blocks);
  const budget = maxBytes - bytes(card(summary, [])) - NOTE_ROOM;
  if (options.single) return [card(summary, shorten(units, budget))];
  const groups = capped(pack(units, budget), Math.max(1, options.maxCards ?? MAX_CARDS_PER_REPLY), reply.overflow);
  return groups.map((group, i) =>
    card(summary, i === 0 ? group : [note(`(continued, part ${i + 1} of ${groups.length})`), ...group]),
  );
}

/** At most `max` groups; the last one kept ends with how much was left out and, if the reply says, where to see it. */
function capped(groups: Unit[][], max: number, overflow: string | undefined): Unit[][] {
  if (groups.length <= max) return groups;
  const kept = groups.slice(0, max);
  const left = groups.slice(max).reduce((n, g) => n + g.length, 0);
  const last = kept[max - 1]!;
  const marker = (n: number) => note(`… and ${n} more not shown${overflow ? ` — ${overflow}` : ''}`);
  // The last card carries two notes, "continued" and this one: what the room kept for one lacks comes off its end.
  let room = NOTE_ROOM - unitBytes(note(`(continued, part ${max} of ${max})`));
  let dropped = left;
  while (last.length > 1 && unitBytes(marker(dropped)) > room) {
    room += unitBytes(last.pop()!);
    dropped++;
  }
  last.push(marker(dropped));
  return kept;
}

/** The card as the message activity that carries it. */
export function toActivity(c: AdaptiveCard): CardActivity {
  return {
    type: 'message',
    summary: c.fallbackText,
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: c }],
  };
}

function card(summary: string, units: Unit[]): AdaptiveCard {
  const entities = dedupe(units.flatMap((u) => u.mentions));
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText: summary,
    body: units.length ? units.map((u) => u.element) : [{ type: 'TextBlock', text: summary, wrap: true }],
    msteams: entities.length ? { width: 'Full', entities } : { width: 'Full' },
  };
}

function pack(units: Unit[], budget: number): Unit[][] {
  const groups: Unit[][] = [[]];
  let used = 0;
  for (const u of units) {
    const size = unitBytes(u);
    if (used + size > budget && groups[groups.length - 1]!.length) {
      groups.push([]);
      used = 0;
    }
    groups[groups.length - 1]!.push(u);
    used += size;
  }
  return groups;
}

/** Keeps what fits, then a note saying so, then the buttons (they are what an update must not lose). */
function shorten(units: Unit[], budget: number): Unit[] {
  const total = units.reduce((n, u) => n + unitBytes(u), 0);
  if (total <= budget) return units;
  const actions = units.filter((u) => u.element.type === 'ActionSet');
  let room = budget - actions.reduce((n, u) => n + unitBytes(u), 0);
  const kept: Unit[] = [];
  for (const u of units) {
    if (u.element.type === 'ActionSet') continue;
    const size = unitBytes(u);
    if (size > room) break;
    kept.push(u);
    room -= size;
  }
  return [...kept, note('Shortened to fit in one Teams message; run the command again to see all of it.'), ...actions];
}

function note(text: string): Unit {
  return { element: { type: 'TextBlock', text, isSubtle: true, size: 'Small', wrap: true }, mentions: [] };
}

function dedupe(entities: MentionEntity[]): MentionEntity[] {
  const seen = new Set<string>();
  return entities.filter((e) => {
    const k = `${e.text}\u0000${e.mentioned.id}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function unitBytes(u: Unit): number {
  return bytes(u.element) + u.mentions.reduce((n, m) => n + bytes(m) + 1, 0) + 1;
}

/** Drops halves of surrogate pairs that a cut elsewhere left alone (the connector rejects them). */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/** UTF-8 size of a value as JSON: what the connector measures. */
export function bytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}
