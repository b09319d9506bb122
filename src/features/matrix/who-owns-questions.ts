/*
 * The ways people ask "who owns X?" without typing the command. The matcher drops the question's
 * own words ("who", "is", "responsible", "for", "the") before it looks for an area, so each form
 * only has to recognise that a line is this question; where the subject is easy to cut out, the
 * form cuts it (`subject`). Lines that start a command never get here.
 */

/** "who …", "…, who do I call?", "whose …", "which team …", "what side …": a question about a person or team. */
const ASKS_WHO = new RegExp(
  '(?:^|[\\s,;:.!?(—–-])(?:who|whom|whose|whos|whois' +
    '|(?:which|what)\\s+(?:team|side|group|org|one|of\\s+us|person|people|company))\\b',
  'i',
);

/** "… owner?", "is backups ours?", "owned by?", "responsible for …", "in charge of …", anywhere in the line. */
const NAMES_OWNERSHIP = /\b(?:owner|owners|ownership|owns|owned|own|responsible|responsibility|in\s+charge)\b/i;

/** "where do I report phishing?", "where should printer tickets go?" */
const ASKS_WHERE = /^where\s+(?:do|does|should|would|can|to)\b(?<subject>.*)$/i;

/** "is patching us or the MSP?", "does the MSP do backups?", "do we handle printers?" */
const ASKS_WHICH_SIDE =
  /^(?:is|are|does|do|did|will)\b.*\b(?:msp|internal|in-house|inhouse|us|we|ours|theirs|them|they|vendor|provider)\b/i;

export const WHO_OWNS_QUESTIONS: readonly RegExp[] = [ASKS_WHO, NAMES_OWNERSHIP, ASKS_WHERE, ASKS_WHICH_SIDE];
