import { ConfigError, loadConfig } from '../../../src/config';

const env = {
  SLACK_BOT_TOKEN: 'xoxb-1',
  SLACK_SIGNING_SECRET: 'secret',
  SLACK_ADMIN_CHANNEL_ID: 'C0ADMINS',
  SLACK_APPROVER_IDS: 'U0ALEX',
  SAG_REGION_ID: 'cn-shanghai',
  SAG_INSTANCE_ID: 'sag-unit01',
};

describe('SmartAG timeouts and attempts in the configuration', () => {
  it('defaults to a 5 s connect timeout, a 10 s read timeout and 4 attempts', () => {
    expect(loadConfig(env).sag).toMatchObject({ connectTimeoutMs: 5000, readTimeoutMs: 10000, maxAttempts: 4 });
  });

  it('reads SAG_CONNECT_TIMEOUT_MS, SAG_READ_TIMEOUT_MS and SAG_MAX_ATTEMPTS', () => {
    const sag = loadConfig({ ...env, SAG_CONNECT_TIMEOUT_MS: '800', SAG_READ_TIMEOUT_MS: '30000', SAG_MAX_ATTEMPTS: '1' }).sag;
    expect(sag).toMatchObject({ connectTimeoutMs: 800, readTimeoutMs: 30000, maxAttempts: 1 });
  });

  it('refuses values that would hang the bot or hammer the API, naming each', () => {
    let err: unknown;
    try {
      loadConfig({ ...env, SAG_CONNECT_TIMEOUT_MS: '0', SAG_READ_TIMEOUT_MS: '10 s', SAG_MAX_ATTEMPTS: '50' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    expect(problems).toMatch(/SAG_CONNECT_TIMEOUT_MS/);
    expect(problems).toMatch(/SAG_READ_TIMEOUT_MS/);
    expect(problems).toMatch(/SAG_MAX_ATTEMPTS must be between 1 and 10/);
  });
});
