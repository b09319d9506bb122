import type { Harness } from '../harness.js';

const DAY = 24 * 60 * 60_000;

/**
 * A busy channel for `days` days on simulated time: each weekday three escalations (acknowledged
 * late enough to be re-notified), resolved by the afternoon, and an after-hours note, with the
 * morning posts, sync reminders and re-notifications falling due on the way. Commands arrive as
 * platform deliveries, so that each leaves its delivery id. `around` wraps each command (the
 * bench times its transactions).
 */
export async function busyChannel(
  h: Harness,
  days: number,
  around: <T>(command: () => Promise<T>) => Promise<T> = (command) => command(),
): Promise<void> {
  let delivery = 0;
  let seq = Number((await h.rows<{ n: number }>('select count(*) as n from escalations'))[0]!.n);
  const say = (who: string, text: string) =>
    around(() =>
      h.bot.handleOnce(
        { conversation: h.conversation, actor: { platform: h.platform, userId: who, name: who }, text },
        `slack:Ev${++delivery}`,
      ),
    );
  const start = h.clock.now().getTime();
  for (let day = 0; day < days; day++) {
    const morning = start + day * DAY;
    await h.advanceTo(new Date(morning));
    const weekday = new Date(morning).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (const [who, line] of [
      ['bob', 'escalate VPN down for the Boston office p1'],
      ['carol', 'escalate printer queue stuck area:patching p3'],
      ['dave', 'escalate backups failed overnight p2'],
    ] as const) {
      await say(who, line);
      seq++;
    }
    await h.advanceTo(new Date(morning + 20 * 60_000));
    for (let s = seq - 2; s <= seq; s++) await say('erin', `ack ESC-${s}`);
    await h.advanceTo(new Date(morning + 5 * 60 * 60_000));
    for (let s = seq - 2; s <= seq; s++) await say('erin', `resolve ESC-${s} fixed`);
    await say('night-owl', 'handoff note --overnight patched the file servers');
  }
  await h.advanceTo(new Date(start + days * DAY + 60 * 60_000));
}
