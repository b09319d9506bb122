import { afterEach, describe, expect, it } from 'vitest';
import { HttpServer } from '../../../adapters/http/server.js';
import { openDatabase } from '../../../db/open.js';
import { silentLogger } from '../../../src/kernel/logger.js';
import { createPgDatabase } from '../../helpers/dialects.js';

let server: HttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(setup: (s: HttpServer) => void) {
  server = new HttpServer(silentLogger);
  setup(server);
  const port = await server.listen(0, '127.0.0.1');
  const get = async (path: string) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: res.status, body: await res.json() };
  };
  return get;
}

describe('/readyz: whether a load balancer may send this instance work', () => {
  it('is ready while the faces are ready and the database answers; /healthz does not ask the database', async () => {
    let faceReady = false;
    let databaseUp = true;
    const get = await start((s) => {
      s.addReadiness('slack', () => faceReady);
      s.addDependency('database', async () => {
        if (!databaseUp) throw new Error('connect ECONNREFUSED 10.0.0.5:5432');
      });
    });
    expect(await get('/readyz')).toEqual({ status: 503, body: { ok: false, waiting_for: ['slack'], unreachable: [] } });
    faceReady = true;
    expect(await get('/readyz')).toEqual({ status: 200, body: { ok: true } });
    databaseUp = false;
    expect(await get('/readyz')).toEqual({
      status: 503,
      body: { ok: false, waiting_for: [], unreachable: ['database'] },
    });
    expect(await get('/healthz')).toEqual({ status: 200, body: { ok: true } });
  });

  it('follows a real PostgreSQL server: not ready once the database is gone', async () => {
    const url = await createPgDatabase();
    const db = await openDatabase({ url, path: 'unused' });
    const get = await start((s) => s.addDependency('database', db.ping));
    expect((await get('/readyz')).status).toBe(200);
    await db.close();
    expect(await get('/readyz')).toMatchObject({ status: 503, body: { unreachable: ['database'] } });
  });
});
