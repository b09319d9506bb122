import { escalationLabel } from '../../domain/escalation.js';
import type { Route } from '../../domain/escalation-routing.js';
import { ladderLine } from '../../domain/ladder.js';
import { MAX_AREA_NAME } from '../../domain/matrix-limits.js';
import { type MatrixArea, PRIORITIES, type Priority } from '../../domain/model.js';
import { parseSide, type Side } from '../../domain/sides.js';
import { argInput, fail } from '../../kernel/args.js';
import { type ChannelContext, defineCommand } from '../../kernel/command.js';
import { bold, context, ephemeral, paragraph, text } from '../../kernel/reply.js';
import { teamName } from './escalation-actions.js';
import { MAX_SUMMARY } from './escalation-args.js';
import { isPlainWebAddress } from './escalation-card.js';
import { type EscalateArgs as Opened, openEscalation } from './open-escalation.js';
import { readPriorityPhrase, readPriorityWord } from './priority-words.js';

export const MAX_TICKET_URL = 500;
export const MAX_TICKET_REF = 64;
const DEFAULT_PRIORITY: Priority = 'P3';

interface EscalateArgs extends Opened {
  /** How a priority given in other words was read ("P0 read as P1 …"), to say so. */
  readAs: string[];
  /** `to:internal|msp`: sent there whatever the matrix says. */
  to?: Side;
}

/** `p1`…`p4` (any case), also as `priority:p1` or `priority:1`. */
export function parsePriority(word: string): Priority | null {
  const m = /^p?([1-4])$/i.exec(word.trim());
  return m ? (`P${m[1]}` as Priority) : null;
}

