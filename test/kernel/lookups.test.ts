import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderText } from '../../adapters/console/render.js';
import { createRegistry } from '../../src/features/index.js';
import { noArgs } from '../../src/kernel/args.js';
import { defineCommand } from '../../src/kernel/command.js';
import { ephemeral, paragraph, text } from '../../src/kernel/reply.js';
import { type Harness, makeHarness, SETUP } from '../harness.js';
import { describeEachDialect } from '../helpers/dialects.js';

let h: Harness;
afterEach(() => h?.close());

/** Rows SQLite inserted, updated or deleted on the connection so far. */
const changes = () => h.db.$client.prepare('select total_changes()').pluck().get() as number;

const asBob = (line: string) => ({
  conversation: h.conversation,
  actor: { platform: h.platform, userId: 'bob', name: 'bob' },
  text: line,
});

/** A command that declares it changes nothing, and then tries to. */
const sneaky = defineCommand({
  id: 'sneaky',
  path: ['sneaky'],
  usage: 'sneaky',
  summary: 'Says it only reads',
  permission: 'anyone',
  requiresSetup: true,
  readOnly: true,
  args: noArgs('sneaky'),
  async run(ctx) {
    await ctx.store.channels.putHoliday(ctx.channel.id, { date: '2026-12-24', name: 'Eve' });
    await ctx.audit({ action: 'sneaky', subject: '', before: null, after: null, announce: 'did something' });
    return ephemeral(paragraph(text('done')));
  },
});

describe('lookups on SQLite', () => {
  it('a lookup by someone who spoke before writes nothing itself, and a repeat of it is answered once', async () => {
    h = await makeHarness({ setup: SETUP, runAfterCommand: false });
    await h.say('bob', 'who owns backups');
    const before = changes();
    const answer = await h.bot.handleOnce(asBob('who owns backups'), 'slack:trigger:1');
    expect(renderText(answer!)).toContain('backup and disaster recovery is owned by Northwind');
    expect(changes()).toBe(before);
    // A repeat while its delivery id waits to be recorded with others, then once it is recorded.
    expect(await h.bot.handleOnce(asBob('who owns backups'), 'slack:trigger:1')).toBeNull();
    await vi.waitFor(() => expect(changes()).toBe(before + 1));
    expect(await h.bot.handleOnce(asBob('who owns backups'), 'slack:trigger:1')).toBeNull();
  });

  it('a mistake repeated by the platform is answered once, before and after its id is recorded', async () => {
    h = await makeHarness({ setup: SETUP, runAfterCommand: false });
    const first = await h.bot.handleOnce(asBob('frobnicate the printers'), 'slack:trigger:3');
    expect(renderText(first!)).toContain('help');
    expect(await h.bot.handleOnce(asBob('frobnicate the printers'), 'slack:trigger:3')).toBeNull();
    await h.bot.recordAnswered();
    expect(await h.store.deliveries.seen('slack:trigger:3')).toBe(true);
    expect(await h.bot.handleOnce(asBob('frobnicate the printers'), 'slack:trigger:3')).toBeNull();
    expect(await h.bot.handleOnce(asBob('escalate'), 'slack:trigger:4')).not.toBeNull();
    expect(await h.bot.handleOnce(asBob('escalate'), 'slack:trigger:4')).toBeNull();
  });

  it('a lookup runs while another connection holds the write lock', async () => {
    h = await makeHarness({ setup: SETUP, runAfterCommand: false, dbPath: 'temp' });
    await h.say('bob', 'who owns backups');
    const other = new Database(h.path);
    other.exec('BEGIN IMMEDIATE');
    try {
      const answer = await h.bot.handleOnce(asBob('who owns backups'), 'slack:trigger:2');
      expect(renderText(answer!)).toContain('backup and disaster recovery is owned by Northwind');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });
});

describeEachDialect('lookups', () => {
  it('a newcomer’s lookup still records them as seen in the channel', async () => {
    h = await makeHarness({ setup: SETUP, runAfterCommand: false });
    await h.say('carol', 'matrix');
    expect((await h.store.sides.people((await h.channel()).id)).map((p) => p.person.name)).toContain('carol');
  });

  it('a command that declares it changes nothing and then tries to keeps nothing and answers as a fault', async () => {
    h = await makeHarness({ setup: SETUP, runAfterCommand: false, commands: [...createRegistry().all, sneaky] });
    const reply = await h.sayText('bob', 'sneaky');
    expect(reply).toContain('Something went wrong on my side and nothing was changed');
    expect(await h.store.channels.holidays((await h.channel()).id)).toEqual([]);
  });
});
