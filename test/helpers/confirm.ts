import { renderText } from '../../adapters/console/render.js';
import type { Reply } from '../../src/kernel/reply.js';
import type { Harness } from '../harness.js';

/** The confirmation code a reply asks for (`confirm K7Q2F9`); throws when it asks for none. */
export function codeIn(reply: Reply | string): string {
  const text = typeof reply === 'string' ? reply : renderText(reply);
  const m = /confirm ([A-Z2-9]{6})\b/.exec(text);
  if (!m) throw new Error(`the reply asks for no confirmation:\n${text}`);
  return m[1]!;
}

/** Says a line that asks for confirmation, then confirms it as the same person; the confirmation's reply as text. */
export async function sayConfirmed(h: Harness, who: string, line: string): Promise<string> {
  const asked = await h.say(who, line);
  return h.sayText(who, `confirm ${codeIn(asked)}`);
}