/** A PSA/RMM ticket: a web address, or a reference such as 48213, #48213 or INC-0042. */
export function checkTicket(value: string): string | null {
  const v = value.trim();
  if (/^https?:\/\//i.test(v)) return v.length <= MAX_TICKET_URL && isPlainWebAddress(v) ? v : null;
  return v.length <= MAX_TICKET_REF && /^#?[\p{L}\p{N}][\p{L}\p{N}._/#-]*$/u.test(v) ? v : null;
}

export const escalate = defineCommand({
  id: 'escalate',
  path: ['escalate'],
  shortcut: 'escalate',
  menu: 2,
  usage: 'escalate <summary> [area:<area>] [p1|p2|p3|p4] [ticket:<number or URL>] [to:<internal|msp>]',
  summary: 'Hand something to the team that owns it now, with a card everyone can act on',
  examples: [
    'escalate VPN down for the Boston office p1',
    'escalate printer queue stuck on floor 3 area:"L1 support" ticket:48213',
    '/escalate suspicious sign-ins on the CFO account P2 ticket:https://psa.example.com/t/991',
    'escalate ERP batch jobs failing area:"business applications" p1 to:internal',
  ],
  permission: 'anyone',
  postsToChannel: true,
  requiresSetup: true,
  options: ['area', 'ticket', 'priority', 'to'],
  args: argInput.transform((input, ctx): EscalateArgs => {
    let priority: Priority | undefined;
    const readAs: string[] = [];
    const setPriority = (p: Priority, as: string) => {
      if (priority && priority !== p) return fail(ctx, `Give one priority, not both ${priority} and ${as}.`);
      priority = p;
    };
    const words: string[] = [];
    for (const [i, w] of input.words.entries()) {
      const plain = !(w.quoted || w.mention || w.option);
      const next = input.words[i + 1];
      const reading = !plain
        ? null
        : (readPriorityWord(w.text) ?? (next && !next.quoted ? readPriorityPhrase(w.text, next.text) : null));
      if (reading?.kind === 'refused') return fail(ctx, reading.message);
      if (reading?.kind === 'priority') {
        setPriority(reading.priority, w.text.toUpperCase());
        if (reading.mapped) readAs.push(reading.mapped);
      } else words.push(w.mention ? `@${w.mention.label.replace(/^@/, '')}` : w.text);
    }
    const o = input.options;
    if (o.priority !== undefined) {
      const value = o.priority.trim();
      const reading = readPriorityWord(/^[0-9]+$/.test(value) ? `p${value}` : value);
      if (reading?.kind === 'refused') return fail(ctx, reading.message);
      if (!reading) return fail(ctx, `\`priority:\` is one of ${PRIORITIES.join(', ')} (got “${value.slice(0, 20)}”).`);
      setPriority(reading.priority, reading.priority);
      if (reading.mapped) readAs.push(reading.mapped);
    }
    const summary = words.join(' ').trim();
    if (!summary) return fail(ctx, 'Say what needs escalating, e.g. `escalate VPN down for the Boston office p1`.');
    if (summary.length > MAX_SUMMARY)
      return fail(
        ctx,
        `The summary is ${summary.length} characters; it can be at most ${MAX_SUMMARY}. Put the details in the ` +
          `ticket or add them with \`note\`.`,
      );
    const out: EscalateArgs = { summary, priority: priority ?? DEFAULT_PRIORITY, readAs };
    if (o.area !== undefined) {
      const area = o.area.trim();
      if (!area) return fail(ctx, '`area:` needs an area name, e.g. area:backups. Type `matrix` to see them.');
      if (area.length > MAX_AREA_NAME) return fail(ctx, `\`area:\` can be at most ${MAX_AREA_NAME} characters.`);
      out.area = area;
    }
    if (o.ticket !== undefined) {
      const ticket = checkTicket(o.ticket);
      if (!ticket) {
        return fail(
          ctx,
          `\`ticket:\` takes a ticket number or reference (up to ${MAX_TICKET_REF} characters, e.g. ticket:48213 or ` +
            `ticket:INC-0042) or an http(s) link of up to ${MAX_TICKET_URL} characters, with no user name in it ` +
            '(nothing before an @ in the address).',
        );
      }
      out.ticket = ticket;
    }
    if (o.to !== undefined) {
      const to = parseSide(o.to);
      if (!to)
        return fail(
          ctx,
          `\`to:\` is internal or msp (got “${o.to.slice(0, 20)}”): e.g. ` +
            `\`escalate ${summary.slice(0, 40)} to:msp\`, or leave it out to follow the matrix.`,
        );
      out.to = to;
    }
    return out;
  }),
  async run(ctx, args) {
    const { channel } = ctx;
    const opener = await ctx.sideOf(ctx.actor);
    const { escalation, route, area, choice } = await openEscalation(
      { store: ctx.store, channel, now: ctx.now, opener: ctx.actor, openerSide: opener.side ?? 'unknown' },
      args,
    );
    const id = escalationLabel(escalation);

    const inferred = choice.kind === 'area' && choice.inferred ? ` (from “${choice.via}”)` : '';
    const receiver = route.shared
      ? `both ${teamName(ctx, 'internal')} and ${teamName(ctx, 'msp')}`
      : teamName(ctx, route.toTeam);
    return ephemeral(
      paragraph(bold(id), text(` is open and posted to the channel for ${receiver}: ${why(ctx, route, area)}.`)),
      context(
        text(
          `Area: ${area ? `${area.name}${inferred}` : 'none'} · ${args.priority} · ladder ` +
            `${ladderLine(channel.ladders[args.priority])} (minutes: whom), until acknowledged`,
        ),
      ),
      ...args.readAs.map((note) => context(text(note))),
    );
  },
});

/** Why it went where it went, in words. */
function why(ctx: ChannelContext, route: Route, area: MatrixArea | null): string {
  const period = route.inBusinessHours ? 'in business hours' : 'after hours';
  const owner = (o: Route['matrixOwner']) => (o === 'shared' ? 'shared' : teamName(ctx, o));
  switch (route.reason) {
    case 'chosen':
      return route.matrixOwner === route.toTeam
        ? 'sent there by choice, as the matrix says'
        : `sent there by choice; the matrix says ${owner(route.matrixOwner)}`;
    case 'no_area':
      return 'no area matched, so it goes to the MSP; add `area:` to route it differently, or `to:internal`';
    case 'area_owner':
      return route.shared
        ? `${area!.name} is shared ${period}, so both sides are notified and whoever acknowledges takes it`
        : `${area!.name} is theirs ${period}`;
  }
}
