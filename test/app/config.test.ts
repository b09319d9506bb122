import { describe, expect, it } from 'vitest';
import { FACES } from '../../adapters/faces.js';
import { loadConfig } from '../../src/app/config.js';
import { ConfigError } from '../../src/kernel/errors.js';

describe('TANDEM_ADMINS', () => {
  it('reads platform:userId pairs, a Teams id with its own colons included', () => {
    const { base } = loadConfig({ TANDEM_ADMINS: ' slack:U0123ABCD, teams:29:1abc-def ,console:alice,' }, FACES);
    expect([...base.TANDEM_ADMINS]).toEqual(['slack:U0123ABCD', 'teams:29:1abc-def', 'console:alice']);
  });

  it('is empty when unset or empty', () => {
    expect(loadConfig({}, FACES).base.TANDEM_ADMINS.size).toBe(0);
    expect(loadConfig({ TANDEM_ADMINS: '' }, FACES).base.TANDEM_ADMINS.size).toBe(0);
  });

  it('stops startup naming the entry that is not platform:userId, and how to write it', () => {
    expect(() => loadConfig({ TANDEM_ADMINS: 'slack:U1,U0123ABCD' }, FACES)).toThrow(ConfigError);
    expect(() => loadConfig({ TANDEM_ADMINS: 'slack:U1,U0123ABCD' }, FACES)).toThrow(
      /TANDEM_ADMINS: “U0123ABCD” is not platform:userId; write e\.g\. slack:U0123ABCD,teams:29:1abc/,
    );
  });
});
