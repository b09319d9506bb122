import { noArgs } from '../../kernel/args.js';
import { defineCommand } from '../../kernel/command.js';
import { localTime } from '../../kernel/format.js';
import { ephemeral, field, fields, paragraph, replySummary, text } from '../../kernel/reply.js';
import { conversationOf } from '../../kernel/types.js';
import { pagingFields } from './status-paging.js';

const NEXT_JOBS = 5;
const PROBLEMS = 5;

/** `status`: what Tandem will post next, what it still has to deliver, and what it could not. */
export const status = defineCommand({
  id: 'status',
  path: ['status'],
  menu: 13,
  usage: 'status',
  summary: 'Scheduled posts, the outbox backlog and failed posts',
  permission: 'anyone',
  requiresSetup: true,
  args: noArgs('status'),
  async run(ctx) {
    const { channel, store } = ctx;
    const labelOf = (kind: string) => ctx.jobKinds.get(kind)?.label ?? kind;
    const conversation = conversationOf(channel);
    const next = (await store.jobs.pendingFor(channel.id)).slice(0, NEXT_JOBS);
    const backlog = await store.outbox.backlog(conversation);
    const failedPosts = await store.outbox.failed(conversation, PROBLEMS);
    const problems = await store.jobs.recentProblems(channel.id, PROBLEMS);

    const nextLines = next.length
      ? next.map((j) => `${localTime(j.dueAt, channel)} — ${labelOf(j.kind)}`).join('\n')
      : 'nothing scheduled';
    const outboxLine =
      backlog.waiting === 0
        ? 'every post has been delivered'
        : `${backlog.waiting} waiting to be delivered, the oldest queued ${localTime(backlog.oldest!, channel)}`;
    const out = [
      field('Next scheduled', nextLines),
      field('Outbox', outboxLine),
      field(
        'Failed posts',
        failedPosts.length
          ? [
              ...failedPosts.map(
                (p) =>
                  `“${replySummary(p.reply, 60)}” (queued ${localTime(p.createdAt, channel)}, ${p.attempts} ` +
                  `attempt${p.attempts === 1 ? '' : 's'}) — ${p.lastError ?? 'no error recorded'}`,
              ),
              ...(backlog.failed > failedPosts.length ? [`and ${backlog.failed - failedPosts.length} earlier`] : []),
            ].join('\n')
          : 'none',
      ),
    ];
    out.push(...(await pagingFields(ctx)));
    if (problems.length) {
      out.push(
        field(
          'Scheduled posts not sent',
          problems
            .map(
              (j) =>
                `${labelOf(j.kind)} due ${localTime(j.dueAt, channel)} — ${j.state}: ` +
                `${j.result ?? 'no reason recorded'}`,
            )
            .join('\n'),
        ),
      );
    }
    return ephemeral(paragraph(text(`Status at ${localTime(ctx.now, channel)}`, 'bold')), fields(...out));
  },
});
