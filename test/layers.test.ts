import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.ts$/.test(name) ? [path] : [];
  });
}

const importsOf = (pattern: string) => new RegExp(`(from\\s+|import\\s*\\(\\s*|require\\(\\s*)['"](${pattern})`);
const PLATFORM = importsOf("@slack/|botbuilder|better-sqlite3");
const CRON = importsOf('node-cron');

describe('the core knows no platform', () => {
  const files = sources(join(root, 'src'));

  it('nothing under src/ imports @slack/*, botbuilder or better-sqlite3', () => {
    const offenders = files.filter((f) => PLATFORM.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f));
    expect(files.length).toBeGreaterThan(10);
    expect(offenders).toEqual([]);
  });

  it('node-cron is imported only by the scheduler', () => {
    const offenders = files
      .filter((f) => !relative(root, f).startsWith(`src${sep}scheduler${sep}`))
      .filter((f) => CRON.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });

  it('the check catches such an import', () => {
    expect(PLATFORM.test("import { App } from '@slack/bolt';")).toBe(true);
    expect(PLATFORM.test("import Database from 'better-sqlite3';")).toBe(true);
    expect(PLATFORM.test("const b = await import('botbuilder');")).toBe(true);
    expect(PLATFORM.test("import { x } from './slack-names.js';")).toBe(false);
  });
});
