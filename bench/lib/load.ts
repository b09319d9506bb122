import { type Agent, request } from 'node:http';

/** One request to send: a signed body and its headers. */
export interface Prepared {
  body: string;
  headers: Record<string, string>;
  /** Lets the caller match the request with what it caused (a response_url id). */
  id: string;
}

export interface Sample {
  id: string;
  status: number;
  /** From the request being written to the last byte of the answer. */
  ms: number;
  /** When it was sent, epoch ms at sub-millisecond resolution (comparable across processes). */
  sentAt: number;
  /** The answer's body when it carried one (a slash command's reply riding on its ack), else ''. */
  body: string;
}

export interface LoadResult {
  samples: Sample[];
  /** Requests that went out later than their slot because `concurrency` were already in flight. */
  delayed: number;
  wallMs: number;
}

const epochNow = () => performance.timeOrigin + performance.now();

/**
 * Open-loop load at a fixed rate: request i is sent at start + i / rate, over keep-alive
 * connections, with at most `concurrency` in flight (a request finding them all busy waits for one
 * and is counted as delayed). Latency is measured per request from when it is written.
 */
export async function fixedRateLoad(opts: {
  port: number;
  path: string;
  requests: Prepared[];
  rate: number;
  concurrency: number;
  agent: Agent;
}): Promise<LoadResult> {
  const { port, path, requests, rate, concurrency, agent } = opts;
  const samples: Sample[] = [];
  const waiters: (() => void)[] = [];
  let inFlight = 0;
  let delayed = 0;
  const interval = 1000 / rate;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < requests.length; i++) {
    const wait = start + i * interval - performance.now();
    if (wait > 0.5) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= concurrency) {
      delayed++;
      await new Promise<void>((r) => waiters.push(r));
    }
    inFlight++;
    const req = requests[i]!;
    pending.push(
      send(port, path, req, agent).then((s) => {
        samples.push(s);
        inFlight--;
        waiters.shift()?.();
      }),
    );
  }
  await Promise.all(pending);
  return { samples, delayed, wallMs: performance.now() - start };
}

function send(port: number, path: string, r: Prepared, agent: Agent): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const sentAt = epochNow();
    const t = performance.now();
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { ...r.headers, 'content-length': Buffer.byteLength(r.body) },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          resolve({ id: r.id, status: res.statusCode ?? 0, ms: performance.now() - t, sentAt, body }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(r.body);
  });
}

/** Whether the HTTP answer itself carried the reply (a slash command's message riding on its ack). */
export const answeredInAck = (s: Sample): boolean => s.status === 200 && s.body.includes('"response_type"');
