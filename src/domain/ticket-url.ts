/** A PSA ticket link template: an http(s) address with `{id}` where the ticket number goes. */
export const MAX_TICKET_TEMPLATE = 300;

/** Why the template cannot be used, or null when it can. */
export function ticketTemplateProblem(template: string): string | null {
  if (template.length > MAX_TICKET_TEMPLATE) return `it is longer than ${MAX_TICKET_TEMPLATE} characters`;
  if (!/^https?:\/\//i.test(template)) return 'it must start with https:// (or http://)';
  const parts = template.split('{id}');
  if (parts.length !== 2) return 'it must hold `{id}` exactly once, where the ticket number goes';
  if (!isPlainWebAddress(template.replace('{id}', '1')))
    return 'it is not a plain web address (no user@ before the host)';
  return null;
}

/**
 * The web address of a ticket: the ticket itself when it is one, else the channel's template with
 * the reference put in (`#48211` → `48211`, escaped); null when neither gives one.
 */
export function ticketLink(ticket: string, template: string | null): string | null {
  if (/^https?:\/\//i.test(ticket)) return isPlainWebAddress(ticket) ? ticket : null;
  if (!template) return null;
  return template.replace('{id}', encodeURIComponent(ticket.replace(/^#/, '')));
}

/**
 * An http(s) address without a user name or password. An address with one
 * (`https://psa.example.com@evil.example/`) is not a link: what it shows first is not where it goes.
 */
export function isPlainWebAddress(value: string): boolean {
  if (!/^https?:\/\//i.test(value) || !URL.canParse(value)) return false;
  const url = new URL(value);
  return url.username === '' && url.password === '' && !/^https?:\/\/[^/?#]*@/i.test(value);
}
