import { type Harness, type HarnessOptions, makeHarness } from '../harness.js';

/** The escalation tests' channel: both team handles, the MSP's as @northwind-noc. */
export const ESCALATION_SETUP =
  'setup org:Acme msp:Northwind tz:America/New_York internal:@it-team msp-team:@northwind-noc';

/** A harness whose channel alice has set up, with team handles and @pat as the network contact. */
export async function makeEscalationChannel(options: HarnessOptions = {}) {
  const h = await makeHarness({ setup: ESCALATION_SETUP, ...options });
  await h.say('alice', 'matrix set "complex network issues" contact:@pat');
  return h;
}

/** Everything an escalation command could change, to prove a refusal changed nothing. */
export function escalationSnapshot(x: Harness) {
  const q = (sql: string) => x.db.$client.prepare(sql).all();
  return JSON.stringify([
    q('select * from escalations order by id'),
    q('select * from escalation_events order by id'),
    q('select id, kind, occurrence_key, state, due_at from jobs order by id'),
    q('select id, op, message_key, state from outbox order by id'),
    q('select escalation_seq from channels'),
  ]);
}
