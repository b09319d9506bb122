import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, openDb } from '../../db/client.js';
import { createStore } from '../../db/store.js';
import { DEFAULT_ACK_TIMEOUTS, type MatrixAreaInput } from '../../src/domain/model.js';
import type { Store } from '../../src/kernel/ports/store.js';
import { type Dialect, openTestDb, type TestDb } from './dialects.js';

/*
 * Stores over SQLite for the storage tests, without the core: connections opened here are closed
 * by closeOpened() (call it after each test), and setUp() gives a store with one channel.
 */

export const AT = new Date('2026-11-30T15:00:00Z');
export const CONVERSATION = { platform: 'console' as const, channelId: 'c1' };

const opened: Db[] = [];
const dirs: string[] = [];
const testDbs: TestDb[] = [];

export async function closeOpened(): Promise<void> {
  for (const db of opened.splice(0)) db.$client.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  await Promise.all(testDbs.splice(0).map((t) => t.close()));
}

/** A fresh test database of the dialect (a SQLite file with `file`, for a second connection); closeOpened closes it. */
export async function fresh(dialect: Dialect, options: { file?: boolean } = {}): Promise<TestDb> {
  const t = await openTestDb(dialect, options);
  testDbs.push(t);
  return t;
}

/** Another connection to the test database, as a second process has; closeOpened closes it. */
export async function another(t: TestDb): Promise<TestDb> {
  const other = await t.another();
  testDbs.push(other);
  return other;
}

export function open(path = ':memory:'): Db {
  const db = openDb(path);
  opened.push(db);
  return db;
}

/** A database file in a fresh temporary directory, for tests that need two connections. */
export function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-store-'));
  dirs.push(dir);
  return join(dir, 'tandem.db');
}

/** A store with one channel (the one already on the database, for a second connection). */
export async function setUp(db?: Db): Promise<{ db: Db; store: Store; channelId: number }>;
export async function setUp(db: TestDb): Promise<{ db: null; store: Store; channelId: number }>;
export async function setUp(db: Db | TestDb = open()): Promise<{ db: Db | null; store: Store; channelId: number }> {
  const store = 'store' in db ? db.store : createStore(db);
  const existing = await store.channels.find(CONVERSATION);
  const channel =
    existing ??
    (await store.channels.create({
      platform: 'console',
      externalId: 'c1',
      orgName: 'Acme',
      mspName: 'Northwind',
      timezone: 'America/New_York',
      workDays: [1, 2, 3, 4, 5],
      dayStart: 480,
      dayEnd: 1020,
      internalHandle: null,
      mspHandle: null,
      morningOffsetMinutes: 0,
      ackTimeouts: DEFAULT_ACK_TIMEOUTS,
      createdAt: AT,
    }));
  return { db: 'store' in db ? null : db, store, channelId: channel.id };
}

export const area = (name: string, aliases: string[] = []): MatrixAreaInput => ({
  name,
  businessOwner: 'internal',
  afterHoursOwner: 'msp',
  contact: null,
  aliases,
  note: '',
});
