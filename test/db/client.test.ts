import { chmodSync, closeSync, mkdtempSync, openSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/client.js';
import { recordingLogger } from '../helpers/teams-face.js';

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe('the database files are private', () => {
  it('creates the folder 0700 and the file, its WAL and its shared memory 0600', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tandem-modes-')), 'data', 'tandem');
    const path = join(dir, 'tandem.db');
    const db = openDb(path);
    db.$client.exec("insert into people (platform, external_id, name) values ('console', 'u1', 'alice')");
    expect([mode(dir), mode(path), mode(`${path}-wal`), mode(`${path}-shm`)]).toEqual(['700', '600', '600', '600']);
    db.$client.close();
  });

  it('warns at start when an existing file can be read by others, naming it and what to do; opens it anyway', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-modes-'));
    const path = join(dir, 'tandem.db');
    closeSync(openSync(path, 'w'));
    chmodSync(path, 0o644);
    const log = recordingLogger();
    const db = openDb(path, { log });
    const warning = log.lines.find((l) => l.level === 'warn');
    expect(warning?.msg).toContain(`${path} (644)`);
    expect(warning?.msg).toContain('chmod 600');
    db.$client.close();

    chmodSync(path, 0o600);
    const quiet = recordingLogger();
    openDb(path, { log: quiet }).$client.close();
    expect(quiet.lines.filter((l) => l.level === 'warn')).toEqual([]);
  });
});
