import { encodeMentionVerbatim } from './mention-codec.js';
import type { MatrixAreaInput } from './model.js';
import { areaKey } from './normalize.js';

/** One field of an area that differs between two versions of the matrix. */
export interface FieldChange {
  field: 'name' | 'business' | 'after hours' | 'contact' | 'aliases' | 'note';
  from: string;
  to: string;
}

/** What replacing the matrix `before` with `after` does: areas added, changed (with each field) and removed. */
export interface MatrixDiff {
  added: MatrixAreaInput[];
  changed: { name: string; changes: FieldChange[] }[];
  removed: MatrixAreaInput[];
  /** Only the order of the areas differs. */
  reordered: boolean;
}

/** Areas are the same area when their names have the same key (case, accents and spacing aside). */
export function matrixDiff(before: readonly MatrixAreaInput[], after: readonly MatrixAreaInput[]): MatrixDiff {
  const old = new Map(before.map((a) => [areaKey(a.name), a]));
  const now = new Map(after.map((a) => [areaKey(a.name), a]));
  const added = after.filter((a) => !old.has(areaKey(a.name)));
  const removed = before.filter((a) => !now.has(areaKey(a.name)));
  const changed: MatrixDiff['changed'] = [];
  for (const a of after) {
    const b = old.get(areaKey(a.name));
    if (!b) continue;
    const changes = fieldChanges(b, a);
    if (changes.length) changed.push({ name: a.name, changes });
  }
  const order = (list: readonly MatrixAreaInput[], keep: Map<string, unknown>) =>
    list.map((a) => areaKey(a.name)).filter((k) => keep.has(k));
  const reordered = order(before, now).join('\n') !== order(after, old).join('\n');
  return { added, changed, removed, reordered };
}

export function isEmptyDiff(d: MatrixDiff): boolean {
  return !d.added.length && !d.changed.length && !d.removed.length && !d.reordered;
}

type Read = (x: MatrixAreaInput) => string;

/** Each field: what identifies its value, and what is shown (contacts are compared by id and label). */
const FIELDS: readonly [FieldChange['field'], Read, Read][] = [
  ['name', (x) => x.name, (x) => x.name],
  ['business', (x) => x.businessOwner, (x) => x.businessOwner],
  ['after hours', (x) => x.afterHoursOwner, (x) => x.afterHoursOwner],
  ['contact', (x) => (x.contact ? encodeMentionVerbatim(x.contact) : ''), (x) => contactLabel(x)],
  ['aliases', (x) => x.aliases.join(', '), (x) => x.aliases.join(', ')],
  ['note', (x) => x.note, (x) => x.note],
];

function fieldChanges(b: MatrixAreaInput, a: MatrixAreaInput): FieldChange[] {
  return FIELDS.filter(([, key]) => key(b) !== key(a)).map(([field, , show]) => ({
    field,
    from: show(b),
    to: show(a),
  }));
}

function contactLabel(a: MatrixAreaInput): string {
  return a.contact ? `@${a.contact.label.replace(/^@/, '')}` : '';
}
