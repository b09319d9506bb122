/**
 * The fake Slack Web API (test/helpers/slack-fake.ts) in a process of its own, so that answering
 * Tandem's auth.test and response_url posts costs the load generator nothing. Forked with IPC:
 * sends { port } when listening; answers { type: 'stats' } with how many response_url posts it got
 * and when each arrived (epoch ms, high resolution, comparable across processes).
 */
import { FakeSlack } from '../../test/helpers/slack-fake.js';

const fake = await FakeSlack.start();
const arrivals = new Map<string, number>();
const responses = fake.responses;
// Record when each reply arrives, without keeping every body (thousands over a run).
responses.push = (...items) => {
  const now = performance.timeOrigin + performance.now();
  for (const r of items) if (!arrivals.has(r.id)) arrivals.set(r.id, now);
  return responses.length;
};

process.on('message', (m: { type: string; ids?: string[] }) => {
  if (m.type === 'stats') {
    const ids = m.ids ?? [];
    process.send!({ type: 'stats', received: arrivals.size, arrivals: ids.map((id) => arrivals.get(id) ?? null) });
  } else if (m.type === 'reset') {
    arrivals.clear();
    process.send!({ type: 'reset' });
  } else if (m.type === 'stop') {
    void fake.close().then(() => process.exit(0));
  }
});
process.on('disconnect', () => void fake.close().then(() => process.exit(0)));
process.send!({ type: 'ready', port: Number(new URL(fake.url).port) });
