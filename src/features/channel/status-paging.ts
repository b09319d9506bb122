import type { ChannelContext } from '../../kernel/command.js';
import { localTime } from '../../kernel/format.js';
import { type Field, field } from '../../kernel/reply.js';

const PROBLEMS = 5;

/** `status`'s lines for the paging tools: events waiting, and those that failed with why. */
export async function pagingFields(ctx: ChannelContext): Promise<Field[]> {
  const { channel, store } = ctx;
  const backlog = await store.integrationOutbox.backlog(channel.id);
  if (ctx.integrations.list().length === 0 && backlog.waiting === 0 && backlog.failed === 0) return [];
  const plural = (n: number) => `${n} event${n === 1 ? '' : 's'}`;
  const waiting =
    backlog.waiting === 0
      ? 'every event has been delivered'
      : `${plural(backlog.waiting)} waiting to be sent, the oldest queued ${localTime(backlog.oldest!, channel)}`;
  const out = [field('Paging tools', waiting)];
  if (backlog.failed > 0) {
    const failed = await store.integrationOutbox.failed(channel.id, PROBLEMS);
    const lines = failed.map(
      (d) =>
        `${d.event} ${d.message.escalation.id} to ${d.integration} (queued ${localTime(d.createdAt, channel)}, ` +
        `${d.attempts} attempt${d.attempts === 1 ? '' : 's'}) — ${d.lastError ?? 'no error recorded'}`,
    );
    if (backlog.failed > failed.length) lines.push(`and ${backlog.failed - failed.length} earlier`);
    out.push(field('Failed paging events', lines.join('\n')));
  }
  return out;
}
