import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backArrows, type Import, importsIn, layerOf } from './layer-rules.js';

const root = join(import.meta.dirname, '..');

describe('the arrows run one way: faces → features → kernel → domain; storage behind ports', () => {
  const imports = importsIn(root, ['src', 'adapters', 'db']);

  it('reads the whole tree', () => {
    expect(imports.filter((i) => layerOf(i.from) === 'domain').length).toBeGreaterThan(20);
    expect(imports.filter((i) => layerOf(i.from) === 'feature').length).toBeGreaterThan(100);
  });

  it('has no import against the layer rules', () => {
    expect(backArrows(imports).map((a) => `${a.import.from} → ${a.import.to}: ${a.rule}`)).toEqual([]);
  });
});

describe('the rules catch a back-arrow', () => {
  const arrow = (from: string, to: string): Import => ({
    from,
    to,
    external: !to.startsWith('src/') && !/^(adapters|db)\//.test(to),
  });
  const rulesFor = (from: string, to: string) => backArrows([arrow(from, to)]).map((a) => a.rule);

  it('the domain imports nothing above it', () => {
    expect(rulesFor('src/domain/agenda.ts', 'src/kernel/errors.ts')).toHaveLength(1);
    expect(rulesFor('src/domain/agenda.ts', 'src/domain/metrics.ts')).toEqual([]);
  });

  it('the kernel imports no feature, scheduler, outbox or face', () => {
    expect(rulesFor('src/kernel/bot.ts', 'src/scheduler/planning.ts')).toHaveLength(1);
    expect(rulesFor('src/kernel/bot.ts', 'src/features/escalation/escalate.ts')).toHaveLength(1);
    expect(rulesFor('src/kernel/bot.ts', 'src/domain/model.ts')).toEqual([]);
  });

  it('a feature reaches another only through its index', () => {
    expect(
      rulesFor('src/features/morning/morning-digest-query.ts', 'src/features/cadence/cadence-queries.ts'),
    ).toHaveLength(1);
    expect(rulesFor('src/features/morning/morning-digest-query.ts', 'src/features/cadence/index.ts')).toEqual([]);
    expect(rulesFor('src/features/morning/handoff.ts', 'src/features/morning/morning-post-job.ts')).toEqual([]);
  });

  it('src/ imports no platform SDK and no database driver; node-cron only in the cron driver', () => {
    expect(rulesFor('src/features/escalation/escalate.ts', '@slack/bolt')).toHaveLength(1);
    expect(rulesFor('src/kernel/bot.ts', 'botbuilder')).toHaveLength(1);
    expect(rulesFor('src/kernel/bot.ts', 'better-sqlite3')).toHaveLength(1);
    expect(rulesFor('src/scheduler/scheduler.ts', 'drizzle-orm')).toHaveLength(1);
    expect(rulesFor('src/scheduler/scheduler.ts', 'node-cron')).toHaveLength(1);
    expect(rulesFor('src/scheduler/cron-driver.ts', 'node-cron')).toEqual([]);
  });

  it('storage implements the ports and depends on nothing above them', () => {
    expect(rulesFor('db/repos/jobs.ts', 'src/scheduler/scheduler.ts')).toHaveLength(1);
    expect(rulesFor('db/repos/jobs.ts', 'src/kernel/ports/jobs.ts')).toEqual([]);
  });

  it('a face sees the kernel and its own folder, never another face or a feature', () => {
    expect(rulesFor('adapters/slack/parse.ts', 'adapters/teams/parse.ts')).toHaveLength(1);
    expect(rulesFor('adapters/slack/parse.ts', 'src/features/matrix/who-owns.ts')).toHaveLength(1);
    expect(rulesFor('adapters/slack/parse.ts', 'adapters/http/server.ts')).toEqual([]);
    expect(rulesFor('adapters/slack/chat.ts', 'src/kernel/ports/chat.ts')).toEqual([]);
  });
});
