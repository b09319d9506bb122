import { HttpServer } from '../../adapters/http/server.js';
import { integrationClients } from '../../adapters/integrations/clients.js';
import { mountHooks } from '../../adapters/integrations/hooks.js';
import { directoryOf } from '../../src/app/integrations-config.js';
import type { IntegrationSpec } from '../../src/domain/integration-spec.js';
import { silentLogger } from '../../src/kernel/logger.js';
import { type Harness, type HarnessOptions, makeHarness, SETUP } from '../harness.js';

/** The harness with these integrations: real clients delivering through the outbox, real hooks on 127.0.0.1. */
export async function integrationHarness(specs: IntegrationSpec[], options: HarnessOptions = {}) {
  let h: Harness | undefined;
  const clock = { now: () => h!.clock.now() };
  h = await makeHarness({
    setup: SETUP,
    channelId: 'C1',
    ...options,
    integrations: { directory: directoryOf({ specs }), clients: integrationClients(specs, clock) },
  });
  const harness = h;
  const http = new HttpServer(silentLogger);
  const hooks = mountHooks(http, { specs, inbox: harness.hooks, clock: harness.clock, log: silentLogger });
  const port = await http.listen(0, '127.0.0.1');
  return {
    h: harness,
    hookUrl: (name: string) => `http://127.0.0.1:${port}/hooks/${name}`,
    /** Waits for the accepted hook deliveries, then runs and delivers what they caused. */
    async settle() {
      await hooks.idle();
      await harness.runDue();
    },
    async close() {
      await http.close();
      harness.close();
    },
  };
}

export type IntegrationHarness = Awaited<ReturnType<typeof integrationHarness>>;
