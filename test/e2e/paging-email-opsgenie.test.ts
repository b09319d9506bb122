import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeReceiver } from '../helpers/fake-receiver.js';
import { type IntegrationHarness, integrationHarness } from '../helpers/integrations.js';

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server (smtp-server) on 127.0.0.1 that keeps what it receives. */
async function startSmtp(): Promise<{ server: SMTPServer; port: number; mails: Mail[] }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port, mails };
}

describe('e-mail over SMTP, Opsgenie and an outgoing signed webhook, against receivers on 127.0.0.1', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let og: FakeReceiver;
  let hook: FakeReceiver;
  let t: IntegrationHarness;

  beforeEach(async () => {
    smtp = await startSmtp();
    og = await new FakeReceiver().start();
    hook = await new FakeReceiver().start();
    t = await integrationHarness([
      {
        name: 'mail-noc',
        kind: 'email',
        smtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: null, password: null },
        from: 'tandem@acme.example',
        to: ['noc@northwind.example'],
      },
      { name: 'opsgenie-noc', kind: 'opsgenie', url: og.url(), apiKey: 'og-key-secret' },
      { name: 'psa', kind: 'webhook', url: hook.url('/in'), secret: 'psa-secret', channels: [] },
    ]);
    await t.h.say('alice', 'ticket url https://psa.example.com/tickets/{id}');
    for (const name of ['mail-noc', 'opsgenie-noc', 'psa'])
      await t.h.say('alice', `integrations page ${name} p1 after:5`);
  });
  afterEach(async () => {
    await t.close();
    await og.stop();
    await hook.stop();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });

  it('an e-mail arrives with the card’s facts and the ticket link', async () => {
    await t.h.say('bob', 'escalate VPN down for the Boston office p1 ticket:48211');
    await t.h.advance(5);
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.to).toEqual(['noc@northwind.example']);
    expect(mail.from).toBe('tandem@acme.example');
    const flat = mail.raw.replace(/=\r?\n/g, '');
    expect(flat).toContain('Subject: [P1] ESC-1: VPN down for the Boston office');
    expect(flat).toContain('Ticket: 48211');
    expect(flat).toContain('From: bob');
    expect(flat).toContain('https://psa.example.com/tickets/48211');
    expect(flat).toContain('Content-Type: text/html');
    // Acknowledging is not mailed: the channel shows it.
    await t.h.say('carol', 'ack ESC-1');
    expect(smtp.mails).toHaveLength(1);
  });

  it('Opsgenie: create, acknowledge and close by the same alias, with the API key in its header', async () => {
    await t.h.say('bob', 'escalate VPN down p1');
    await t.h.advance(5);
    await t.h.say('carol', 'ack ESC-1');
    await t.h.say('carol', 'resolve ESC-1 fixed');
    expect(og.received.map((r) => r.path)).toEqual([
      '/v2/alerts',
      expect.stringMatching(/^\/v2\/alerts\/tandem-\d+-ESC-1\/acknowledge\?identifierType=alias$/),
      expect.stringMatching(/^\/v2\/alerts\/tandem-\d+-ESC-1\/close\?identifierType=alias$/),
    ]);
    expect(og.received[0]!.headers.authorization).toBe('GenieKey og-key-secret');
    expect(og.bodies()[0]).toMatchObject({ alias: expect.stringMatching(/ESC-1$/), priority: 'P1', source: 'Tandem' });
    expect(og.bodies()[2]).toMatchObject({ user: 'carol', note: 'fixed' });
  });

  it('the webhook receives each event as JSON, signed over timestamp and body', async () => {
    await t.h.say('bob', 'escalate VPN down p1');
    await t.h.advance(5);
    await t.h.say('carol', 'resolve ESC-1');
    expect(hook.bodies().map((b) => b.type)).toEqual(['escalation.triggered', 'escalation.resolved']);
    for (const r of hook.received) {
      const ts = r.headers['x-tandem-timestamp'] as string;
      const expected = `v1=${createHmac('sha256', 'psa-secret').update(`${ts}.${r.body}`).digest('hex')}`;
      expect(r.headers['x-tandem-signature']).toBe(expected);
    }
    expect(hook.bodies()[0]).toMatchObject({ escalation: { id: 'ESC-1', priority: 'P1', summary: 'VPN down' } });
  });

  it('a receiver that refuses for good (400) fails the event at once, and status says why', async () => {
    og.answer({ status: 400, body: { message: 'Key format is not valid!' } });
    await t.h.say('bob', 'escalate VPN down p1');
    await t.h.advance(5);
    await t.h.advance(10);
    expect(og.received).toHaveLength(1);
    const status = await t.h.sayText('alice', 'status');
    expect(status).toContain('Failed paging events');
    expect(status).toContain('trigger ESC-1 to opsgenie-noc');
    expect(status).toContain('Opsgenie (opsgenie-noc) answered 400');
    expect(status).not.toContain('og-key-secret');
  });
});
