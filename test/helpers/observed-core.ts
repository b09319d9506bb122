import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from '../../db/client.js';
import { directoryOf } from '../../src/app/integrations-config.js';
import type { IntegrationSpec } from '../../src/domain/integration-spec.js';
import type { Store, TransactionOptions } from '../../src/kernel/ports/store.js';
import type { PostingLimits } from '../../src/kernel/posting-limits.js';
import type { Reply } from '../../src/kernel/reply.js';
import type { Platform } from '../../src/kernel/types.js';
import { makeHarness } from '../harness.js';
import { collectingLogger } from './collecting-logger.js';
import { dumpTables } from './table-dump.js';

/** No limit on the commands that post. */
export const NO_POSTING_LIMITS: PostingLimits = { perPerson: [], perChannel: [], maxPending: Number.POSITIVE_INFINITY };
const PAGERDUTY: IntegrationSpec = {
  name: 'pagerduty-msp',
  kind: 'pagerduty',
  url: 'https://events.pagerduty.com/v2/enqueue',
  routingKey: 'rk',
  webhookSecret: null,
  channels: [],
};

/** How the command's own transaction ended: committed, rolled back, or never started (the line did not parse). */
export type Outcome = 'committed' | 'rolled back' | 'not run';

/**
 * The harness (Slack by default), its store reporting how each outermost transaction ended, so
 * that a test knows whether the command it sent committed, without trusting the reply. Nothing
 * runs after a command: what a command wrote is all that changed.
 */
export async function makeObservedCore(
  opts: { start?: string; platform?: Platform; channelId?: string; db?: Db; admins?: readonly string[] } = {},
) {
  const log = collectingLogger();
  const { admins, ...rest } = opts;
  const h = await makeHarness({
    platform: 'slack',
    channelId: 'C0FUZZ',
    ...rest,
    ...(admins ? { admins } : {}),
    // One configured integration, so that `integrations page` has something to page.
    integrations: { directory: directoryOf({ specs: [PAGERDUTY] }), clients: new Map() },
    log,
    runAfterCommand: false,
    // Hundreds of commands at one instant: the posting limits (tested on their own) would refuse most.
    postingLimits: NO_POSTING_LIMITS,
  });
  const store = h.store;
  const outcomes: Exclude<Outcome, 'not run'>[] = [];
  const inner = store.transaction.bind(store);
  // Marks the async context of an outermost transaction, so that only outermost ones are counted.
  const outermost = new AsyncLocalStorage<true>();
  store.transaction = async <T>(fn: (tx: Store) => Promise<T>, options?: TransactionOptions): Promise<T> => {
    if (outermost.getStore()) return inner(fn, options);
    try {
      const result = await outermost.run(true, () => inner(fn, options));
      outcomes.push('committed');
      return result;
    } catch (err) {
      outcomes.push('rolled back');
      throw err;
    }
  };
  const { conversation, platform } = h;

  /** Runs one line as `who` (of organisation `orgId`); says how the command's transaction ended. */
  const say = async (who: string, text: string, orgId?: string): Promise<{ reply: Reply; outcome: Outcome }> => {
    const first = outcomes.length;
    const actor = { platform, userId: who, name: who.toLowerCase(), ...(orgId ? { orgId } : {}) };
    const reply = await h.bot.handle({ conversation, actor, text });
    return { reply, outcome: outcomes[first] ?? 'not run' };
  };
  /** Lines that must work, for arranging a test. */
  const must = async (who: string, text: string): Promise<Reply> => {
    const { reply, outcome } = await say(who, text);
    if (outcome !== 'committed') throw new Error(`arranging "${text}" failed: ${JSON.stringify(reply)}`);
    return reply;
  };
  /** Lines that must work, confirmed by their author when they ask for confirmation. */
  const mustConfirmed = async (who: string, text: string): Promise<Reply> => {
    const reply = await must(who, text);
    const code = /confirm ([A-Z2-9]{6})\b/.exec(JSON.stringify(reply))?.[1];
    return code ? must(who, `confirm ${code}`) : reply;
  };
  const internalErrors = () => log.records.filter((r) => r.level === 'error');
  return {
    db: h.db,
    sqlite: h.db.$client,
    store,
    clock: h.clock,
    log,
    bot: h.bot,
    registry: h.registry,
    conversation,
    say,
    must,
    mustConfirmed,
    internalErrors,
    dump: () => dumpTables(h.db.$client),
  };
}

export type ObservedCore = Awaited<ReturnType<typeof makeObservedCore>>;

export const MANAGER = 'UALICE';
export const MEMBER = 'UBOB';

/**
 * A channel with something in every table a command touches: set up by the manager, a holiday,
 * a second area with a contact, and ESC-1 (open), ESC-2 (acknowledged), ESC-3 (resolved).
 */
export async function makeBusyChannel(opts: Parameters<typeof makeObservedCore>[0] = {}): Promise<ObservedCore> {
  const core = await makeObservedCore(opts);
  await core.must(
    MANAGER,
    'setup org:Acme msp:Northwind tz:America/New_York internal:<group:SITTEAM|@it-team> msp-team:<group:SNOC|@noc>',
  );
  await core.must(MANAGER, 'holiday add 2026-12-25 Christmas Day');
  await core.must(
    MANAGER,
    'matrix set "badge readers" business:internal contact:<user:UCAROL|carol> aliases:"door access, key cards" ' +
      'note:"ask Carol"',
  );
  await core.must(MEMBER, 'escalate VPN down for the Boston office p1');
  await core.must(MEMBER, 'escalate badge reader offline at the side door area:"badge readers" ticket:48213');
  await core.must(MANAGER, 'ack ESC-2');
  await core.must(MEMBER, 'escalate backups failed overnight p2 ticket:https://psa.example.com/t/991');
  await core.must(MANAGER, 'resolve ESC-3 restarted the agent');
  return core;
}
