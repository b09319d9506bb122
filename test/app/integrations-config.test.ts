import { describe, expect, it } from 'vitest';
import { FACES } from '../../adapters/faces.js';
import { loadConfig } from '../../src/app/config.js';
import { directoryOf, loadIntegrations } from '../../src/app/integrations-config.js';
import { ConfigError } from '../../src/kernel/errors.js';

const YAML = `
integrations:
  - name: pagerduty-msp
    kind: pagerduty
    routing_key_env: PD_ROUTING_KEY
    webhook_secret_env: PD_WEBHOOK_SECRET
    channels: [slack:C0123ABCD]
  - name: opsgenie-noc
    kind: opsgenie
    api_key_env: OPSGENIE_KEY
  - name: mail-noc
    kind: email
    smtp: { host: smtp.acme.example, port: 587, user: tandem, password_env: SMTP_PASSWORD }
    from: tandem@acme.example
    to: [noc@northwind.example]
  - name: rmm
    kind: webhook
    secret_env: RMM_SECRET
    channels: [slack:C0123ABCD]
`;
const ENV = {
  PD_ROUTING_KEY: 'rk-1234567890',
  PD_WEBHOOK_SECRET: 'whsec-abc',
  OPSGENIE_KEY: 'og-key',
  SMTP_PASSWORD: 'pw',
  RMM_SECRET: 'rmm-secret',
};
const load = (text: string, env: NodeJS.ProcessEnv = ENV, path = 'integrations.yaml') =>
  loadIntegrations(path, env, { requireSecrets: true, readFile: () => text });

describe('the integrations file (TANDEM_INTEGRATIONS)', () => {
  it('reads YAML, takes each secret from the variable it names, and shows the core no secret', () => {
    const config = load(YAML);
    expect(config.specs.map((s) => s.name)).toEqual(['pagerduty-msp', 'opsgenie-noc', 'mail-noc', 'rmm']);
    expect(config.specs[0]).toMatchObject({
      routingKey: 'rk-1234567890',
      url: 'https://events.pagerduty.com/v2/enqueue',
    });
    const infos = JSON.stringify(directoryOf(config).list());
    for (const secret of Object.values(ENV)) expect(infos).not.toContain(secret);
    expect(directoryOf(config).get('rmm')).toMatchObject({ target: null, inbound: { channels: ['slack:C0123ABCD'] } });
  });

  it('reads the same as JSON', () => {
    const json = JSON.stringify({
      integrations: [{ name: 'hook', kind: 'webhook', url: 'https://example.com/in', secret_env: 'RMM_SECRET' }],
    });
    expect(load(json, ENV, 'integrations.json').specs[0]).toMatchObject({ name: 'hook', secret: 'rmm-secret' });
  });

  it('stops the start naming the field: a non-https address, a bad name, an unknown kind, a secret typed in', () => {
    const bad = (text: string) => () => load(text);
    expect(
      bad('integrations:\n  - {name: pd, kind: pagerduty, routing_key_env: K, url: "http://pd.example/x"}'),
    ).toThrow(/integrations\[0\] \(pd\)\.url: must be an https:\/\/ address/);
    expect(bad('integrations:\n  - {name: PD!, kind: webhook, secret_env: K}')).toThrow(
      /integrations\[0\].*\.name: must be/,
    );
    expect(bad('integrations:\n  - {name: x, kind: pager}')).toThrow(/integrations\[0\] \(x\)\.kind/);
    expect(bad('integrations:\n  - {name: x, kind: opsgenie, api_key_env: "abc-123-secret"}')).toThrow(
      /api_key_env: must be the NAME of an environment variable/,
    );
    expect(bad('integrations:\n  - {name: x, kind: opsgenie, api_key_env: K, api_key: s3cr3t}')).toThrow(ConfigError);
  });

  it('allows http:// only on loopback, for tests and local receivers', () => {
    const text = 'integrations:\n  - {name: pd, kind: pagerduty, routing_key_env: K, url: "http://127.0.0.1:9/x"}';
    expect(load(text, { K: 'k' }).specs[0]).toMatchObject({ url: 'http://127.0.0.1:9/x' });
  });

  it('names a missing secret variable, a duplicate name and unreadable YAML', () => {
    expect(() => load(YAML, { ...ENV, OPSGENIE_KEY: undefined })).toThrow(
      /opsgenie-noc\.api_key_env: the environment variable OPSGENIE_KEY is not set/,
    );
    const twice =
      'integrations:\n  - {name: a, kind: webhook, secret_env: K}\n  - {name: a, kind: webhook, secret_env: K}';
    expect(() => load(twice, { K: 'k' })).toThrow(/a: the name is used twice/);
    expect(() => load('integrations: [ {')).toThrow(/cannot be read as YAML/);
  });

  it('is read at start with the rest of the configuration; a missing file stops it', () => {
    const env = { TANDEM_INTEGRATIONS: '/nonexistent/integrations.yaml' };
    expect(() => loadConfig(env, FACES)).toThrow(/integrations file \/nonexistent\/integrations.yaml.*does not exist/);
    // In the console nothing is sent, so the secrets may be missing.
    const console = loadConfig({ TANDEM_INTEGRATIONS: 'x.yaml' }, FACES, () => YAML);
    expect(console.integrations.specs).toHaveLength(4);
  });
});
