import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../src/kernel/logger.js';
import { type LabelOf, unlabelledUserIds } from './parse.js';

const TTL_MS = 60 * 60 * 1000;
const MAX_ENTRIES = 2000;
/** A line naming more people than this shows the rest by id rather than fanning out into users.info calls. */
const MAX_LOOKUPS_PER_LINE = 10;

/**
 * Slack user names by id (users.info, scope users:read), cached for an hour. Slash commands and
 * clicks carry the name; mentions of the bot and `<@U…>` without a label do not.
 */
export class UserDirectory {
  readonly #cache = new Map<string, { name: string; at: number }>();

  constructor(
    private readonly client: WebClient,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The user's Slack handle (`name`), or undefined when Slack does not say. */
  async nameOf(userId: string): Promise<string | undefined> {
    const hit = this.#cache.get(userId);
    if (hit && this.now() - hit.at < TTL_MS) return hit.name;
    try {
      const res = await this.client.users.info({ user: userId });
      const name = res.user?.name || res.user?.profile?.display_name || res.user?.real_name;
      if (!name) return undefined;
      if (this.#cache.size >= MAX_ENTRIES) this.#cache.delete(this.#cache.keys().next().value!);
      this.#cache.set(userId, { name, at: this.now() });
      return name;
    } catch (err) {
      this.log.warn({ err, userId }, 'users.info failed; using the user id as the name');
      return undefined;
    }
  }

  /** Looks up every unlabelled mention in `text` and returns a synchronous label lookup. */
  async labelsFor(text: string): Promise<LabelOf> {
    const ids = unlabelledUserIds(text).slice(0, MAX_LOOKUPS_PER_LINE);
    const names = new Map<string, string | undefined>();
    await Promise.all(ids.map(async (id) => names.set(id, await this.nameOf(id))));
    return (id) => names.get(id);
  }
}
