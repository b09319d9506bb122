import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../src/kernel/logger.js';
import { type LabelOf, unlabelledUserIds } from './parse.js';

const TTL_MS = 60 * 60 * 1000;
const MAX_ENTRIES = 2000;
/** A line naming more people than this shows the rest by id rather than fanning out into users.info calls. */
const MAX_LOOKUPS_PER_LINE = 10;

interface Known {
  name: string | undefined;
  /** An owner or admin of the workspace the app is installed in. */
  admin: boolean;
  at: number;
}

/**
 * Slack users by id (users.info, scope users:read), cached for an hour: their names (slash commands
 * and clicks carry the name; mentions of the bot and `<@U…>` without a label do not), and whether
 * they own or administer the workspace Tandem is installed in (for `setup claim`).
 */
export class UserDirectory {
  readonly #cache = new Map<string, Known>();

  constructor(
    private readonly client: WebClient,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
    /** The workspace the app is installed in: an admin of another workspace (Slack Connect) is not one here. */
    private readonly homeTeam?: string,
  ) {}

  /** The user's Slack handle (`name`), or undefined when Slack does not say. */
  async nameOf(userId: string): Promise<string | undefined> {
    return (await this.lookup(userId))?.name;
  }

  /** Whether the user is an owner or admin of this workspace; undefined when Slack does not say. */
  async isWorkspaceAdmin(userId: string): Promise<boolean | undefined> {
    return (await this.lookup(userId))?.admin;
  }

  private async lookup(userId: string): Promise<Known | undefined> {
    const hit = this.#cache.get(userId);
    if (hit && this.now() - hit.at < TTL_MS) return hit;
    try {
      const res = await this.client.users.info({ user: userId });
      const u = res.user;
      if (!u) return undefined;
      const name = u.name || u.profile?.display_name || u.real_name || undefined;
      const ownTeam = !this.homeTeam || !u.team_id || u.team_id === this.homeTeam;
      const known: Known = {
        name,
        admin: ownTeam && Boolean(u.is_admin || u.is_owner || u.is_primary_owner),
        at: this.now(),
      };
      if (this.#cache.size >= MAX_ENTRIES) this.#cache.delete(this.#cache.keys().next().value!);
      this.#cache.set(userId, known);
      return known;
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
