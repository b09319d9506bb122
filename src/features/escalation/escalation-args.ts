import { mentionsToPlain } from '../../domain/mention-codec.js';
import { argInput, fail } from '../../kernel/args.js';

export const MAX_SUMMARY = 300;
export const MAX_ESCALATION_NOTE = 1000;

/** `ESC-4`, `esc-4`, `ESC4`, `#4` or `4` → 4; null when it is not an escalation id. */
export function parseEscalationRef(word: string): number | null {
  const m = /^(?:esc-?|#)?(\d{1,9})$/i.exec(word.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return n > 0 ? n : null;
}

export interface RefArgs {
  seq: number;
  /** The text after the id, mentions as `@Label`; '' when none. */
  text: string;
}

/**
 * `<ESC-n> [text]`: an escalation id, then free text. `text` says what the text is for: required
 * text fails here with the right form; optional text is checked only for length.
 */
export function escalationRefArgs(verb: string, text: { what: string; required: boolean } | null) {
  return argInput.transform((input, ctx): RefArgs => {
    const first = input.words[0];
    const example = `\`${verb} ESC-4${text ? ` <${text.what}>` : ''}\``;
    if (!first) return fail(ctx, `Say which escalation, e.g. ${example}. Type \`escalations\` to see the open ones.`);
    const seq = first.quoted ? null : parseEscalationRef(first.text);
    if (seq === null)
      return fail(ctx, `“${first.text.slice(0, 40)}” is not an escalation id. Ids look like ESC-4; e.g. ${example}.`);
    const after = mentionsToPlain(input.rest.slice(first.end - first.start)).trim();
    if (!text) {
      if (after) return fail(ctx, `\`${verb}\` takes only the escalation id (got “${after.slice(0, 40)}” after it).`);
      return { seq, text: '' };
    }
    if (!after && text.required) return fail(ctx, `Add the ${text.what} after the id: ${example}.`);
    if (after.length > MAX_ESCALATION_NOTE) {
      return fail(
        ctx,
        `That ${text.what} is ${after.length} characters; it can be at most ${MAX_ESCALATION_NOTE}. Shorten it.`,
      );
    }
    return { seq, text: after };
  });
}
