import type { Priority } from '../../domain/model.js';

/** What a word of an escalation says about its priority: one of P1–P4, one read as such (said so), or a mistake. */
export type PriorityReading =
  | { kind: 'priority'; priority: Priority; mapped?: string }
  | { kind: 'refused'; message: string }
  | null;

const RANGE = `Tandem's priorities run from P1 (the most urgent) to P4`;
const QUOTE = 'To keep the word in the summary, put it in quotes.';

/**
 * `p1`…`p4` (any case) are priorities; `p0`, `sev0`–`sev4` (and `sev-1`, `severity1`) are read as the
 * nearest one and the reply says so; `p5`, `sev5`, `urgent`, `asap` look like priorities Tandem does
 * not have and are refused with the right form. Anything else is not about priority (null).
 */
export function readPriorityWord(word: string): PriorityReading {
  const w = word.trim().toLowerCase();
  const p = /^p([0-9]+)$/.exec(w);
  if (p) {
    const n = Number(p[1]);
    if (n >= 1 && n <= 4) return { kind: 'priority', priority: `P${n}` as Priority };
    if (n === 0) return { kind: 'priority', priority: 'P1', mapped: `P0 read as P1: ${RANGE}.` };
    return refuse(`“${word}” is not a priority: ${RANGE}.`);
  }
  const sev = /^sev(?:erity)?[-_]?([0-9]+)$/.exec(w);
  if (sev) {
    const n = Number(sev[1]);
    if (n > 4) return refuse(`“${word}” is not a severity Tandem knows: ${RANGE} (SEV1 is read as P1).`);
    const priority = `P${Math.max(1, n)}` as Priority;
    return { kind: 'priority', priority, mapped: `${word.toUpperCase()} read as ${priority}: ${RANGE}.` };
  }
  if (/^(?:urgent|urgently|asap|emergency)!*$/.test(w))
    return refuse(`“${word}” reads like a priority: say how urgent with p1 (the most urgent) to p4.`);
  return null;
}

/** `high priority`, `low prio`: a priority in words, refused with the right form. */
export function readPriorityPhrase(adjective: string, noun: string): PriorityReading {
  if (!/^(?:prio|priority)$/i.test(noun)) return null;
  if (!/^(?:high|highest|low|lowest|medium|normal|top|critical|urgent)$/i.test(adjective)) return null;
  return refuse(`“${adjective} ${noun}” reads like a priority: say it with p1 (the most urgent) to p4.`);
}

function refuse(message: string): PriorityReading {
  return { kind: 'refused', message: `${message} ${QUOTE}` };
}
