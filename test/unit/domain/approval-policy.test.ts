import {
  capAllows,
  checkRequestFor,
  DEFAULT_APPROVAL_POLICY,
  evaluateApprovalPolicy,
  isOwnMail,
  type ApprovalPolicy,
  type ApprovalRule,
  type PolicySubject,
} from '../../../src/domain/policy';

const cap = { max: 20, periodMs: 86_400_000 };
const subject = (over: Partial<PolicySubject> = {}): PolicySubject => ({ userMail: 'ann@example.com', bandwidthKbps: 500, forSelf: true, ...over });
const only = (rule: Omit<ApprovalRule, 'name' | 'action'>): ApprovalPolicy => ({ rules: [{ name: 'r', action: 'auto-approve', ...rule }], cap });
const decides = (policy: ApprovalPolicy, s: PolicySubject) => evaluateApprovalPolicy(policy, s).action;

describe('the auto-approval policy', () => {
  it('sends every request to a person by default', () => {
    expect(evaluateApprovalPolicy(DEFAULT_APPROVAL_POLICY, subject())).toEqual({ action: 'require-approval' });
  });

  it('matches self-requests and requests on behalf of others separately', () => {
    expect(decides(only({ requestFor: 'self' }), subject({ forSelf: true }))).toBe('auto-approve');
    expect(decides(only({ requestFor: 'self' }), subject({ forSelf: false }))).toBe('require-approval');
    expect(decides(only({ requestFor: 'others' }), subject({ forSelf: false }))).toBe('auto-approve');
    expect(decides(only({ requestFor: 'others' }), subject({ forSelf: true }))).toBe('require-approval');
  });

  it('matches the e-mail domain exactly and case-insensitively, not a look-alike or subdomain', () => {
    const policy = only({ emailDomains: ['Example.com', 'corp.example.org'] });
    expect(decides(policy, subject({ userMail: 'ann@EXAMPLE.com' }))).toBe('auto-approve');
    expect(decides(policy, subject({ userMail: 'bob@corp.example.org' }))).toBe('auto-approve');
    expect(decides(policy, subject({ userMail: 'eve@example.com.evil.net' }))).toBe('require-approval');
    expect(decides(policy, subject({ userMail: 'eve@evil-example.com' }))).toBe('require-approval');
    expect(decides(policy, subject({ userMail: 'eve@sub.example.com' }))).toBe('require-approval');
  });

  it('allows bandwidth up to and including the cap', () => {
    const policy = only({ maxBandwidthKbps: 1000 });
    expect(decides(policy, subject({ bandwidthKbps: 1000 }))).toBe('auto-approve');
    expect(decides(policy, subject({ bandwidthKbps: 1001 }))).toBe('require-approval');
  });

  it('tells a fixed client IP from one out of the pool', () => {
    expect(decides(only({ staticIp: 'absent' }), subject())).toBe('auto-approve');
    expect(decides(only({ staticIp: 'absent' }), subject({ clientIp: '10.0.0.5' }))).toBe('require-approval');
    expect(decides(only({ staticIp: 'present' }), subject({ clientIp: '10.0.0.5' }))).toBe('auto-approve');
    expect(decides(only({ staticIp: 'present' }), subject())).toBe('require-approval');
  });

  it('needs every condition of a rule, and the first matching rule decides', () => {
    const policy: ApprovalPolicy = {
      cap,
      rules: [
        { name: 'fixed IPs need a person', staticIp: 'present', action: 'require-approval' },
        { name: 'staff for themselves', requestFor: 'self', emailDomains: ['example.com'], maxBandwidthKbps: 1000, action: 'auto-approve' },
      ],
    };
    expect(evaluateApprovalPolicy(policy, subject())).toEqual({ action: 'auto-approve', rule: 'staff for themselves' });
    expect(evaluateApprovalPolicy(policy, subject({ clientIp: '10.0.0.5' }))).toEqual({ action: 'require-approval', rule: 'fixed IPs need a person' });
    expect(evaluateApprovalPolicy(policy, subject({ bandwidthKbps: 2000 }))).toEqual({ action: 'require-approval' });
    expect(evaluateApprovalPolicy(policy, subject({ forSelf: false }))).toEqual({ action: 'require-approval' });
  });

  it('counts the cap: the 20th auto-approval of a period is allowed, the 21st is not', () => {
    expect(capAllows(cap, 19)).toBe(true);
    expect(capAllows(cap, 20)).toBe(false);
    expect(capAllows({ max: 0 }, 0)).toBe(false);
  });
});

describe('who may request access for whom', () => {
  it('treats the own Slack e-mail case-insensitively and an unknown one as not own', () => {
    expect(isOwnMail('Ann@Example.com', 'ann@example.com')).toBe(true);
    expect(isOwnMail(undefined, 'ann@example.com')).toBe(false);
  });

  it('lets anyone request for anyone unless switched off; then only approvers may ask for others', () => {
    expect(checkRequestFor('bob@example.com', { mail: 'ann@example.com', isApprover: false }, true)).toEqual({ allowed: true });
    expect(checkRequestFor('bob@example.com', { mail: 'ann@example.com', isApprover: false }, false)).toEqual({ allowed: false, reason: 'not_own_mail' });
    expect(checkRequestFor('ANN@example.com', { mail: 'ann@example.com', isApprover: false }, false)).toEqual({ allowed: true });
    expect(checkRequestFor('bob@example.com', { mail: 'ann@example.com', isApprover: true }, false)).toEqual({ allowed: true });
    expect(checkRequestFor('bob@example.com', { isApprover: false }, false)).toEqual({ allowed: false, reason: 'own_mail_unknown' });
  });
});
