import { type Block, type ImageBlock, type Reply, spansToPlain } from '../../src/kernel/reply.js';

/** A reply as readable terminal text. */
export function renderText(reply: Reply, pictures: ReadonlyMap<ImageBlock, string> = new Map()): string {
  return reply.blocks
    .map((b) => (b.kind === 'image' ? picture(b, pictures.get(b)) : renderBlock(b)))
    .filter((s) => s !== '')
    .join('\n');
}

/** A chart: where its PNG was written, when it was. */
function picture(block: ImageBlock, path: string | undefined): string {
  return path ? `  [chart: ${block.title} — PNG ${path}]` : `  [chart: ${block.title}]`;
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'header':
      return `== ${block.text} ==`;
    case 'paragraph':
      return spansToPlain(block.spans);
    case 'context':
      return `  ${spansToPlain(block.spans)}`;
    case 'fields':
      return block.fields.map((f) => `${f.label}: ${spansToPlain(f.value).replace(/\n/g, '\n    ')}`).join('\n');
    case 'list':
      return block.items.map((i) => `  • ${spansToPlain(i).replace(/\n/g, '\n    ')}`).join('\n');
    case 'code':
      return block.text
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n');
    case 'buttons':
      return `  ${block.buttons.map((b) => `[${b.label}: ${b.command}]`).join('  ')}`;
    case 'divider':
      return '  ────';
    case 'image':
      return `  [chart: ${block.title}]`;
  }
}
