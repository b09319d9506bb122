import type { AnyCommandSpec } from '../../../src/kernel/command.js';

/** Teams shows at most 10 commands per list in the compose box; the rest are typed (`@Tandem help` lists them). */
export const MAX_TEAMS_COMMANDS = 10;
const MAX_DESCRIPTION = 128;

export interface TeamsCommand {
  title: string;
  description: string;
}

/**
 * The bot's command menu, from the registry: the commands that declare a menu place, in that order,
 * then others in registry order, up to 10. A title is what Teams inserts after `@Tandem`: the
 * command's words. Manager-only changes and commands that need more typing are left to typing.
 */
export function teamsCommands(specs: readonly AnyCommandSpec[]): TeamsCommand[] {
  const menu = specs.filter((s) => s.menu !== undefined).sort((a, b) => a.menu! - b.menu!);
  const unique = [...new Set([...menu, ...specs])].slice(0, MAX_TEAMS_COMMANDS);
  return unique.map((s) => ({ title: s.path.join(' '), description: describe(s) }));
}

/** The summary with the usage when both fit, else the summary: whole, never cut (a summary too long is refused). */
function describe(spec: AnyCommandSpec): string {
  const what = `${spec.summary}${spec.permission === 'manager' ? ' (managers)' : ''}`;
  const withUsage = `${what}. Usage: ${spec.usage}`;
  if (withUsage.length <= MAX_DESCRIPTION) return withUsage;
  if (what.length <= MAX_DESCRIPTION) return what;
  throw new Error(
    `The summary of "${spec.id}" is ${what.length} characters; a Teams menu description holds ${MAX_DESCRIPTION}. ` +
      'Shorten it.',
  );
}
