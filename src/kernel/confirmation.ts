import { randomInt } from 'node:crypto';
import type { Channel, Person } from '../domain/model.js';
import { Refused } from './errors.js';
import { localTime } from './format.js';
import type { Store } from './ports/store.js';
import { type Block, buttons, context, ephemeral, prose, type Reply } from './reply.js';

/** How long a confirmation code is good for. */
export const CONFIRM_WINDOW_MS = 10 * 60_000;
/** Letters and digits that cannot be read as one another (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 6;
/** Used and expired codes are kept a day, so that a late `confirm` is told why, then forgotten. */
const KEEP_MS = 24 * 60 * 60_000;

function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/**
 * Stores `line` as waiting for its author's confirmation and answers with what it would do
 * (`preview`), a Confirm button and the code to type. Nothing else is written.
 */
export async function askToConfirm(
  store: Store,
  where: { channel: Channel; person: Person; now: Date },
  line: string,
  preview: Block[],
): Promise<Reply> {
  const { channel, person, now } = where;
  await store.confirmations.prune(new Date(now.getTime() - KEEP_MS));
  const expiresAt = new Date(now.getTime() + CONFIRM_WINDOW_MS);
  let code = newCode();
  while (
    !(await store.confirmations.create({
      code,
      channelId: channel.id,
      personId: person.id,
      line,
      createdAt: now,
      expiresAt,
    }))
  )
    code = newCode();
  return ephemeral(
    ...preview,
    buttons({ label: 'Confirm', command: `confirm ${code}`, style: 'danger' }),
    context(
      ...prose(
        `Nothing changes until you confirm: click Confirm, or type \`confirm ${code}\` before ` +
          `${localTime(expiresAt, channel)}. Only you can confirm it.`,
      ),
    ),
  );
}

/**
 * The command line a code stands for, marked used: only for the person who asked, in the channel
 * where they asked, once, within its 10 minutes. Anything else is refused, saying what to do instead.
 */
export async function takeConfirmation(
  store: Store,
  code: string,
  where: { channel: Channel; person: Person; now: Date },
): Promise<string> {
  const { channel, person, now } = where;
  const wanted = code.trim().toUpperCase();
  const pending = await store.confirmations.find(wanted);
  if (!pending) {
    throw new Refused(
      `No command is waiting for the code “${code.slice(0, 12)}”. Run the command again to get a new code, and ` +
        'confirm it within 10 minutes.',
    );
  }
  const again = `Run \`${commandWords(pending.line)}\` again to get a code of your own.`;
  if (pending.channelId !== channel.id) throw new Refused(`That code belongs to another channel. ${again}`);
  if (pending.personId !== person.id) {
    throw new Refused(`That code is for the person who asked; only they can confirm it. ${again}`);
  }
  if (pending.usedAt) {
    throw new Refused(`That code was already used (${localTime(pending.usedAt, channel)}); nothing more was done.`);
  }
  if (now.getTime() > pending.expiresAt.getTime()) {
    throw new Refused(
      `That code expired at ${localTime(pending.expiresAt, channel)} (codes last 10 minutes); nothing was changed. ` +
        `Run \`${commandWords(pending.line)}\` again to get a new one.`,
    );
  }
  await store.confirmations.markUsed(wanted, now);
  return pending.line;
}

/** The first words of a command line, enough to name it (`matrix import …`). */
function commandWords(line: string): string {
  const first = line.split('\n')[0]!.trim();
  return first.length > 60 ? `${first.slice(0, 59)}…` : first;
}
