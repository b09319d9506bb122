import { afterAll, beforeAll, expect } from 'vitest';
import { type Db, openDb } from '../../db/client.js';
import { type SlackFaceHarness, startSlackFace } from './hardening-faces.js';
import { dumpTables } from './table-dump.js';

const BOB = { id: 'UBOB', name: 'bob' };

export interface SlackEndpoint {
  /** The Slack face, once the suite's beforeAll has run. */
  readonly h: SlackFaceHarness;
  /**
   * Sends an escalation (`escalate refused request p1`) the way `send` does, which must be refused:
   * no command may run and no table may change. The answer's status and body.
   */
  refused(send: (body: string) => Promise<Response>): Promise<{ status: number; text: string }>;
}

/**
 * For a suite on what /slack/events refuses: a Slack face over an in-memory database with its
 * channel set up, started before the suite's tests and stopped after them.
 */
export function slackEndpoint(): SlackEndpoint {
  let h: SlackFaceHarness | undefined;
  let db: Db;
  beforeAll(async () => {
    db = openDb(':memory:');
    h = await startSlackFace({ db });
    await h.ask({ id: 'UALICE', name: 'alice' }, 'setup org:Acme msp:Northwind tz:America/New_York');
  });
  afterAll(async () => {
    await h?.close();
    db.$client.close();
  });
  const face = () => {
    if (!h) throw new Error('the Slack face starts in beforeAll');
    return h;
  };
  return {
    get h() {
      return face();
    },
    async refused(send) {
      const h = face();
      // Delivery ids of earlier lookups are recorded a moment after their answer: not during the comparison.
      await h.settled();
      const before = dumpTables(db.$client);
      const handled = h.handled.length;
      const { body } = h.slashPayload(BOB, 'escalate refused request p1');
      const res = await send(body);
      const text = await res.text();
      await new Promise((r) => setTimeout(r, 50));
      expect(h.handled.length).toBe(handled);
      expect(dumpTables(db.$client)).toEqual(before);
      return { status: res.status, text };
    },
  };
}
