import type { Mention } from '../../src/domain/model.js';
import { escapeMarkdown } from './markdown.js';

/** A Teams mention entity, as it arrives in an activity and as cards carry it in `msteams.entities`. */
export interface MentionEntity {
  type: 'mention';
  /** Exactly the `<at>…</at>` text it stands for. */
  text: string;
  mentioned: { id: string; name: string; type?: GroupKind };
}

/** Mentions of groups: tags (`@it-team`), a whole team, or a channel. */
type GroupKind = 'tag' | 'team' | 'channel';
const GROUP_KINDS: readonly string[] = ['tag', 'team', 'channel'];
/** The neutral id of a group keeps its kind, so that the card can mention it back: `tag:<id>`. */
const GROUP_ID = /^(tag|team|channel):(.+)$/;
/** Ids Teams accepts in a card mention: a Microsoft Entra object id or a Teams user id. */
const USER_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|29:\S+|8:orgid:\S+)$/i;

export interface MentionedAccount {
  id?: string;
  name?: string;
  aadObjectId?: string;
  type?: string;
}

/** The core's mention for what a Teams mention entity names; null when it names nothing usable. */
export function mentionFromTeams(account: MentionedAccount): Mention | null {
  if (!account.id) return null;
  const label = cleanLabel(account.name ?? '') || account.id;
  const kind =
    account.type && GROUP_KINDS.includes(account.type) ? account.type : account.id.startsWith('19:') ? 'channel' : null;
  if (kind) return { kind: 'group', id: `${kind}:${account.id}`, label };
  // People are known by their Entra object id, the same id an actor gets, so a mention and a speaker match.
  return { kind: 'user', id: account.aadObjectId ?? account.id, label };
}

/** The card mention for a core mention; null when the id is not one Teams can notify (e.g. a typed `@word`). */
export function entityFor(mention: Mention): MentionEntity | null {
  const name = cleanLabel(mention.label.replace(/^@/, '')) || 'someone';
  // A display name is someone's words: escaped like any text in the card, so `[x](url)` or `**` stay words.
  const text = `<at>${escapeMarkdown(name, { atLineStart: false })}</at>`;
  if (mention.kind === 'group') {
    const m = GROUP_ID.exec(mention.id);
    return m ? { type: 'mention', text, mentioned: { id: m[2]!, name, type: m[1] as GroupKind } } : null;
  }
  return USER_ID.test(mention.id) ? { type: 'mention', text, mentioned: { id: mention.id, name } } : null;
}

/** A display name that fits inside `<at>…</at>` and the neutral `<user:ID|Label>` form. */
function cleanLabel(name: string): string {
  // Quotes too: a mention given as an option value is quoted (see parse.ts).
  return name
    .replace(/[<>|\\`"“”]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
