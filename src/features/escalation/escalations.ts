import { type Escalation, escalationLabel, holderOf, otherTeam, UNRESOLVED_STATES } from '../../domain/escalation.js';
import { ladderLine } from '../../domain/ladder.js';
import { PRIORITIES, type Priority } from '../../domain/model.js';
import { formatLocal } from '../../domain/zoned-time.js';
import { argInput, fail } from '../../kernel/args.js';
import { type ChannelContext, defineCommand } from '../../kernel/command.js';
import { UserError } from '../../kernel/errors.js';
import {
  type Block,
  bold,
  context,
  ephemeral,
  header,
  list,
  paragraph,
  prose,
  type Span,
  text,
} from '../../kernel/reply.js';
import { teamName } from './escalation-actions.js';

const LIST_LIMIT = 25;
const MAX_TIMEOUT_MINUTES = 24 * 60;

/** The state and the team that has it: `open for Northwind (MSP)`, `handed back to Acme (internal IT)`. */
function whereItIs(ctx: ChannelContext, e: Escalation): string {
  switch (e.state) {
    case 'open':
      return `open for ${teamName(ctx, e.toTeam)}`;
    case 'acknowledged':
      return `acknowledged, with ${teamName(ctx, holderOf(e))}`;
    case 'handed_back':
      return `handed back to ${teamName(ctx, otherTeam(e.toTeam))}`;
    case 'resolved':
      return `resolved`;
  }
}

/** `P1 5 min · P2 15 min · P3 60 min · P4 none`. */
export function timeoutsLine(timeouts: Record<Priority, number | null>): string {
  return PRIORITIES.map(
    (p) => `${p} ${timeouts[p] === null || timeouts[p] === undefined ? 'none' : `${timeouts[p]} min`}`,
  ).join(' · ');
}

export const escalationsList = defineCommand({
  id: 'escalations',
  path: ['escalations'],
  menu: 5,
  usage: 'escalations [open|all]',
  summary: 'List the escalations not yet resolved, or the latest of all',
  examples: ['escalations', 'escalations all'],
  permission: 'anyone',
  readOnly: true,
  requiresSetup: true,
  args: argInput.transform((input, ctx): { which: 'open' | 'all' } => {
    const words = input.words.map((w) => w.text.toLowerCase());
    if (words.length === 0) return { which: 'open' };
    if (words.length === 1 && (words[0] === 'open' || words[0] === 'all')) return { which: words[0] };
    return fail(ctx, `\`escalations\` takes open or all (got “${input.rest.slice(0, 40)}”).`);
  }),
  async run(ctx, { which }) {
    const { store, channel } = ctx;
    const states = which === 'open' ? UNRESOLVED_STATES : undefined;
    const total = await store.escalations.count(channel.id, states);
    const shown = await store.escalations.recent(channel.id, LIST_LIMIT, states);
    const blocks: Block[] = [];
    if (total === 0) {
      blocks.push(
        paragraph(
          ...prose(
            which === 'open'
              ? 'No open escalations. `escalations all` lists the resolved ones too.'
              : 'No escalations in this channel yet. Open one with `escalate <summary>`.',
          ),
        ),
      );
    } else {
      const title = which === 'open' ? `Escalations not resolved yet (${total})` : `Escalations (${total})`;
      blocks.push(header(total > shown.length ? `${title} — the latest ${shown.length}` : title));
      blocks.push(
        list(
          shown.map((e): Span[] => [
            bold(escalationLabel(e)),
            text(
              ` · ${e.priority} · ${whereItIs(ctx, e)} · opened ` +
                `${formatLocal(e.openedAt, channel.timezone, 'EEE d MMM HH:mm zzz')} — ${e.summary}`,
            ),
          ]),
        ),
      );
    }
    blocks.push(
      context(
        ...prose(
          `Ladders (minutes:whom): ${PRIORITIES.map((p) => `${p} ${ladderLine(channel.ladders[p])}`).join(' · ')}. ` +
            `Managers change them with \`escalations ladder p1 0:team 5:contact 15:managers\`. Ack targets: ` +
            `${timeoutsLine(channel.ackTimeouts)} (\`escalations timeouts\`).`,
        ),
      ),
    );
    return ephemeral(...blocks);
  },
});

/** Minutes from `5`, `5m`, `5min`, `2h`; null for `none`/`off`; undefined when not understood. */
function parseTimeout(value: string): number | null | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'none' || v === 'off' || v === '-') return null;
  const m = /^(\d{1,5})\s*(m|min|mins|minutes|h|hr|hours)?$/.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]) * (m[2]?.startsWith('h') ? 60 : 1);
  return n >= 1 && n <= MAX_TIMEOUT_MINUTES ? n : undefined;
}

export const escalationsTimeouts = defineCommand({
  id: 'escalations.timeouts',
  path: ['escalations', 'timeouts'],
  aliases: [['escalations', 'timeout']],
  usage: 'escalations timeouts [p1:<minutes|none>] [p2:…] [p3:…] [p4:…]',
  summary: 'Set how long an escalation may wait for acknowledgement, per priority (the agendas count the misses)',
  examples: ['escalations timeouts p1:5 p2:15 p3:60 p4:none', 'escalations timeouts p3:2h'],
  permission: 'manager',
  requiresSetup: true,
  // `p1:5` is not an option token (option keys are letters only): each word is read here.
  args: argInput.transform((input, ctx): Partial<Record<Priority, number | null>> => {
    const out: Partial<Record<Priority, number | null>> = {};
    for (const word of input.words) {
      const m = /^(p[1-4]):(.*)$/i.exec(word.text);
      if (!m)
        return fail(
          ctx,
          `I did not understand “${word.text.slice(0, 40)}”. Give each priority as p1:<minutes>, or p4:none for no ` +
            `re-notification.`,
        );
      const priority = m[1]!.toUpperCase() as Priority;
      if (priority in out) return fail(ctx, `${priority} is given twice.`);
      const minutes = parseTimeout(m[2]!);
      if (minutes === undefined)
        return fail(
          ctx,
          `\`${word.text.slice(0, 24)}\` is not a timeout: give minutes from 1 to ${MAX_TIMEOUT_MINUTES} (or hours, ` +
            `like 2h), or none.`,
        );
      out[priority] = minutes;
    }
    if (Object.keys(out).length === 0)
      return fail(ctx, 'Give at least one priority, e.g. `escalations timeouts p1:10`.');
    return out;
  }),
  async run(ctx, changes) {
    const before = ctx.channel.ackTimeouts;
    const after = { ...before, ...changes } as Record<Priority, number | null>;
    if (PRIORITIES.every((p) => before[p] === after[p]))
      throw new UserError(`The ack timeouts are already ${timeoutsLine(before)}.`);
    await ctx.store.channels.update(ctx.channel.id, { ackTimeouts: after });
    await ctx.audit({
      action: 'escalations.timeouts',
      subject: 'ack timeouts',
      before,
      after,
      announce: `changed the ack timeouts: ${timeoutsLine(before)} → ${timeoutsLine(after)}`,
    });
    return ephemeral(
      paragraph(text(`Ack timeouts are now ${timeoutsLine(after)} (were ${timeoutsLine(before)}).`)),
      context(
        text(
          'The monthly and quarterly agendas count escalations acknowledged later than this as missed. Whom an ' +
            'escalation notifies, and when, is its ladder: `escalations ladder`.',
        ),
      ),
    );
  },
});
