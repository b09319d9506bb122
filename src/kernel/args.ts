import * as z from 'zod';
import { mentionsToPlain } from '../domain/mention-codec.js';
import { type Mention, OWNERS, type Owner } from '../domain/model.js';
import { readTimeZone } from '../domain/time-zones.js';
import type { ArgInput } from './command.js';

/** The raw shape the parser hands to every argument schema. */
export const argInput = z.custom<ArgInput>();

type Ctx = z.core.$RefinementCtx<ArgInput>;

/** Adds a usage issue and returns zod's NEVER, so transforms read `return fail(ctx, '…')`. */
export function fail(ctx: Ctx | z.core.$RefinementCtx<unknown>, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

/** A command that takes nothing after its words. */
export function noArgs(commandWords: string) {
  return argInput.transform((input, ctx): Record<string, never> => {
    if (input.words.length > 0)
      return fail(ctx, `\`${commandWords}\` takes nothing after it (got “${input.rest.slice(0, 40)}”).`);
    return {};
  });
}

/** Free text after the command's words, mentions shown as `@Label`; required unless `optional`. */
export function freeText(what: string, options: { optional?: boolean; max?: number } = {}) {
  return argInput.transform((input, ctx): { text: string } => {
    const text = mentionsToPlain(input.rest).trim();
    if (!text && !options.optional) return fail(ctx, `Say ${what}.`);
    if (options.max !== undefined && text.length > options.max) {
      return fail(ctx, `That is ${text.length} characters; ${what} can be at most ${options.max}. Shorten it.`);
    }
    return { text };
  });
}

export function parseOwner(value: string): Owner | null {
  const v = value.toLowerCase().trim();
  return (OWNERS as readonly string[]).includes(v) ? (v as Owner) : null;
}

/**
 * The IANA zone in `value`, canonically spelled; or a usage problem: an abbreviation is refused with
 * the zones it may mean, a misspelling with the nearest names. `example` shows the right form for a
 * zone, e.g. (z) => `tz:${z}`.
 */
export function timeZoneArg(ctx: z.core.$RefinementCtx<unknown>, value: string, example: (zone: string) => string) {
  const typed = value.trim();
  const reading = readTimeZone(typed);
  if (reading.kind === 'zone') return reading.zone;
  const shown = typed.slice(0, 40);
  const [first] = reading.candidates;
  const offer = first
    ? ` Did you mean ${reading.candidates.join(', ')}? e.g. \`${example(first)}\`.`
    : ` ${TIMEZONE_HINT}`;
  if (reading.kind === 'abbreviation')
    return fail(
      ctx,
      `“${shown}” is an abbreviation or an offset, not a timezone: Tandem needs the place, so that daylight ` +
        `saving is right all year.${offer}`,
    );
  return fail(ctx, `“${shown}” is not a timezone I know.${offer}`);
}

/** A single mention in an option value or word; `@name` or a face's mention. */
export function parseMention(text: string): Mention | null {
  const m = /^<(user|group):([^|>\s]+)\|([^>]*)>$/.exec(text.trim());
  if (m) return { kind: m[1] as 'user' | 'group', id: m[2]!, label: m[3] || m[2]! };
  const bare = /^@([\p{L}\p{N}][\p{L}\p{N}._-]*)$/u.exec(text.trim());
  if (bare) return { kind: 'user', id: bare[1]!, label: bare[1]! };
  return null;
}

export const TIMEZONE_HINT = 'Use an IANA zone name such as America/New_York, Europe/London or Asia/Kolkata.';
