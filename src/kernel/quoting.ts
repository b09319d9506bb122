/** How much of what someone typed an error quotes back (between “ and ”): one long word must not flood the reply. */
export const MAX_QUOTED = 60;

/** Cuts every “quoted” part of an error message to MAX_QUOTED characters, never inside a surrogate pair. */
export function shortenQuoted(message: string): string {
  return message.replace(/“([^”]*)”/g, (whole, inner: string) => {
    if (inner.length <= MAX_QUOTED) return whole;
    let end = MAX_QUOTED - 1;
    const c = inner.charCodeAt(end - 1);
    if (c >= 0xd800 && c <= 0xdbff) end--;
    return `“${inner.slice(0, end)}…”`;
  });
}
