/*
 * What people put around a command when they talk to a bot: a greeting, the bot's name, "can you
 * tell me". It is removed before the line is read, so that "hey Tandem, who owns backups?" is the
 * same line as "who owns backups?". Only whole leading words are removed, and none of them starts
 * a command.
 */

const GREETING = [
  'hey|hi|hiya|hello|helo|yo|ok|okay|so|sorry|morning|good\\s+(?:morning|afternoon|evening)',
  'quick\\s+(?:question|q)|qq|question|q|please|pls|plz|tandem|@tandem|team|all|folks|there|thanks|thx|um+|uh+',
].join('|');
const POLITE = [
  '(?:can|could|would|will)\\s+(?:you|u|someone|somebody|anyone|anybody)\\s+(?:please\\s+|pls\\s+)?',
  '(?:tell|remind|show)\\s+(?:me|us)',
  '|(?:do|does)\\s+(?:you|u|anyone|anybody|someone|somebody)\\s+know|any\\s?(?:one|body)\\s+know|any\\s+idea',
  '|i\\s+(?:need|want|would\\s+like)\\s+to\\s+know|i\\s+wonder|i\\s+was\\s+wondering|just\\s+checking|remind\\s+me',
].join('');
const SEPARATOR = '[\\s,:;!.\\-–—]*';

const LEADING = new RegExp(`^(?:(?:${GREETING}|${POLITE})(?![\\p{L}\\p{N}_'’])${SEPARATOR})+`, 'iu');

/** The line without its leading greeting, the bot's name and "can you tell me"; trimmed. */
export function stripChatter(line: string): string {
  return line.replace(LEADING, '').trim();
}
