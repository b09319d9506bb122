/**
 * Regenerates manifest.json from the command registry:
 *   npx tsx adapters/slack/write-manifest.ts
 * Prints the HTTP-mode variant (request URLs instead of Socket Mode) without touching the file:
 *   npx tsx adapters/slack/write-manifest.ts --http https://tandem.example.com
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_COMMANDS } from '../../src/features/index.js';
import { buildManifest } from './manifest.js';
import { SLACK_EVENTS_PATH } from './receiver.js';

const i = process.argv.indexOf('--http');
if (i >= 0) {
  const base = process.argv[i + 1];
  if (!base || !/^https:\/\//.test(base)) {
    process.stderr.write('--http needs the public https base URL of Tandem, e.g. --http https://tandem.example.com\n');
    process.exitCode = 2;
  } else {
    const requestUrl = new URL(SLACK_EVENTS_PATH, base).href;
    process.stdout.write(`${JSON.stringify(buildManifest(ALL_COMMANDS, { requestUrl }), null, 2)}\n`);
  }
} else {
  const path = join(import.meta.dirname, '../../manifest.json');
  writeFileSync(path, `${JSON.stringify(buildManifest(ALL_COMMANDS), null, 2)}\n`);
  process.stderr.write(`wrote ${path}\n`);
}
