import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderMessages, type SlackMessage } from '../../../adapters/slack/render.js';
import {
  type Block,
  bold,
  buttons,
  codeBlock,
  context,
  divider,
  field,
  fields,
  header,
  inChannel,
  link,
  list,
  mention,
  paragraph,
  type Reply,
  type Span,
  text,
} from '../../../src/kernel/reply.js';
import { type Json, limitProblems, visibleText } from '../../helpers/slack-limits.js';

const words = (n: number, prefix = 'w') => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(' ');
const allText = (ms: SlackMessage[]) => ms.map(visibleText).join('\n');
const blocksOf = (ms: SlackMessage[]) => ms.flatMap((m) => m.blocks) as Json[];
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function expectWithinLimits(ms: SlackMessage[]): void {
  expect(ms.length).toBeGreaterThan(0);
  expect(ms.length).toBeLessThanOrEqual(5);
  for (const m of ms) expect(limitProblems(m)).toEqual([]);
}

describe('Block Kit rendering keeps every limit with oversized content', () => {
  it('cuts a long header to 150 characters with a visible ellipsis, never splitting an emoji', () => {
    const ms = renderMessages(inChannel(header('🚨'.repeat(200))));
    expectWithinLimits(ms);
    const h = blocksOf(ms)[0]!;
    expect(h.type).toBe('header');
    expect(h.text.text.endsWith('…')).toBe(true);
    expect(LONE_SURROGATE.test(h.text.text)).toBe(false);
  });

  it('splits a long paragraph into sections without losing or reordering a word', () => {
    const long = words(4000);
    const ms = renderMessages(inChannel(paragraph(long)));
    expectWithinLimits(ms);
    expect(blocksOf(ms).length).toBeGreaterThanOrEqual(Math.ceil(long.length / 3000));
    expect(allText(ms).split(/\s+/).join(' ')).toBe(long);
  });

  it('cuts a word longer than a section without breaking an escape or a surrogate pair', () => {
    const word = '<&>😀'.repeat(1000);
    const ms = renderMessages(inChannel(paragraph(text(word, 'bold'))));
    expectWithinLimits(ms);
    for (const b of blocksOf(ms)) {
      expect(b.text.text).toMatch(/^\*.*\*$/s);
      expect(LONE_SURROGATE.test(b.text.text)).toBe(false);
    }
    const shown = allText(ms).replace(/\*/g, '').replace(/\s/g, '');
    expect(shown).toBe('&lt;&amp;&gt;😀'.repeat(1000));
  });

  it('groups fields ten at most and gives a field too long for a field its own sections', () => {
    const fs = Array.from({ length: 25 }, (_, i) =>
      field(`Label ${i}`, i % 7 === 3 ? words(600, `v${i}-`) : `value ${i}`),
    );
    const ms = renderMessages(inChannel(fields(...fs)));
    expectWithinLimits(ms);
    const shown = allText(ms);
    for (let i = 0; i < 25; i++) expect(shown).toContain(`*Label ${i}*`);
    expect(shown).toContain('v3-599');
    const fieldSections = blocksOf(ms).filter((b) => b.fields);
    expect(fieldSections.length).toBeGreaterThanOrEqual(3);
    // Order is kept: label 3's long section comes after label 2 and before label 4.
    expect(shown.indexOf('Label 2*')).toBeLessThan(shown.indexOf('Label 3*'));
    expect(shown.indexOf('Label 3*')).toBeLessThan(shown.indexOf('Label 4*'));
  });

  it('splits a long list across sections, every item once, in order', () => {
    const items = Array.from({ length: 400 }, (_, i) => [bold(`item ${i}`), text(` — ${words(8)}`)]);
    const ms = renderMessages(inChannel(list(items)));
    expectWithinLimits(ms);
    const lines = allText(ms)
      .split('\n')
      .filter((l) => l.startsWith('• '));
    expect(lines).toHaveLength(400);
    expect(lines[399]).toContain('*item 399*');
  });

  it('keeps code indentation and fences across sections, and a fence in the code cannot close the block', () => {
    const code =
      Array.from({ length: 300 }, (_, i) => `    line ${i} ${'x'.repeat(60)}`).join('\n') +
      '\n```not a fence```\n' +
      'y'.repeat(5000);
    const ms = renderMessages(inChannel(codeBlock(code)));
    expectWithinLimits(ms);
    const sections = blocksOf(ms);
    expect(sections.length).toBeGreaterThan(3);
    for (const s of sections) expect(s.text.text).toMatch(/^```\n[\s\S]*\n```$/);
    expect(allText(ms)).toContain('\n    line 150 ');
    expect(sections.every((s) => (s.text.text.match(/```/g) ?? []).length === 2)).toBe(true);
  });

  it('splits long context text', () => {
    const ms = renderMessages(inChannel(context(words(1500))));
    expectWithinLimits(ms);
    expect(blocksOf(ms).every((b) => b.type === 'context')).toBe(true);
  });

  it('puts at most 25 buttons in an actions block, shortens labels, and says when a button had to go', () => {
    const bs = Array.from({ length: 60 }, (_, i) => ({
      label: `Acknowledge escalation number ${i} ${'and more '.repeat(10)}`,
      command: `ack ESC-${i}`,
    }));
    bs.push({ label: 'Too long', command: `note ESC-1 ${'z'.repeat(2100)}` });
    const ms = renderMessages(inChannel(buttons(...bs)));
    expectWithinLimits(ms);
    const actions = blocksOf(ms).filter((b) => b.type === 'actions');
    expect(actions.map((a) => a.elements.length)).toEqual([25, 25, 10]);
    expect(actions[2]!.elements[9].value).toBe('ack ESC-59');
    expect(allText(ms)).toContain('1 button left out');
    const ids = actions.flatMap((a) => a.elements.map((e: { action_id: string }) => e.action_id));
    expect(new Set(ids).size).toBe(60);
  });

  it('spreads more than 50 blocks over several messages', () => {
    const ms = renderMessages(inChannel(...Array.from({ length: 120 }, () => divider())));
    expectWithinLimits(ms);
    expect(ms.map((m) => m.blocks.length)).toEqual([50, 50, 20]);
    expect(ms[1]!.text).toContain('(continued, 2/3)');
  });

  it('stops at five messages with a visible marker saying how much was left out', () => {
    const blocks: Block[] = Array.from({ length: 300 }, (_, i) => paragraph(`Paragraph ${i}: ${words(300)}`));
    const ms = renderMessages(inChannel(...blocks));
    expectWithinLimits(ms);
    expect(ms).toHaveLength(5);
    const shownParagraphs = allText(ms).match(/Paragraph \d+:/g)!.length;
    const last = ms[4]!.blocks.at(-1) as { type: string; elements: { text: string }[] };
    expect(last.type).toBe('context');
    expect(last.elements[0]!.text).toBe(`… (truncated, ${300 - shownParagraphs} more sections not shown)`);
  });

  it('fits an update into the number of messages it replaces', () => {
    const ms = renderMessages(inChannel(...Array.from({ length: 80 }, (_, i) => paragraph(`P${i} ${words(200)}`))), 1);
    expect(ms).toHaveLength(1);
    expect(limitProblems(ms[0]!)).toEqual([]);
    expect(visibleText(ms[0]!)).toMatch(/truncated, \d+ more sections not shown/);
  });

  it('renders an empty reply as a text-only message and skips empty blocks', () => {
    const ms = renderMessages(inChannel(paragraph(''), header('  '), context()));
    expect(ms).toEqual([{ text: 'Tandem', blocks: [] }]);
  });

  it('keeps within every limit for any reply (property)', () => {
    const nasty = fc.string({
      unit: fc.constantFrom('a', ' ', '\n', '&', '<', '>', '*', '😀', 'é', '|', '`'),
      maxLength: 4000,
      size: 'large',
    });
    const span: fc.Arbitrary<Span> = fc.oneof(
      nasty.map((t) => text(t)),
      nasty.map((t) => text(t, 'bold')),
      nasty.map((t) => text(t, 'code')),
      fc.constantFrom(
        mention({ kind: 'user', id: 'U123ABC', label: 'dana' }),
        mention({ kind: 'group', id: 'S0NOC', label: '@noc' }),
        mention({ kind: 'user', id: 'alice', label: '<!here>' }),
      ),
      fc
        .tuple(fc.constantFrom('https://psa.example.com/t?id=1&x=2', 'javascript:alert(1)', 'https://a.b/|x'), nasty)
        .map(([u, l]) => link(u, l)),
    );
    const spans = fc.array(span, { maxLength: 6 });
    const block: fc.Arbitrary<Block> = fc.oneof(
      nasty.map((t) => header(t)),
      spans.map((s) => paragraph(...s)),
      spans.map((s) => context(...s)),
      fc.array(spans, { maxLength: 30 }).map((items) => list(items)),
      nasty.map((t) => codeBlock(t)),
      fc.array(fc.tuple(nasty, spans), { maxLength: 14 }).map((fs) => fields(...fs.map(([l, v]) => field(l, ...v)))),
      fc
        .array(fc.tuple(nasty, nasty), { maxLength: 30 })
        .map((bs) => buttons(...bs.map(([label, command]) => ({ label, command })))),
      fc.constant(divider()),
    );
    const reply: fc.Arbitrary<Reply> = fc.array(block, { maxLength: 40 }).map((bs) => inChannel(...bs));
    fc.assert(
      fc.property(reply, (r) => {
        for (const m of renderMessages(r)) expect(limitProblems(m)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('escaping: only real mentions and http links reach Slack as markup', () => {
  const render = (...spans: Span[]) => renderMessages(inChannel(paragraph(...spans)))[0]!;

  it('escapes typed control sequences so they neither ping nor link', () => {
    const m = render(
      text('Hey <!channel> and <!here>, ask <@U999> or <!subteam^S1> at <https://evil.example|here> & co'),
    );
    expect(visibleText(m)).toBe(
      'Hey &lt;!channel&gt; and &lt;!here&gt;, ask &lt;@U999&gt; or &lt;!subteam^S1&gt; at ' +
        '&lt;https://evil.example|here&gt; &amp; co',
    );
    expect(m.text).not.toMatch(/<[!@]/);
  });

  it('writes real Slack mentions for Slack ids, and a console name as plain @text', () => {
    const m = render(
      mention({ kind: 'user', id: 'U123ABC', label: 'dana' }),
      text(' '),
      mention({ kind: 'group', id: 'S0NOC', label: '@noc' }),
      text(' '),
      mention({ kind: 'user', id: 'alice', label: '<!here>' }),
    );
    expect(visibleText(m)).toBe('<@U123ABC> <!subteam^S0NOC> @&lt;!here&gt;');
  });

  it('links only http(s) URLs, with the label escaped', () => {
    expect(visibleText(render(link('https://psa.example.com/t?id=1&x=2', 'Ticket <42>')))).toBe(
      '<https://psa.example.com/t?id=1&amp;x=2|Ticket &lt;42&gt;>',
    );
    expect(visibleText(render(link('javascript:alert(1)', 'click')))).toBe('click (javascript:alert(1))');
    expect(visibleText(render(link('https://a.example/|<!channel>', 'x')))).not.toContain('<!channel>');
  });

  it('styles each line of a multi-line bold span, outside surrounding spaces', () => {
    expect(visibleText(render(bold(' two\nlines ')))).toBe(' *two*\n*lines* ');
  });

  it('escapes the notification fallback text too', () => {
    expect(render(text('<!channel> now')).text).toBe('&lt;!channel&gt; now');
  });

  it('marks every mrkdwn text verbatim, so Slack does not turn plain words into links or mentions', () => {
    const m = renderMessages(inChannel(paragraph('a'), context('b'), fields(field('c', 'd'))))[0]!;
    const texts = (m.blocks as Json[])
      .flatMap((b) => [b.text, ...(b.elements ?? []), ...(b.fields ?? [])])
      .filter(Boolean);
    expect(texts.length).toBe(3);
    expect(texts.every((t) => t.verbatim === true)).toBe(true);
  });
});
