/**
 * Writes color.png and outline.png next to the manifest. The icons are committed; run this only
 * to change them: `npx tsx adapters/teams/app/make-icons.ts`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { colorIcon, outlineIcon } from './icons.js';

const dir = import.meta.dirname;
writeFileSync(join(dir, 'color.png'), colorIcon());
writeFileSync(join(dir, 'outline.png'), outlineIcon());
process.stdout.write(`wrote ${join(dir, 'color.png')} and ${join(dir, 'outline.png')}\n`);
