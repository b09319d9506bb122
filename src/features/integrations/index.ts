import type { Feature } from '../../kernel/feature.js';
import { integrationsList } from './integrations-list.js';
import { integrationsPage } from './integrations-page.js';
import { ticketUrl } from './ticket-url.js';

/** Paging and ticketing: the integrations configured, paging steps, ticket links, and inbound hooks. */
export const integrationsFeature: Feature = {
  name: 'integrations',
  commands: [integrationsList, integrationsPage, ticketUrl],
};

export { CoreHookInbox, type HookInboxDeps } from './hook-inbox.js';
