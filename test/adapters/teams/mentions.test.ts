import { describe, expect, it } from 'vitest';
import { renderCards } from '../../../adapters/teams/render.js';
import { inChannel, mention, paragraph, text } from '../../../src/kernel/reply.js';
import { teamsLiveMarkup } from '../../helpers/reply-markup.js';

const DANA = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('display names inside <at>…</at>', () => {
  it('are escaped like any text: a name cannot become a link, emphasis or a template', () => {
    const label = '[free gift](https://evil.example) **Dana** {{DATE(2026-01-01T00:00:00Z)}}';
    const [card] = renderCards(
      inChannel(paragraph(text('ask '), mention({ kind: 'user', id: DANA, label }), text(' now'))),
    );
    const block = String(card!.body[0]!.text);
    const live = teamsLiveMarkup(block);
    expect(live.links).toEqual([]);
    expect(block).not.toContain('**Dana**');
    expect(block).not.toContain('{{DATE');
    // Still a real mention: its entity has exactly the text that stands in the card, and the person's name.
    const [entity] = card!.msteams.entities!;
    expect(live.mentions).toHaveLength(1);
    expect(block).toContain(entity!.text);
    expect(entity!.mentioned).toEqual({ id: DANA, name: label });
  });

  it('leave an ordinary name as it is', () => {
    const [card] = renderCards(inChannel(paragraph(mention({ kind: 'user', id: DANA, label: 'Dana Ops' }))));
    expect(card!.msteams.entities).toEqual([
      { type: 'mention', text: '<at>Dana Ops</at>', mentioned: { id: DANA, name: 'Dana Ops' } },
    ]);
  });
});
