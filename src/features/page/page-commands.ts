import { noArgs } from '../../kernel/args.js';
import { defineCommand } from '../../kernel/command.js';
import { localTime } from '../../kernel/format.js';
import { PAGE_LINK_HOURS, pageKeyFor, pageUrl, rotatePageKey, signGrant } from '../../kernel/page-links.js';
import { context, ephemeral, link, paragraph, prose, text } from '../../kernel/reply.js';

const HOUR_MS = 3_600_000;

export const pageLink = defineCommand({
  id: 'page',
  path: ['page'],
  usage: 'page',
  summary:
    "A personal link to this channel's page (matrix, escalations, the review with charts), " +
    `valid ${PAGE_LINK_HOURS} h`,
  permission: 'anyone',
  requiresSetup: true,
  args: noArgs('page'),
  async run(ctx) {
    if (ctx.publicUrl === null) {
      return ephemeral(
        paragraph(
          ...prose(
            "This Tandem has no public address, so it cannot give out links to the channel's page. " +
              'The operator sets `TANDEM_PUBLIC_URL` (e.g. https://tandem.example.com) and restarts it.',
          ),
        ),
      );
    }
    const secret = await pageKeyFor(ctx.store, ctx.channel.id, ctx.now);
    const expiresAt = new Date(ctx.now.getTime() + PAGE_LINK_HOURS * HOUR_MS);
    const token = signGrant(secret, { kind: 'page', channelId: ctx.channel.id, personId: ctx.actor.id, expiresAt });
    const url = pageUrl(ctx.publicUrl, ctx.channel.id, token);
    return ephemeral(
      paragraph(text("This channel's page, for you: ", 'bold'), link(url, url)),
      context(
        text(
          `Valid until ${localTime(expiresAt, ctx.channel)}. It opens this channel's page only; keep it to yourself. `,
        ),
        ...prose('A manager can revoke every link given out with `page revoke`.'),
      ),
    );
  },
});

export const pageRevoke = defineCommand({
  id: 'page.revoke',
  path: ['page', 'revoke'],
  usage: 'page revoke',
  summary: "Revoke every link to this channel's page given out so far (and the charts in past posts)",
  permission: 'manager',
  requiresSetup: true,
  args: noArgs('page revoke'),
  async run(ctx) {
    await rotatePageKey(ctx.store, ctx.channel.id, ctx.now);
    await ctx.audit({
      action: 'page.revoke',
      subject: 'page links',
      before: null,
      after: null,
      announce: "revoked every link to this channel's page; `page` gives a new one",
    });
    return ephemeral(
      paragraph(text('Done: every link to this page given out so far now answers “not valid”.')),
      context(...prose('Anyone who still needs the page asks for a new link with `page`.')),
    );
  },
});
