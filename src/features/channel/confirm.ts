import { argInput, fail } from '../../kernel/args.js';
import { defineCommand } from '../../kernel/command.js';

export const confirm = defineCommand({
  id: 'confirm',
  path: ['confirm'],
  usage: 'confirm <code>',
  summary: 'Carry out a change you asked for that needs confirming (the code it showed, within 10 minutes)',
  examples: ['confirm K7Q2F9'],
  permission: 'anyone',
  requiresSetup: true,
  args: argInput.transform((input, ctx) => {
    const [word, ...extra] = input.words;
    if (!word || extra.length || !/^[A-Za-z0-9]{1,12}$/.test(word.text))
      return fail(ctx, 'Give the code the change showed, like `confirm K7Q2F9`.');
    return { code: word.text };
  }),
  // The line the code stands for runs as its own command, with its own permission, in this transaction.
  run: (ctx, { code }) => ctx.confirm(code),
});
