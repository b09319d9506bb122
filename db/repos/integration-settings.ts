import { and, eq } from 'drizzle-orm';
import type { PageStep } from '../../src/domain/integrations.js';
import type { ChannelIntegrations, IntegrationSettingsRepo } from '../../src/kernel/ports/integration-outbox.js';
import { fixedLimit } from '../prepared.js';
import { SqlRepo } from './repo.js';

/** Each channel's ticket link and paging steps (`channel_integrations`), and hook links (`hook_links`). */
export class SqlIntegrationSettingsRepo extends SqlRepo implements IntegrationSettingsRepo {
  async get(channelId: number): Promise<ChannelIntegrations> {
    const { channelIntegrations: c } = this.t;
    const [row] = await this.db.select().from(c).where(eq(c.channelId, channelId)).limit(fixedLimit(1));
    return { ticketUrl: row?.ticketUrl ?? null, pages: (row?.pages as PageStep[] | undefined) ?? [] };
  }

  async setTicketUrl(channelId: number, template: string | null): Promise<void> {
    const { channelIntegrations: c } = this.t;
    await this.db
      .insert(c)
      .values({ channelId, ticketUrl: template, pages: [] })
      .onConflictDoUpdate({ target: c.channelId, set: { ticketUrl: template } });
  }

  async setPages(channelId: number, pages: readonly PageStep[]): Promise<void> {
    const { channelIntegrations: c } = this.t;
    await this.db
      .insert(c)
      .values({ channelId, ticketUrl: null, pages: [...pages] })
      .onConflictDoUpdate({ target: c.channelId, set: { pages: [...pages] } });
  }

  async linked(integration: string, externalId: string): Promise<number | null> {
    const { hookLinks: h } = this.t;
    const [row] = await this.db
      .select({ id: h.escalationId })
      .from(h)
      .where(and(eq(h.integration, integration), eq(h.externalId, externalId)))
      .limit(fixedLimit(1));
    return row?.id ?? null;
  }

  async link(integration: string, externalId: string, escalationId: number, now: Date): Promise<void> {
    const { hookLinks: h } = this.t;
    await this.db
      .insert(h)
      .values({ integration, externalId, escalationId, linkedAt: now.getTime() })
      .onConflictDoUpdate({ target: [h.integration, h.externalId], set: { escalationId, linkedAt: now.getTime() } });
  }
}
