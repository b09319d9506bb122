import { renderText } from '../../adapters/console/render.js';
import type { Reply } from '../../src/kernel/reply.js';
import type { Actor } from '../../src/kernel/types.js';
import type { Harness } from '../harness.js';

/** Who speaks, beyond a name: the organisation the platform reports for them, whether it says they administer it. */
export type Speaker = { who: string } & Pick<Actor, 'orgId' | 'platformAdmin'>;

/** Says a line as a speaker the platform tells more about, then runs what is due; the reply. */
export async function sayAs(h: Harness, speaker: Speaker, text: string): Promise<Reply> {
  const { who, ...more } = speaker;
  const reply = await h.bot.handle({
    conversation: h.conversation,
    actor: { platform: h.platform, userId: who, name: who, ...more },
    text,
  });
  await h.runDue();
  return reply;
}

/** `sayAs`, with the reply as the console prints it. */
export async function sayAsText(h: Harness, speaker: Speaker, text: string): Promise<string> {
  return renderText(await sayAs(h, speaker, text));
}

/** The change lines announced in the channel so far, as posted. */
export function announcements(h: Harness): string[] {
  return h
    .posts()
    .map((p) => renderText(p.reply))
    .filter((t) => !t.startsWith('==') && !t.includes('\n'));
}
