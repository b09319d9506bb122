import type { CommandContext } from '../../kernel/command.js';
import type { Channel } from '../../domain/model.js';
import { DEFAULT_CADENCES } from '../../domain/cadence.js';
import { CADENCE_REMINDER_KIND } from '../cadence/cadence-reminder-job.js';
import { DEFAULT_MATRIX } from '../../domain/default-matrix.js';

/**
 * What a newly registered channel starts with. Runs inside setup's transaction; each capability
 * that keeps per-channel state seeds it here.
 */
export function seedChannel(ctx: CommandContext, channel: Channel): void {
  ctx.store.matrix.replaceAll(channel.id, [...DEFAULT_MATRIX]);
  ctx.store.managers.add(channel.id, ctx.actor.id, ctx.now);
  ctx.store.cadences.ensure(channel.id, DEFAULT_CADENCES);
  ctx.replan(CADENCE_REMINDER_KIND);
}
