import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/features/index.js';
import { whoOwns } from '../../src/features/matrix/who-owns.js';
import { UserError } from '../../src/kernel/errors.js';
import { CommandRegistry } from '../../src/kernel/registry.js';
import { tokenize } from '../../src/kernel/tokenize.js';

const registry = createRegistry();

function usageError(line: string): string {
  try {
    registry.parse(line);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return (err as Error).message;
  }
  throw new Error(`expected "${line}" to be refused`);
}

describe('tokenize', () => {
  it('keeps quoted values together and strips the quotes', () => {
    const t = tokenize('matrix set "label printers" aliases:"zebra, labels" note:“ok then”');
    expect(t.map((x) => x.text)).toEqual([
      'matrix',
      'set',
      'label printers',
      'aliases:"zebra, labels"',
      'note:“ok then”',
    ]);
    expect(t[3]!.option).toEqual({ key: 'aliases', value: 'zebra, labels' });
    expect(t[4]!.option).toEqual({ key: 'note', value: 'ok then' });
  });

  it('reads neutral mentions and bare @handles', () => {
    const t = tokenize('managers add <user:U123|dana> @bob');
    expect(t[2]!.mention).toEqual({ kind: 'user', id: 'U123', label: 'dana' });
    expect(t[3]!.mention).toEqual({ kind: 'user', id: 'bob', label: 'bob' });
  });

  it('refuses a quote that opens a value and never closes, with a hint', () => {
    expect(() => tokenize('matrix set "printers')).toThrow(/unclosed quote/);
    expect(() => tokenize('matrix set printers note:"half')).toThrow(/unclosed quote/);
  });

  it('takes a quote inside a word literally, as in 27" screens', () => {
    expect(tokenize('escalate 27" screens flicker').map((t) => t.text)).toEqual([
      'escalate',
      '27"',
      'screens',
      'flicker',
    ]);
    expect(registry.parse('who owns 24" monitors').args).toEqual({ text: '24" monitors' });
  });
});

describe('registry.parse', () => {
  it('selects the longest command and validates its arguments', () => {
    const p = registry.parse('matrix set patching business:msp contact:@noc');
    expect(p.spec.id).toBe('matrix.set');
    expect(p.args).toMatchObject({
      name: 'patching',
      businessOwner: 'msp',
      contact: { kind: 'user', id: 'noc', label: 'noc' },
    });
  });

  it('understands /tandem, the shortcuts and any case', () => {
    expect(registry.parse('/tandem who owns backups').args).toEqual({ text: 'backups' });
    expect(registry.parse('/whoowns the VPN?').args).toEqual({ text: 'the VPN?' });
    expect(registry.parse('Who Owns patching').spec.id).toBe('who-owns');
    expect(registry.stripSlash('/escalate disk full p1')).toBe('escalate disk full p1');
  });

  it('says what was wrong and shows the right form', () => {
    expect(usageError('who owns')).toMatch(/Say what to look up[\s\S]*Usage: `who owns <thing>`/);
    expect(usageError('matrix set patching business:vendor')).toMatch(
      /business:` must be internal, msp or shared \(got “vendor”\)/,
    );
    expect(usageError('hours set mon-fri 17:00-08:00')).toMatch(/end after it starts/);
    expect(usageError('hours set someday 08:00-17:00')).toMatch(/“someday” is not a list of days/);
    expect(usageError('hours tz Mars/Olympus')).toMatch(/not a timezone I know.*America\/New_York/);
    expect(usageError('setup org:Acme tz:Nowhere/City')).toMatch(/not a timezone/);
    expect(usageError('audit 0')).toMatch(/whole number from 1 to 50/);
    expect(usageError('matrix foo')).toMatch(/`matrix` takes nothing after it/);
  });

  it('suggests the nearest command for a typo, only when it is close, and never the word typed', () => {
    expect(usageError('matirx')).toMatch(/Did you mean `matrix`\?/);
    expect(usageError('escalte VPN down')).toMatch(/Did you mean `escalate`\?/);
    expect(usageError('xyzzy')).toMatch(/I don't know the command “xyzzy”.*help/);
    expect(usageError('foo')).not.toMatch(/Did you mean/);
    expect(usageError('I')).not.toMatch(/Did you mean/);
    expect(usageError('matrix sett vpn')).toMatch(/Did you mean `matrix set`\?/);
  });

  it('reads plain questions as the command they ask for, greetings and all', () => {
    for (const [line, text] of [
      ['who is responsible for backups?', 'who is responsible for backups?'],
      ['hey Tandem, who is responsible for backups?', 'who is responsible for backups?'],
      ['who own vpn', 'who own vpn'],
      ['who owns: vpn', 'who owns: vpn'],
      ['hi there - which team handles printers', 'which team handles printers'],
      ['the vpn is down, who do I call?', 'the vpn is down, who do I call?'],
      ['backups owner?', 'backups owner?'],
      ['can you tell me who manages the firewall', 'who manages the firewall'],
      ['where do I report phishing?', 'I report phishing?'],
      ['is patching us or the msp?', 'is patching us or the msp?'],
    ]) {
      const parsed = registry.parse(line!);
      expect({ line, id: parsed.spec.id, args: parsed.args }).toEqual({ line, id: 'who-owns', args: { text } });
    }
  });

  it('runs a command that starts the line before any question form', () => {
    expect(registry.parse('hey, escalate who broke the VPN? p2').spec.id).toBe('escalate');
    expect(registry.parse('handoff note who knows').spec.id).toBe('handoff.note');
  });

  it('refuses an option the command does not have, with the nearest one, and keeps links and quoted words', () => {
    expect(usageError('escalate disk full tikcet:HL-2231')).toMatch(
      /`tikcet:` is not an option of `escalate`\. Did you mean `ticket:`\? Its options: `area:`, `ticket:`/,
    );
    expect(usageError('setup org:Acme msp:Nortwind tzz:Europe/London')).toMatch(/Did you mean `tz:`\?/);
    expect(registry.parse('escalate status page https://status.example.com is red').args).toMatchObject({
      summary: 'status page https://status.example.com is red',
    });
    expect(registry.parse('escalate Re: "error:500" on the portal').args).toMatchObject({
      summary: 'Re: error:500 on the portal',
    });
  });

  it('refuses an option given twice', () => {
    expect(usageError('matrix set vpn business:msp business:internal')).toMatch(/given twice/);
  });

  it('rejects two commands that claim the same words', () => {
    const twin = { ...whoOwns, id: 'who-owns-2', aliases: [] };
    expect(() => new CommandRegistry([whoOwns, twin])).toThrow(/claimed by both "who-owns" and "who-owns-2"/);
    expect(() => new CommandRegistry([whoOwns, whoOwns])).toThrow(/declared twice/);
  });
});

describe('which lines only read (a face may wait for their answer before acknowledging)', () => {
  it('a lookup, in its words or as a question, and a mistake only read; a change does not', () => {
    for (const line of ['who owns backups', 'who is responsible for backups?', 'help', 'matrix', 'no such command'])
      expect(registry.readsOnly(line), line).toBe(true);
    for (const line of ['escalate VPN down p1', 'handoff note restarted the VPN', 'hours set mon-fri 08:00-17:00'])
      expect(registry.readsOnly(line), line).toBe(false);
  });
});
