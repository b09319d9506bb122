import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Logger } from '../../src/kernel/logger.js';
import { describeError } from './turn.js';

const TTL_MS = 60 * 60 * 1000;
const MAX_ENTRIES = 2000;

interface Member {
  tenantId: string | undefined;
  guest: boolean;
  at: number;
}

/**
 * The organisation a Teams user belongs to: their tenant, from the connector's member record
 * (`TeamsInfo.getMember`, GET /v3/conversations/{id}/members/{userId}), cached per user for an hour.
 * In a shared channel an external member's tenant is their own; a guest account lives in the host
 * tenant's directory, so a guest whose tenant is the host's says nothing about their organisation.
 */
export class MemberDirectory {
  readonly #cache = new Map<string, Member>();

  constructor(
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The user's organisation (tenant id), or undefined when Teams does not say. Called before dispatch. */
  async orgOf(ctx: TurnContext): Promise<string | undefined> {
    const a = ctx.activity;
    const host = (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? a.conversation?.tenantId;
    const member = await this.lookup(ctx, a.from.id);
    // The connector did not answer: the conversation's tenant is the best word there is.
    if (!member) return host;
    if (member.guest && (!member.tenantId || member.tenantId === host)) return undefined;
    return member.tenantId ?? host;
  }

  private async lookup(ctx: TurnContext, userId: string): Promise<Member | undefined> {
    const hit = this.#cache.get(userId);
    if (hit && this.now() - hit.at < TTL_MS) return hit;
    try {
      const m = await TeamsInfo.getMember(ctx, userId);
      const member: Member = { tenantId: m.tenantId || undefined, guest: m.userRole === 'guest', at: this.now() };
      if (this.#cache.size >= MAX_ENTRIES) this.#cache.delete(this.#cache.keys().next().value!);
      this.#cache.set(userId, member);
      return member;
    } catch (err) {
      this.log.warn({ err: describeError(err) }, 'could not read the Teams member; using the conversation tenant');
      return undefined;
    }
  }
}
