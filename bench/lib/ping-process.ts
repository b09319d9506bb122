/**
 * Case 4's acks during a burst: forked with IPC, it sends GET requests at a fixed rate to a port
 * in the parent (BENCH_PING_PORT) from { type: 'start' } until { type: 'finish' }, then answers
 * { type: 'latencies', ms } (each request's round trip). Its own process, so that its timing does
 * not wait on the event loop it measures.
 */
import { Agent, request } from 'node:http';

const port = Number(process.env.BENCH_PING_PORT);
const rate = Number(process.env.BENCH_PING_RATE ?? 100);
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const latencies: number[] = [];
let timer: NodeJS.Timeout | undefined;

function ping(): void {
  const sent = performance.now();
  const req = request({ host: '127.0.0.1', port, path: '/ack', method: 'GET', agent }, (res) => {
    res.resume();
    res.on('end', () => latencies.push(performance.now() - sent));
  });
  req.on('error', () => latencies.push(Number.POSITIVE_INFINITY));
  req.end();
}

process.on('message', (m: { type: string }) => {
  if (m.type === 'start') timer = setInterval(ping, 1000 / rate);
  if (m.type === 'finish') {
    clearInterval(timer);
    // The ones still in flight get a moment to land.
    setTimeout(() => process.send!({ type: 'latencies', ms: latencies }), 500);
  }
  if (m.type === 'stop') process.exit(0);
});
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready', port });
