import type { Transporter } from 'nodemailer';
import { type IntegrationMessage, kindSends } from '../../src/domain/integrations.js';
import { PermanentDeliveryError } from '../../src/kernel/errors.js';
import type { IntegrationClient } from '../../src/kernel/ports/integrations.js';

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The card's facts as label and value. */
function facts(m: IntegrationMessage): [string, string][] {
  const e = m.escalation;
  return [
    ['Escalation', `${e.id} (${e.priority})`],
    ['Summary', e.summary],
    ['Area', e.area ?? 'none'],
    ['From', e.from],
    ['To', e.to],
    ['Ticket', e.ticket ?? 'none'],
    ['Opened', e.openedAt],
    ...(m.step === null ? [] : ([['Paged after', `${m.step} min without acknowledgement`]] as [string, string][])),
  ];
}

/** The e-mail for a trigger: subject, plain text and HTML with the card's facts and the links back. */
export function escalationEmail(m: IntegrationMessage): { subject: string; text: string; html: string } {
  const e = m.escalation;
  const subject = `[${e.priority}] ${e.id}: ${e.summary}`.slice(0, 200);
  const text = [
    `${e.id} is waiting for ${e.to} (${m.channel.org} / ${m.channel.msp}).`,
    '',
    ...facts(m).map(([k, v]) => `${k}: ${v}`),
    '',
    ...m.links.map((l) => `${l.text}: ${l.href}`),
    '',
    'Acknowledge it in the channel to stop the escalation ladder.',
  ].join('\n');
  const rows = facts(m)
    .map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('');
  const links = m.links.map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.text)}</a></li>`).join('');
  const html =
    `<p><b>${escapeHtml(e.id)}</b> is waiting for ${escapeHtml(e.to)}.</p><table>${rows}</table>` +
    (links ? `<ul>${links}</ul>` : '') +
    '<p>Acknowledge it in the channel to stop the escalation ladder.</p>';
  return { subject, text, html };
}

/**
 * E-mail over SMTP (nodemailer): one message per page, to the configured addresses. Acknowledgements
 * and resolutions are not mailed: the channel shows them. An SMTP 5xx is permanent; 4xx and
 * connection failures are retried.
 */
export function emailClient(name: string, smtp: SmtpSettings, from: string, to: string[]): IntegrationClient {
  // nodemailer loads with the first e-mail, not with every Tandem that has no e-mail integration.
  let transport: Promise<Transporter> | undefined;
  const transportOf = () =>
    (transport ??= import('nodemailer').then(({ createTransport }) =>
      createTransport({
        host: smtp.host,
        port: smtp.port,
        secure: smtp.secure,
        ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 15_000,
      }),
    ));
  return {
    name,
    async send(m) {
      if (!kindSends('email', m.event)) return;
      try {
        await (await transportOf()).sendMail({ from, to, ...escalationEmail(m) });
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        const why = `e-mail ${name} via ${smtp.host}:${smtp.port} failed: ${(err as Error).message.slice(0, 200)}`;
        if (code !== undefined && code >= 500) throw new PermanentDeliveryError(why);
        throw new Error(why);
      }
    },
  };
}
