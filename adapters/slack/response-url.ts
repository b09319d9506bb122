import { type ClientRequest, Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** A post to a response_url gives up after this; the person can ask again. */
const TIMEOUT_MS = 10_000;

/** Connections kept open between answers: every slash command and click is answered through one. */
const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/**
 * Posts one message to a slash command's or a click's response_url, as Bolt's `respond` does, with
 * node's HTTP client on kept-alive connections: Bolt's goes through `fetch`, whose machinery cost more
 * than the rest of a `who owns` answer. Rejects when the post fails or Slack answers other than 2xx
 * (an expired response_url, a rate limit), so that the listener logs it.
 */
export async function postToResponseUrl(url: string, message: object): Promise<void> {
  const body = JSON.stringify(message);
  try {
    await post(url, body);
  } catch (err) {
    // A kept-alive connection the other side closed as it was reused: Node's advice is to try once more, afresh.
    if (!(err instanceof ReusedConnectionReset)) throw err;
    await post(url, body);
  }
}

class ReusedConnectionReset extends Error {}

function post(url: string, body: string): Promise<void> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  if (!secure && target.protocol !== 'http:') return Promise.reject(new Error(`not an HTTP response_url: ${url}`));
  return new Promise((resolve, reject) => {
    const options = {
      method: 'POST',
      agent: secure ? agents.https : agents.http,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      timeout: TIMEOUT_MS,
    };
    const answered = (res: IncomingMessage) => {
      res.once('error', reject);
      res.resume();
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) res.once('end', () => resolve());
      else reject(new Error(`the response_url answered ${status} ${res.statusMessage ?? ''}`.trim()));
    };
    const req: ClientRequest = secure
      ? httpsRequest(target, options, answered)
      : httpRequest(target, options, answered);
    req.once('timeout', () => req.destroy(new Error(`the response_url did not answer within ${TIMEOUT_MS} ms`)));
    req.once('error', (err: NodeJS.ErrnoException) =>
      reject(req.reusedSocket && err.code === 'ECONNRESET' ? new ReusedConnectionReset(err.message) : err),
    );
    req.end(body);
  });
}
