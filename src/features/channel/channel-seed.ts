import { DEFAULT_CADENCES } from '../../domain/cadence.js';
import { DEFAULT_MATRIX } from '../../domain/default-matrix.js';
import type { Channel } from '../../domain/model.js';
import type { Side } from '../../domain/sides.js';
import type { CommandContext } from '../../kernel/command.js';

/**
 * What a newly registered channel starts with. Runs inside setup's transaction; each capability
 * that keeps per-channel state seeds it here. The person setting up manages their side.
 */
export async function seedChannel(ctx: CommandContext, channel: Channel, side: Side): Promise<void> {
  await ctx.store.matrix.replaceAll(channel.id, [...DEFAULT_MATRIX]);
  await ctx.store.managers.add(channel.id, ctx.actor.id, side, ctx.now);
  await ctx.store.cadences.ensure(channel.id, DEFAULT_CADENCES);
  await ctx.timesChanged();
}
