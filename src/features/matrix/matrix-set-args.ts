import type * as z from 'zod';
import { MAX_ALIAS, MAX_ALIASES, MAX_AREA_NAME, MAX_AREA_NOTE } from '../../domain/matrix-limits.js';
import type { Mention, Owner } from '../../domain/model.js';
import { areaKey } from '../../domain/normalize.js';
import { argInput, fail, parseMention, parseOwner } from '../../kernel/args.js';

/** How `matrix set` changes an area's aliases: replace them all, or add and remove some. */
export type AliasChange = { replace: string[] } | { add: string[]; remove: string[] };

export interface SetArgs {
  name: string;
  businessOwner?: Owner;
  afterHoursOwner?: Owner;
  /** null clears the contact. */
  contact?: Mention | null;
  aliases?: AliasChange;
  note?: string;
  /** `new:yes`: add the area even though its name is close to an existing one. */
  isNew: boolean;
}

export const MATRIX_SET_OPTIONS = [
  'business',
  'after-hours',
  'contact',
  'aliases',
  'aliases+',
  'aliases-',
  'note',
  'new',
];

type Ctx = z.core.$RefinementCtx<unknown>;

/** `a, b, c` → distinct aliases, each within the limits; a problem is reported on `ctx`. */
function aliasList(ctx: Ctx, key: string, value: string): string[] | null {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const a of value.split(',').map((x) => x.trim())) {
    if (!a || seen.has(areaKey(a))) continue;
    seen.add(areaKey(a));
    out.push(a);
  }
  if (out.length > MAX_ALIASES) return fail(ctx, `An area can have at most ${MAX_ALIASES} aliases.`);
  const long = out.find((a) => a.length > MAX_ALIAS);
  if (long) return fail(ctx, `The alias “${long.slice(0, 30)}…” is longer than ${MAX_ALIAS} characters.`);
  if (out.length === 0 && key !== 'aliases')
    return fail(ctx, `\`${key}:\` needs the aliases, e.g. ${key}:"zebra, labels".`);
  return out;
}

/** The arguments of `matrix set`, checked: owners, a contact, alias changes, a note. */
export const matrixSetArgs = argInput.transform((input, ctx): SetArgs => {
  const name = input.words
    .map((w) => w.text)
    .join(' ')
    .trim();
  if (!name) return fail(ctx, 'Name the area to set.');
  if (!areaKey(name)) return fail(ctx, 'An area name needs at least one letter or digit.');
  if (name.length > MAX_AREA_NAME) return fail(ctx, `An area name can be at most ${MAX_AREA_NAME} characters.`);
  const o = input.options;
  const out: SetArgs = { name, isNew: false };
  for (const [key, prop] of [
    ['business', 'businessOwner'],
    ['after-hours', 'afterHoursOwner'],
  ] as const) {
    if (o[key] === undefined) continue;
    const owner = parseOwner(o[key]!);
    if (!owner) return fail(ctx, `\`${key}:\` must be internal, msp or shared (got “${o[key]}”).`);
    out[prop] = owner;
  }
  if (o.contact !== undefined) {
    if (['none', '-', ''].includes(o.contact.trim().toLowerCase())) out.contact = null;
    else {
      const m = parseMention(o.contact);
      if (!m) return fail(ctx, '`contact:` takes a mention, like contact:@northwind-noc, or contact:none to clear it.');
      out.contact = m;
    }
  }
  if (o.aliases !== undefined && (o['aliases+'] !== undefined || o['aliases-'] !== undefined)) {
    return fail(
      ctx,
      '`aliases:` replaces every alias; `aliases+:` adds some and `aliases-:` removes some. Give one or the other.',
    );
  }
  if (o.aliases !== undefined) out.aliases = { replace: aliasList(ctx, 'aliases', o.aliases) ?? [] };
  else if (o['aliases+'] !== undefined || o['aliases-'] !== undefined) {
    const add = o['aliases+'] === undefined ? [] : aliasList(ctx, 'aliases+', o['aliases+']);
    const remove = o['aliases-'] === undefined ? [] : aliasList(ctx, 'aliases-', o['aliases-']);
    out.aliases = { add: add ?? [], remove: remove ?? [] };
  }
  if (o.note !== undefined) {
    if (o.note.length > MAX_AREA_NOTE) return fail(ctx, `A note can be at most ${MAX_AREA_NOTE} characters.`);
    out.note = o.note.trim();
  }
  if (o.new !== undefined) {
    if (!['yes', 'y', 'true'].includes(o.new.trim().toLowerCase()))
      return fail(ctx, '`new:yes` adds an area whose name is close to an existing one; it takes only yes.');
    out.isNew = true;
  }
  return out;
});
