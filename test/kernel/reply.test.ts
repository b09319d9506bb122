import { describe, expect, it } from 'vitest';
import { bold, header, inChannel, paragraph, prose, replySummary, spansToPlain, text } from '../../src/kernel/reply.js';

describe('replySummary', () => {
  it('is the first line of the first block with words', () => {
    expect(replySummary(inChannel(paragraph(' '), header('Morning handoff'), paragraph('later')))).toBe(
      'Morning handoff',
    );
  });

  it('cuts long text with an ellipsis without splitting an emoji', () => {
    const summary = replySummary(inChannel(paragraph('🔥'.repeat(200))), 10);
    expect(summary).toBe(`${'🔥'.repeat(9)}…`);
    expect(summary).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('prose and spansToPlain', () => {
  it('turns backticked parts into code and shows them back with backticks', () => {
    const spans = prose('Type `help` for more');
    expect(spans).toEqual([text('Type '), text('help', 'code'), text(' for more')]);
    expect(spansToPlain([...spans, bold('!')])).toBe('Type `help` for more!');
  });
});
