import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadApprovalPolicy, parseApprovalPolicy } from '../../src/approval-policy-file';
import { DEFAULT_APPROVAL_POLICY } from '../../src/domain/policy';

describe('the approval policy file', () => {
  it('reads ordered rules and the auto-approval cap', () => {
    const loaded = parseApprovalPolicy(
      JSON.stringify({
        autoApprovalCap: { max: 5, per: '12h' },
        rules: [
          { name: 'big needs a person', description: 'why', maxBandwidthKbps: 2000, staticIp: 'present', action: 'require-approval' },
          { name: 'staff', requestFor: 'self', emailDomains: [' Example.COM '], maxBandwidthKbps: 1000, staticIp: 'absent', action: 'auto-approve' },
        ],
      }),
    );
    expect(loaded).toEqual({
      ok: true,
      policy: {
        cap: { max: 5, periodMs: 12 * 3_600_000 },
        rules: [
          { name: 'big needs a person', maxBandwidthKbps: 2000, staticIp: 'present', action: 'require-approval' },
          { name: 'staff', requestFor: 'self', emailDomains: ['example.com'], maxBandwidthKbps: 1000, staticIp: 'absent', action: 'auto-approve' },
        ],
      },
    });
  });

  it('defaults the cap to 20 per 24 hours', () => {
    const loaded = parseApprovalPolicy('{"rules":[{"name":"all","action":"auto-approve"}]}');
    expect(loaded.ok && loaded.policy.cap).toEqual({ max: 20, periodMs: 86_400_000 });
  });

  it('reports every mistake at once, with where it is', () => {
    const loaded = parseApprovalPolicy(
      JSON.stringify({
        autoApprovalCap: { max: -1, per: 'daily' },
        rules: [
          { name: 'a', action: 'approve' },
          { name: 'a', emailDomain: ['example.com'], action: 'auto-approve' },
          { name: '', maxBandwidthKbps: 10.5, staticIp: 'maybe', emailDomains: ['not a domain'], action: 'auto-approve' },
        ],
      }),
    );
    expect(loaded.ok).toBe(false);
    const problems = loaded.ok ? [] : loaded.problems.join('\n');
    for (const where of ['autoApprovalCap.max', 'autoApprovalCap.per', 'rules.0.action', 'rules.1', 'rules.2.name', 'rules.2.maxBandwidthKbps', 'rules.2.staticIp', 'rules.2.emailDomains.0']) {
      expect(problems).toContain(where);
    }
    expect(problems).toMatch(/emailDomain/);
  });

  it('refuses duplicate rule names and text that is not JSON', () => {
    const dup = parseApprovalPolicy('{"rules":[{"name":"x","action":"auto-approve"},{"name":"x","action":"require-approval"}]}');
    expect(dup.ok ? [] : dup.problems).toEqual([expect.stringMatching(/rules\.1\.name .*unique/)]);
    const broken = parseApprovalPolicy('rules:\n  - name: x');
    expect(broken.ok ? [] : broken.problems).toEqual([expect.stringMatching(/not valid JSON/)]);
  });

  it('uses the default (a person decides everything) without a file and names an unreadable file', () => {
    expect(loadApprovalPolicy(undefined)).toEqual({ ok: true, policy: DEFAULT_APPROVAL_POLICY });
    const missing = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'policy-')), 'nope.json');
    expect(loadApprovalPolicy(missing)).toEqual({ ok: false, problems: [expect.stringContaining(`APPROVAL_POLICY_FILE cannot be read (${missing}): ENOENT`)] });
  });
});
