import { argInput } from '../../kernel/args.js';
import { type AnyCommandSpec, defineUnboundCommand, type Permission } from '../../kernel/command.js';
import { nearWord } from '../../kernel/registry.js';
import { type Block, code, context, ephemeral, header, paragraph, prose, type Span, text } from '../../kernel/reply.js';

const GROUPS: readonly { title: string; prefixes: readonly string[] }[] = [
  { title: 'Who owns what', prefixes: ['who', 'matrix'] },
  { title: 'Escalations', prefixes: ['escalate', 'ack', 'resolve', 'handback', 'note', 'escalations'] },
  { title: 'Morning handoff', prefixes: ['handoff'] },
  { title: 'Syncs', prefixes: ['cadence'] },
  {
    title: 'Channel',
    prefixes: ['setup', 'hours', 'holiday', 'holidays', 'managers', 'confirm', 'audit', 'status', 'help'],
  },
  { title: 'Sides', prefixes: ['people'] },
];

const PERMISSION_NOTE: Record<Permission, string> = {
  anyone: '',
  manager: ' (managers only)',
  admin: " (Tandem's administrators only)",
};

function groupOf(spec: AnyCommandSpec): string {
  return GROUPS.find((g) => g.prefixes.includes(spec.path[0]!))?.title ?? 'Other';
}

export const help = defineUnboundCommand({
  id: 'help',
  path: ['help'],
  menu: 10,
  aliases: [['?']],
  usage: 'help [command]',
  summary: 'List every command, or show one in detail',
  examples: ['help', 'help matrix set'],
  permission: 'anyone',
  readOnly: true,
  args: argInput.transform((input) => ({ topic: input.words.map((w) => w.text.toLowerCase()).join(' ') })),
  async run(ctx, { topic }) {
    if (topic) {
      const matches = ctx.commands.filter((c) => `${c.path.join(' ')} `.startsWith(`${topic} `));
      if (matches.length === 0) {
        const guess = nearWord(
          topic,
          ctx.commands.map((c) => c.path.join(' ')),
        );
        return ephemeral(
          paragraph(
            ...prose(
              `There is no command “${topic}”.${guess ? ` Did you mean \`help ${guess}\`?` : ''} Type \`help\` for ` +
                `the list.`,
            ),
          ),
        );
      }
      const blocks: Block[] = [];
      for (const c of matches) {
        blocks.push(paragraph(code(c.usage)), paragraph(text(c.summary + PERMISSION_NOTE[c.permission])));
        if (c.examples?.length)
          blocks.push(
            context(text('e.g. '), ...c.examples.flatMap((e, i) => (i ? [text('  ·  '), code(e)] : [code(e)]))),
          );
      }
      return ephemeral(...blocks);
    }
    // One line a group, each command by its words: a screen, not a manual; `help <command>` has the rest.
    const blocks: Block[] = [header('Tandem commands')];
    for (const g of [...GROUPS.map((x) => x.title), 'Other']) {
      const specs = ctx.commands.filter((c) => groupOf(c) === g);
      if (specs.length === 0) continue;
      const spans: Span[] = [text(`${g}: `, 'bold')];
      specs.forEach((c, i) => {
        if (i > 0) spans.push(text(' · '));
        spans.push(code(c.path.join(' ')));
      });
      blocks.push(paragraph(...spans));
    }
    blocks.push(
      context(
        ...prose(
          '`help <command>` shows one in detail, e.g. `help escalate`. Ask in plain words too: “who is responsible ' +
            'for backups?”. In Slack type `/tandem <command>` (or `/whoowns`, `/escalate`, `/handoff`); in Teams ' +
            '`@Tandem <command>`.',
        ),
      ),
    );
    return ephemeral(...blocks);
  },
});
