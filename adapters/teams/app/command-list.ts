import type { AnyCommandSpec } from '../../../src/kernel/command.js';

/** Teams shows at most 10 commands per list in the compose box; the rest are typed (`@Tandem help` lists them). */
export const MAX_TEAMS_COMMANDS = 10;
const MAX_DESCRIPTION = 128;

/**
 * The commands worth a place in the menu, most used first; ids that are not registered are
 * skipped. Manager-only changes and commands that need more typing (handback needs a note) are
 * left to typing; `help` is there so that everything else can be found.
 */
const PREFERRED = ['who-owns', 'escalate', 'ack', 'resolve', 'escalations', 'handoff.note', 'handoff', 'matrix', 'setup', 'help', 'cadence', 'hours', 'status'];

export interface TeamsCommand {
  title: string;
  description: string;
}

/**
 * The bot's command menu, from the registry: the preferred commands that exist, then others in
 * registry order, up to 10. A title is what Teams inserts after `@Tandem`: the command's words.
 */
export function teamsCommands(specs: readonly AnyCommandSpec[]): TeamsCommand[] {
  const byId = new Map(specs.map((s) => [s.id, s]));
  const chosen = [...PREFERRED.flatMap((id) => byId.get(id) ?? []), ...specs];
  const unique = [...new Set(chosen)].slice(0, MAX_TEAMS_COMMANDS);
  return unique.map((s) => ({ title: s.path.join(' '), description: describe(s) }));
}

function describe(spec: AnyCommandSpec): string {
  const what = `${spec.summary}${spec.permission === 'manager' ? ' (managers)' : ''}`;
  const withUsage = `${what}. Usage: ${spec.usage}`;
  if (withUsage.length <= MAX_DESCRIPTION) return withUsage;
  return what.length > MAX_DESCRIPTION ? `${what.slice(0, MAX_DESCRIPTION - 1)}…` : what;
}
