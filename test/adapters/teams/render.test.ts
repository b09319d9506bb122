import { describe, expect, it } from 'vitest';
import { type AdaptiveCard, bytes, MAX_CARD_BYTES, renderCards } from '../../../adapters/teams/render.js';
import { outbox } from '../../../db/schema/index.js';
import {
  bold,
  buttons,
  code,
  codeBlock,
  context,
  divider,
  ephemeral,
  field,
  fields,
  header,
  inChannel,
  link,
  list,
  mention,
  paragraph,
  type Reply,
  text,
} from '../../../src/kernel/reply.js';
import { makeHarness } from '../../harness.js';
import { cardProblems, unescapeMarkdown } from '../../helpers/teams-cards.js';
import { cardText } from '../../helpers/teams-connector.js';

const ALICE = { kind: 'user' as const, id: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b', label: 'Alice Admin' };
const NOC = { kind: 'group' as const, id: 'tag:MCMjMiMjbm9j', label: 'northwind-noc' };

function only(reply: Reply): AdaptiveCard {
  const cards = renderCards(reply);
  expect(cards).toHaveLength(1);
  return cards[0]!;
}

type Json = Record<string, unknown>;
const body = (card: AdaptiveCard) => card.body as Json[];

describe('Teams cards from replies', () => {
  const everything = inChannel(
    header('ESC-4 · VPN down'),
    paragraph(
      text('Opened by '),
      mention(ALICE),
      text(' for '),
      mention(NOC),
      text(', '),
      bold('P1'),
      text(' '),
      text('urgent', 'italic'),
      text(' — type '),
      code('ack ESC-4'),
    ),
    fields(field('Ticket', link('https://psa.example.com/tickets/1234', 'PSA-1234')), field('Contact', mention(ALICE))),
    divider(),
    list([['first item'], [text('second '), bold('item')]]),
    codeBlock('area,business\npatching,msp\n\n  indented'),
    context('Business hours: Mon–Fri 08:00–17:00 (America/New_York).'),
    buttons(
      { label: 'Acknowledge', command: 'ack ESC-4', style: 'primary' },
      { label: 'Hand back', command: 'handback ESC-4', style: 'danger' },
      { label: 'Resolve', command: 'resolve ESC-4' },
    ),
  );

  it('renders every block and span kind to an Adaptive Card 1.5 the SDK accepts', () => {
    const card = only(everything);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(cardProblems(card)).toEqual([]);
    // The check itself would notice an element or action the SDK does not know.
    expect(
      cardProblems({
        ...card,
        body: [{ type: 'Table.Bogus' }, { type: 'ActionSet', actions: [{ type: 'Action.Bogus' }] }],
      }),
    ).toHaveLength(2);
    expect(body(card).map((e) => e.type)).toEqual([
      'TextBlock',
      'TextBlock',
      'FactSet',
      'ColumnSet',
      'ColumnSet',
      'Container',
      'TextBlock',
      'ActionSet',
    ]);
  });

  it('turns buttons into Action.Submit carrying the command the click runs', () => {
    const actions = body(only(everything)).find((e) => e.type === 'ActionSet')!.actions;
    expect(actions).toEqual([
      { type: 'Action.Submit', title: 'Acknowledge', data: { command: 'ack ESC-4' }, style: 'positive' },
      { type: 'Action.Submit', title: 'Hand back', data: { command: 'handback ESC-4' }, style: 'destructive' },
      { type: 'Action.Submit', title: 'Resolve', data: { command: 'resolve ESC-4' } },
    ]);
  });

  it('mentions Teams people and tags with mention entities, once each, and keeps typed @names as text', () => {
    const card = only(
      inChannel(
        paragraph(
          mention(ALICE),
          text(' and '),
          mention(NOC),
          text(' and '),
          mention({ kind: 'user', id: 'bob', label: 'bob' }),
        ),
        fields(field('Contact', mention(ALICE))),
      ),
    );
    expect(body(card)[0]!.text).toBe('<at>Alice Admin</at> and <at>northwind-noc</at> and **@bob**');
    expect(card.msteams.entities).toEqual([
      { type: 'mention', text: '<at>Alice Admin</at>', mentioned: { id: ALICE.id, name: 'Alice Admin' } },
      {
        type: 'mention',
        text: '<at>northwind-noc</at>',
        mentioned: { id: 'MCMjMiMjbm9j', name: 'northwind-noc', type: 'tag' },
      },
    ]);
  });

  it('keeps code line by line in monospace, blank and indented lines included', () => {
    const container = body(only(everything)).find((e) => e.type === 'Container')!;
    const lines = (container.items as Json[]).map((i) => [i.fontType, unescapeMarkdown(String(i.text))]);
    expect(lines).toEqual([
      ['Monospace', 'area,business'],
      ['Monospace', 'patching,msp'],
      ['Monospace', '\u00a0'],
      ['Monospace', '\u00a0\u00a0indented'],
    ]);
  });

  it('links only http(s) and mailto targets, and never lets a target close the link early', () => {
    const card = only(
      ephemeral(
        paragraph(link('https://x.example/a_(b)', 'ticket')),
        paragraph(link('javascript:alert(1)', 'click me')),
      ),
    );
    expect(body(card)[0]!.text).toBe('[ticket](https://x.example/a_%28b%29)');
    expect(body(card)[1]!.text).toBe('click me (javascript:alert(1))');
  });
});

describe('user text in cards stays text', () => {
  const typed = [
    '[free gift](https://evil.example)',
    '**not bold** and _not italic_ and ~~not struck~~',
    '<at>Bob Builder</at> please look',
    '&lt;at&gt; and &#91;x&#93;',
    '{{DATE(2026-01-01T00:00:00Z, SHORT)}}',
    '# not a heading',
    '- not a list',
    '1. not numbered',
    '> not a quote',
    'back\\slash `tick`',
  ].join('\n');

  it('escapes links, emphasis, mentions, entities, templates and line markers typed by a user', () => {
    const card = only(ephemeral(paragraph(text('You typed: '), text(typed)), fields(field('Note', typed))));
    for (const md of [String(body(card)[0]!.text), String((body(card)[1]!.facts as Json[])[0]!.value)]) {
      expect(md).not.toMatch(/(?<!\\)[[\]*_<>~`]/);
      expect(md).not.toMatch(/(?<!\\)&[#a-z]/);
      expect(md).not.toMatch(/(?<!\\)\{\{/);
      expect(md).not.toMatch(/^(?:#|-|\d+\.|>) /m);
      expect(md).not.toContain('<at>');
      // Each line of what was typed is still there, word for word, once the escapes are read.
      expect(unescapeMarkdown(md.replace(/\n\n/g, '\n'))).toContain(typed.split('\n').slice(1).join('\n'));
    }
    expect(card.msteams.entities).toBeUndefined();
  });

  it('escapes what users typed in a real command reply', async () => {
    const core = await makeHarness({
      start: '2026-11-30T15:00:00Z',
      platform: 'teams',
      channelId: '19:c@thread.tacv2',
    });
    await core.say('alice', 'setup org:Acme msp:Northwind tz:America/New_York');
    const card = only(await core.say('alice', 'matrix remove [free gift](https://evil.example) <at>Bob</at>'));
    const md = JSON.stringify(card.body);
    expect(md).not.toContain('[free gift](https');
    expect(md).not.toContain('<at>Bob</at>');
    expect(cardText(card as unknown as Json)).toContain('[free gift](https://evil.example) <at>Bob</at>');
  });
});

describe('every reply Tandem gives renders to a card the SDK accepts', () => {
  it('over a session of commands, errors and the posts they queue', async () => {
    const core = await makeHarness({
      start: '2026-11-30T15:00:00Z',
      platform: 'teams',
      channelId: '19:c@thread.tacv2',
    });
    const lines = [
      'help',
      'help matrix set',
      'who owns backups',
      'setup org:Acme msp:Northwind tz:America/New_York internal:"<group:tag:abc|IT Team>" msp-team:@noc',
      'who owns backups',
      'who owns something nobody owns',
      'matrix',
      'matrix export',
      'matrix set "Printers" business:internal after-hours:msp ' +
        'contact:"<user:6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b|Alice Admin>" aliases:"printer, toner" note:"Floor 3"',
      'hours',
      'hours set mon-fri 09:00-18:00',
      'holiday add 2026-12-25 Christmas Day',
      'holidays',
      'managers',
      'managers add @bob',
      'escalate VPN down for the London office p1 ticket:https://psa.example.com/t/1',
      'escalations',
      'ack ESC-1',
      'audit',
      'frobnicate',
      'setup org:',
    ];
    const replies: Reply[] = [];
    for (const line of lines) replies.push(await core.say('alice', line));
    replies.push(await core.say('mallory', 'hours set mon-sun 00:00-23:59'));
    const queued = core.db
      .select({ reply: outbox.reply })
      .from(outbox)
      .all()
      .map((r) => r.reply as Reply);

    const problems = [...replies, ...queued].flatMap((reply, i) =>
      renderCards(reply).flatMap((card) => cardProblems(card).map((p) => `${lines[i] ?? 'queued post'}: ${p}`)),
    );
    expect(problems).toEqual([]);
    // The escalation's card and its update went to the outbox, and were checked too.
    expect(queued.length).toBeGreaterThanOrEqual(2);
    expect(queued.some((r) => r.blocks.some((b) => b.kind === 'buttons'))).toBe(true);
  });
});

describe('cards stay under the Teams message size', () => {
  const manyItems = Array.from({ length: 400 }, (_, i) => [
    text(`area ${i} — `),
    bold('Northwind (MSP)'),
    text(' '.padEnd(60, '.')),
  ]);
  const big = inChannel(
    header('The whole matrix'),
    list(manyItems),
    codeBlock('x,'.repeat(30_000)),
    buttons({ label: 'Export', command: 'matrix export' }),
  );

  it('splits a long reply into several cards, in order, each within the limit and valid', () => {
    const cards = renderCards(big);
    expect(cards.length).toBeGreaterThan(2);
    for (const card of cards) {
      expect(bytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
      expect(cardProblems(card)).toEqual([]);
    }
    const all = cards.map((c) => cardText(c as unknown as Json)).join('\n');
    const order = [0, 199, 399].map((i) => all.indexOf(`area ${i} —`));
    expect(order.every((at, k) => at >= 0 && (k === 0 || at > order[k - 1]!))).toBe(true);
    expect(cardText(cards[1] as unknown as Json)).toContain(`(continued, part 2 of ${cards.length})`);
    // The buttons come once, at the end, after everything they act on.
    expect(cards.map((c) => body(c).some((e) => e.type === 'ActionSet'))).toEqual(
      cards.map((_, i) => i === cards.length - 1),
    );
  });

  it('cuts text without spaces and non-Latin text at the limit without breaking characters', () => {
    const cards = renderCards(ephemeral(paragraph('😀'.repeat(40_000)), paragraph('長'.repeat(40_000))));
    for (const card of cards) {
      expect(bytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
      // A lone half of a surrogate pair is not valid UTF-8 text; JSON.stringify shows it as an escape.
      expect(/\\ud[89a-f][0-9a-f]{2}/i.test(JSON.stringify(card))).toBe(false);
    }
    const all = cards.map((c) => cardText(c as unknown as Json)).join('');
    expect([...all].filter((c) => c === '😀')).toHaveLength(40_000);
  });

  it('keeps an in-place update to one card, shortened with a note, its buttons kept', () => {
    const [card, ...rest] = renderCards(big, { single: true });
    expect(rest).toEqual([]);
    expect(bytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(cardText(card as unknown as Json)).toContain('Shortened to fit in one Teams message');
    expect(body(card!).at(-1)).toMatchObject({ type: 'ActionSet', actions: [{ data: { command: 'matrix export' } }] });
  });
});
