/**
 * The floor for case 1: a Bolt App with its default HTTP receiver whose only listener acks every
 * slash command. Offline: no auth.test (tokenVerificationEnabled: false), no outgoing calls.
 * Forked with IPC; sends { port } when listening.
 */
import { App, LogLevel } from '@slack/bolt';

const app = new App({
  signingSecret: process.env.BENCH_SIGNING_SECRET!,
  token: 'xoxb-bench-bare',
  tokenVerificationEnabled: false,
  botId: 'BBARE',
  botUserId: 'UBARE',
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: 'http://127.0.0.1:9/api/' },
});
app.command(/^\/.+/, async ({ ack }) => {
  await ack();
});
const server = (await app.start({ port: 0, host: '127.0.0.1' })) as import('node:http').Server;
const address = server.address();
process.on('message', (m: { type: string }) => {
  if (m.type === 'stop') void app.stop().then(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 });
