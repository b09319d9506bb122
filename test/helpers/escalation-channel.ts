import { type HarnessOptions, makeHarness } from '../harness.js';

/** The escalation tests' channel: both team handles, the MSP's as @northwind-noc. */
export const ESCALATION_SETUP =
  'setup org:Acme msp:Northwind tz:America/New_York internal:@it-team msp-team:@northwind-noc';

/** A harness whose channel alice has set up, with team handles and @pat as the network contact. */
export async function makeEscalationChannel(options: HarnessOptions = {}) {
  const h = await makeHarness({ setup: ESCALATION_SETUP, ...options });
  await h.say('alice', 'matrix set "complex network issues" contact:@pat');
  return h;
}
