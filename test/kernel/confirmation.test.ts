import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, makeHarness, SETUP } from '../harness.js';
import { codeIn } from '../helpers/confirm.js';

let h: Harness;
afterEach(() => h?.close());

const areaNames = async () => (await h.store.matrix.list((await h.channel()).id)).map((a) => a.name);

/** Alice and Bob manage Acme's side; Alice asks to remove patching. */
async function asked(): Promise<{ code: string; text: string }> {
  h = await makeHarness({ setup: SETUP });
  await h.say('alice', 'managers add @bob');
  const text = await h.sayText('alice', 'matrix remove patching');
  return { code: codeIn(text), text };
}

describe('confirm before destroying', () => {
  it('answers with what it would do and a Confirm button, and changes nothing until confirmed', async () => {
    const { code, text } = await asked();
    expect(text).toContain('This removes patching from the matrix');
    expect(text).toContain(`[Confirm: confirm ${code}]`);
    expect(text).toMatch(/type `confirm [A-Z2-9]{6}` before Mon 30 Nov 2026 10:10 EST\. Only you can confirm it\./);
    expect(await areaNames()).toContain('patching');
    expect(await h.sayText('alice', 'audit 1')).toContain('alice · managers.add bob');

    // Typed in any case, within the 10 minutes.
    h.clock.set(new Date(h.clock.now().getTime() + 9 * 60_000));
    expect(await h.sayText('alice', `confirm ${code.toLowerCase()}`)).toContain('Removed patching from the matrix');
    expect(await areaNames()).not.toContain('patching');
  });

  it("refuses someone else's code, even a manager's, and changes nothing", async () => {
    const { code } = await asked();
    const out = await h.sayText('bob', `confirm ${code}`);
    expect(out).toContain('That code is for the person who asked; only they can confirm it.');
    expect(out).toContain('Run `matrix remove patching` again to get a code of your own.');
    expect(await areaNames()).toContain('patching');
    // The person who asked still can.
    expect(await h.sayText('alice', `confirm ${code}`)).toContain('Removed patching');
  });

  it('refuses a code after its 10 minutes, saying to ask again', async () => {
    const { code } = await asked();
    h.clock.set(new Date(h.clock.now().getTime() + 10 * 60_000 + 1));
    const out = await h.sayText('alice', `confirm ${code}`);
    expect(out).toContain(
      'That code expired at Mon 30 Nov 2026 10:10 EST (codes last 10 minutes); nothing was changed.',
    );
    expect(await areaNames()).toContain('patching');
  });

  it('acts once: a second confirm of the same code is refused', async () => {
    const { code } = await asked();
    await h.say('alice', `confirm ${code}`);
    await h.say('alice', 'matrix set patching business:msp');
    expect(await h.sayText('alice', `confirm ${code}`)).toContain('That code was already used');
    expect(await areaNames()).toContain('patching');
  });

  it('refuses a code from another channel, and one that was never given', async () => {
    const { code } = await asked();
    const other = await makeHarness({ db: h.db, clock: h.clock, channelId: 'C2', setup: SETUP });
    try {
      expect(await other.sayText('alice', `confirm ${code}`)).toContain('That code belongs to another channel.');
      expect(await other.sayText('alice', 'confirm ZZZZZZ')).toContain('No command is waiting for the code “ZZZZZZ”');
    } finally {
      other.close();
    }
    expect(await areaNames()).toContain('patching');
  });

  it('keeps the refused confirmations apart from the changes', async () => {
    const { code } = await asked();
    await h.say('bob', `confirm ${code}`);
    await h.say('bob', 'confirm ABCDEF');
    expect(await h.sayText('alice', 'audit')).not.toContain('confirm');
    expect(await h.sayText('alice', 'audit refusals')).toMatch(/bob · confirm · 2 times/);
  });

  it('checks the permission again when confirming: a manager removed meanwhile cannot', async () => {
    const { code } = await asked();
    await h.say('bob', `confirm ${codeIn(await h.say('bob', 'managers remove @alice'))}`);
    expect(await h.sayText('alice', `confirm ${code}`)).toContain(
      'Only managers of this channel can run `matrix remove`',
    );
    expect(await areaNames()).toContain('patching');
  });
});
