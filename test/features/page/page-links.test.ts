import { afterEach, describe, expect, it } from 'vitest';
import { makeHarness, SETUP } from '../../harness.js';
import { linkIn, startPageServer } from '../../helpers/page-server.js';
import { PUBLIC_URL } from '../../helpers/review-quarter.js';

type Server = Awaited<ReturnType<typeof startPageServer>>;
let servers: Server[] = [];
afterEach(async () => {
  for (const s of servers) await s.close();
  servers = [];
});

/** Acme's channel C1 and another channel C2 (Globex), both set up, with the page served on loopback. */
async function twoChannels() {
  const t = await makeHarness({ publicUrl: PUBLIC_URL });
  await t.sayText('alice', SETUP);
  const other = await makeHarness({ publicUrl: PUBLIC_URL, channelId: 'C2', db: t.db, clock: t.clock });
  await other.sayText('zoe', 'setup org:Globex msp:Initech tz:Europe/Berlin');
  const server = await startPageServer(t.store, t.clock);
  servers.push(server);
  return { t, other, server };
}

const refusedBody = async (r: Response) => ({ status: r.status, body: await r.text() });

describe('page links', () => {
  it('page answers the asker alone with a link to this channel that opens the page for 24 hours', async () => {
    const { t, server } = await twoChannels();
    const reply = await t.say('bob', 'page');
    expect(reply.visibility).toBe('ephemeral');
    const url = linkIn(await t.sayText('bob', 'page'));
    expect(url.startsWith(`${PUBLIC_URL}/page/1?key=`)).toBe(true);
    expect(await t.sayText('bob', 'page')).toContain('Valid until Tue 1 Dec 2026 10:00 EST');

    const ok = await server.get(url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = ok.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('script-src');
    expect(ok.headers.get('referrer-policy')).toBe('no-referrer');
    expect(ok.headers.get('cache-control')).toBe('no-store');
    const html = await ok.text();
    expect(html).toContain('<h1>Acme and Northwind</h1>');
    expect(html).not.toMatch(/<script/i);

    t.jumpTo('2026-12-01T09:59'); // a minute before it expires
    expect((await server.get(url)).status).toBe(200);
  });

  it('expired, forged and other-channel links get the same 403, which names nothing', async () => {
    const { t, other, server } = await twoChannels();
    const acme = linkIn(await t.sayText('bob', 'page'));
    const globex = linkIn(await other.sayText('zoe', 'page'));
    expect(globex.startsWith(`${PUBLIC_URL}/page/2?key=`)).toBe(true);
    const key = decodeURIComponent(new URL(acme).searchParams.get('key')!);
    const [kind, ch, person, expires, sig] = key.split('.') as [string, string, string, string, string];
    const withKey = (k: string, channel = '1') => `${PUBLIC_URL}/page/${channel}?key=${encodeURIComponent(k)}`;
    const flipped = `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
    const forged = {
      signature: withKey([kind, ch, person, expires, flipped].join('.')),
      later: withKey([kind, ch, person, String(Number(expires) + 86_400), sig].join('.')),
      person: withKey([kind, ch, String(Number(person) + 1), expires, sig].join('.')),
      garbage: withKey('hello'),
      none: `${PUBLIC_URL}/page/1`,
      // Globex's link at Acme's address, and Acme's link at Globex's address.
      otherChannel: globex.replace('/page/2?', '/page/1?'),
      movedToOther: acme.replace('/page/1?', '/page/2?'),
      unknownChannel: acme.replace('/page/1?', '/page/99?'),
    };
    const answers = [];
    for (const url of Object.values(forged)) answers.push(await refusedBody(await server.get(url)));
    // Globex's own link opens Globex's page; Acme's opens Acme's.
    expect((await server.get(globex)).status).toBe(200);
    expect((await server.get(acme)).status).toBe(200);
    t.jumpTo('2026-12-01T10:00'); // exactly 24 hours later
    answers.push(await refusedBody(await server.get(acme)));

    const [first] = answers;
    expect(first!.status).toBe(403);
    for (const a of answers) expect(a).toEqual(first);
    expect(first!.body).toContain('This link is not valid');
    for (const leak of ['Acme', 'Northwind', 'Globex', 'Initech', 'expired', 'signature', 'channel 1'])
      expect(first!.body).not.toContain(leak);
  });

  it('page revoke (managers only) voids every link given out; a new one works', async () => {
    const { t, server } = await twoChannels();
    const old = linkIn(await t.sayText('bob', 'page'));
    expect((await server.get(old)).status).toBe(200);
    expect(await t.sayText('bob', 'page revoke')).toMatch(/managers/i);
    expect((await server.get(old)).status).toBe(200);

    expect(await t.sayText('alice', 'page revoke')).toContain('every link to this page given out so far');
    expect(t.posts().at(-1)!.text).toContain("alice (Acme) revoked every link to this channel's page");
    expect(await t.sayText('alice', 'audit 1')).toContain('page.revoke page links');
    expect((await server.get(old)).status).toBe(403);
    const fresh = linkIn(await t.sayText('bob', 'page'));
    expect((await server.get(fresh)).status).toBe(200);
  });

  it('without TANDEM_PUBLIC_URL, page says what the operator sets', async () => {
    const t = await makeHarness({ setup: SETUP });
    const text = await t.sayText('bob', 'page');
    expect(text).toContain('TANDEM_PUBLIC_URL');
    expect(text).not.toMatch(/\/page\/\d/);
  });

  it('a chart link opens its PNG only, and a page link opens no chart', async () => {
    const { t, server } = await twoChannels();
    const page = linkIn(await t.sayText('bob', 'page'));
    const agenda = await t.say('alice', 'cadence agenda quarterly');
    const images = agenda.blocks.filter((b) => b.kind === 'image');
    expect(images.map((b) => b.title)).toEqual([
      'Escalations per week by handling side, Q4 2026 (Oct–Dec)',
      'MTTA and MTTR per month, Jul 2026–Dec 2026',
    ]);
    const png = await server.get(images[0]!.url);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await png.arrayBuffer()).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

    const chartKey = new URL(images[0]!.url).searchParams.get('key')!;
    const pageKey = new URL(page).searchParams.get('key')!;
    const asPage = `${PUBLIC_URL}/page/1?key=${encodeURIComponent(chartKey)}`;
    const otherChart = images[1]!.url.replace(/key=[^&]+/, `key=${encodeURIComponent(chartKey)}`);
    const pageAsChart = images[0]!.url.replace(/key=[^&]+/, `key=${encodeURIComponent(pageKey)}`);
    for (const url of [asPage, otherChart, pageAsChart]) expect((await server.get(url)).status).toBe(403);
  });
});
