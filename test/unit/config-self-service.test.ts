import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';

const base = {
  SLACK_BOT_TOKEN: 'xoxb-1',
  SLACK_SIGNING_SECRET: 's',
  SLACK_ADMIN_CHANNEL_ID: 'C0ADMINS',
  SLACK_APPROVER_IDS: 'U0ALEX',
  SAG_REGION_ID: 'cn-shanghai',
  SAG_INSTANCE_ID: 'sag-abc123',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...base, ...env });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('self-service settings', () => {
  it('defaults to a welcome, requests for others allowed, reminders after 15 minutes, expiry after 72 hours, a person for everything', () => {
    expect(loadConfig(base).selfService).toEqual({
      welcomeNewMembers: true,
      allowRequestsForOthers: true,
      reminderAfterMs: 15 * 60_000,
      requestTtlMs: 72 * 3_600_000,
      approvalPolicyFile: undefined,
      approvalPolicy: { rules: [], cap: { max: 20, periodMs: 86_400_000 } },
    });
  });

  it('reads switches and durations as people write them', () => {
    const c = loadConfig({ ...base, ONBOARDING_WELCOME: 'off', ALLOW_REQUESTS_FOR_OTHERS: 'FALSE', REMINDER_AFTER: '1h', REQUEST_TTL: '7d' }).selfService;
    expect(c).toMatchObject({ welcomeNewMembers: false, allowRequestsForOthers: false, reminderAfterMs: 3_600_000, requestTtlMs: 7 * 86_400_000 });
  });

  it('lists a bad switch, a bad duration and a bad policy file together with the other problems', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'policy-')), 'policy.json');
    fs.writeFileSync(file, '{"rules":[{"name":"x","action":"yes"}]}');
    const found = problems({ ONBOARDING_WELCOME: 'sometimes', REMINDER_AFTER: '15', REQUEST_TTL: '10s', APPROVAL_POLICY_FILE: file, SAG_REGION_ID: 'nowhere' });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ONBOARDING_WELCOME must be true or false/),
        expect.stringMatching(/^REMINDER_AFTER must be a duration/),
        expect.stringMatching(/^REQUEST_TTL must be a duration of at least 1m/),
        expect.stringMatching(/^SAG_REGION_ID /),
        expect.stringContaining(`APPROVAL_POLICY_FILE (${file}) rules.0.action`),
      ]),
    );
  });
});
