import { ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import type { Logger } from '../../src/kernel/logger.js';
import type { TeamsConfig } from './face.js';

type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;

/** The Bot Framework settings from Tandem's configuration; unauthenticated when no app id is set. */
function settings(config: TeamsConfig) {
  if (!config.MICROSOFT_APP_ID) return { auth: {}, credentials: undefined };
  const app = {
    MicrosoftAppId: config.MICROSOFT_APP_ID,
    MicrosoftAppType: config.MICROSOFT_APP_TYPE,
    ...(config.MICROSOFT_APP_TENANT_ID ? { MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID } : {}),
  };
  const credentials = new ConfigurationServiceClientCredentialFactory({
    ...app,
    ...(config.MICROSOFT_APP_PASSWORD ? { MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD } : {}),
  });
  return { auth: app, credentials };
}

/**
 * Authentication for inbound requests and the replies within a turn. With an app id, every request
 * must carry a valid Bot Framework token (401 otherwise); without one, none is checked.
 */
export function createAuthentication(
  config: TeamsConfig,
  endpoints: Record<string, string> = {},
): ConfigurationBotFrameworkAuthentication {
  const { auth, credentials } = settings(config);
  return new ConfigurationBotFrameworkAuthentication({ ...auth, ...endpoints }, credentials);
}

/**
 * The same, for proactive posts and updates: the connector client's own retry policy (three
 * retries, waiting out `Retry-After`) is removed, because the outbox retries and must see each
 * 429 and failure itself.
 */
export function createOutboundAuthentication(
  config: TeamsConfig,
  log: Logger,
): ConfigurationBotFrameworkAuthentication {
  const { auth, credentials } = settings(config);
  return new NoRetryAuthentication(auth, credentials, log);
}

class NoRetryAuthentication extends ConfigurationBotFrameworkAuthentication {
  #warned = false;
  constructor(
    auth: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0],
    credentials: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1],
    private readonly log: Logger,
  ) {
    super(auth, credentials);
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const inner = super.createConnectorFactory(claimsIdentity);
    const create: ConnectorFactory['create'] = async (serviceUrl, audience) => {
      const client = await inner.create(serviceUrl, audience);
      if (!removeRetryPolicy(client) && !this.#warned) {
        this.#warned = true;
        this.log.warn({}, 'could not turn off the Bot Framework client retries; Teams deliveries may be retried twice');
      }
      return client;
    };
    return { create } as ConnectorFactory;
  }
}

/** The connector client wraps an @azure/core-client ServiceClient whose pipeline has a "Retry" phase. */
function removeRetryPolicy(client: unknown): boolean {
  const pipeline = (client as { client?: { pipeline?: { removePolicy?: (o: { phase: string }) => unknown[] } } }).client
    ?.pipeline;
  if (typeof pipeline?.removePolicy !== 'function') return false;
  pipeline.removePolicy({ phase: 'Retry' });
  return true;
}
