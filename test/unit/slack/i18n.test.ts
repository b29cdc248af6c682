import { REQUEST_STATUSES, type AccessRequest } from '../../../src/domain/request';
import type { DecisionRefusal } from '../../../src/domain/policy';
import type { PersonMessage } from '../../../src/services/ports';
import { adminMessage } from '../../../src/slack/blocks/admin-message';
import { cloudAccessNotice } from '../../../src/slack/blocks/cloud-access-notice';
import { denyModal } from '../../../src/slack/blocks/deny-modal';
import { personMessage } from '../../../src/slack/blocks/person-message';
import { refusalText } from '../../../src/slack/blocks/refusal';
import { requestModal } from '../../../src/slack/blocks/request-modal';
import { slackStrings } from '../../../src/slack/i18n';

const base: AccessRequest = {
  id: 'sagr_ABCDEFGHIJKL',
  status: 'failed',
  requesterId: 'U0STEVE',
  regionId: 'cn-shanghai',
  instanceId: 'sag-unit01',
  userMail: 'steve@example.com',
  bandwidthKbps: 100,
  clientIp: '10.10.0.20',
  userName: 'steve.vpn',
  reason: 'home office',
  createdAt: new Date('2025-01-01T00:00:00Z'),
  updatedAt: new Date('2025-01-01T00:00:00Z'),
  decidedBy: 'U0ALEX',
  attempts: 1,
  account: { userName: 'steve.vpn', userMail: 'steve@example.com', bandwidthKbps: 100, clientIp: '10.10.0.20', cloudRequestId: 'RID-OK' },
  failure: { code: 'ClientUser.UserOverLimit', message: 'quota', retryable: false, cloudRequestId: 'RID-FAIL' },
  denyReason: 'no',
} as AccessRequest;

const inStatus = (status: AccessRequest['status']): AccessRequest => ({ ...base, status });

const personMessages: PersonMessage[] = [
  { kind: 'submitted', request: inStatus('pending') },
  { kind: 'approved', request: inStatus('approved') },
  { kind: 'provisioned', request: inStatus('provisioned'), forTarget: false, passwordFollows: true },
  { kind: 'provisioned', request: inStatus('provisioned'), forTarget: true, passwordFollows: true },
  { kind: 'provisioned', request: inStatus('provisioned'), forTarget: false, passwordFollows: false },
  { kind: 'failed', request: inStatus('failed') },
  { kind: 'denied', request: inStatus('denied') },
  { kind: 'cancelled', request: inStatus('cancelled') },
  { kind: 'expired', request: inStatus('expired') },
  { kind: 'credentials', request: inStatus('provisioned'), userName: 'steve.vpn', password: 'Pw0123456789', forTarget: false },
];

const refusals: DecisionRefusal[] = [
  { kind: 'not_found' },
  { kind: 'not_approver' },
  { kind: 'own_request' },
  { kind: 'wrong_channel' },
  { kind: 'already_handled', status: 'provisioned', by: 'U0ALEX' },
];

// Words of the English templates that must not leak into a Chinese message.
const ENGLISH_TEMPLATE = /\b(Your|request|Approved|Denied|could not|is ready|waiting|Reason|Requested by|What to fix|Nothing was changed|Bandwidth\b(?! \()|User name)\b/;
const HAN = /[\u4e00-\u9fff]/;

/** Text a person reads: the message text and every mrkdwn/plain_text in its blocks. */
function readable(m: { text: string; blocks: unknown[] }): string {
  const texts: string[] = [m.text];
  JSON.stringify(m.blocks, (key, value) => {
    if (key === 'text' && typeof value === 'string') texts.push(value);
    return value;
  });
  return texts.join('\n');
}

describe('what people read, in Chinese', () => {
  it.each(personMessages.map((m) => [`${m.kind}${'forTarget' in m && m.forTarget ? ' (for the account holder)' : ''}`, m] as const))('the %s DM is Chinese throughout', (_kind, m) => {
    const text = readable(personMessage(m, 'zh-CN'));
    expect(text).toMatch(HAN);
    expect(text).not.toMatch(ENGLISH_TEMPLATE);
  });

  it.each([...REQUEST_STATUSES])('the admin message in status %s is Chinese throughout', (status) => {
    const text = readable(adminMessage(inStatus(status), 'zh-CN'));
    expect(text).toContain(slackStrings('zh-CN').headline[status]);
    expect(text).not.toMatch(ENGLISH_TEMPLATE);
  });

  it.each(refusals.map((r) => [r.kind, r] as const))('the %s refusal is Chinese', (_kind, r) => {
    expect(refusalText(r, 'zh-CN')).toMatch(HAN);
    expect(refusalText(r, 'zh-CN')).not.toMatch(ENGLISH_TEMPLATE);
  });

  it('the forms are Chinese', () => {
    const modal = JSON.stringify(requestModal({ bandwidthKbps: 1000, limits: { maxBandwidthKbps: 2000, clientCidr: '10.10.0.0/24' }, locale: 'zh-CN' }));
    expect(modal).toContain('需要访问权限的人的邮箱');
    expect(modal).not.toMatch(/E-mail of the person|Leave empty|Reason \(optional\)/);
    const deny = JSON.stringify(denyModal(base, 'zh-CN'));
    expect(deny).toContain('理由（将发送给申请人）');
  });

  it('the failed admin message keeps the code, RequestId and the translated retry advice', () => {
    const text = readable(adminMessage(inStatus('failed'), 'zh-CN'));
    expect(text).toContain('错误码 `ClientUser.UserOverLimit` · RequestId `RID-FAIL` · 重试无济于事');
  });

  it('the start-up notice speaks the bot\'s language', () => {
    const notice = cloudAccessNotice(
      { kind: 'cloud_access_failed', regionId: 'cn-shanghai', instanceId: 'sag-unit01', check: { ok: false, code: 'SignatureDoesNotMatch', problem: 'credentials', sentence: 'English sentence', endpoint: 'https://smartag.cn-shanghai.aliyuncs.com' } },
      'zh-CN',
    );
    expect(notice.text).toContain('AccessKey Secret 与 AccessKey ID 不匹配');
    expect(notice.text).not.toContain('English sentence');
    expect(cloudAccessNotice({ kind: 'cloud_access_restored', regionId: 'cn-shanghai', instanceId: 'sag-unit01', totalUsers: 2 }, 'zh-CN').text).toContain('SmartAG 访问已恢复');
  });
});

describe('what people read, in English', () => {
  it('keeps the English wording the flow was built with', () => {
    expect(personMessage({ kind: 'failed', request: base }, 'en').text).toBe(
      ':red_circle: The VPN account for steve@example.com could not be created (request `sagr_ABCDEFGHIJKL`). The gateway has no free client accounts left. IT has been told; send the request again once they have made room. (code `ClientUser.UserOverLimit`, RequestId `RID-FAIL`)',
    );
    expect(personMessage({ kind: 'provisioned', request: inStatus('provisioned'), forTarget: false, passwordFollows: true }, 'en').text).toBe(
      ':large_green_circle: The VPN account for steve@example.com is ready (request `sagr_ABCDEFGHIJKL`). User name `steve.vpn`; the password comes in a separate direct message to the account holder. Fixed IP `10.10.0.20`. Bandwidth 100 Kbps. Connect with the SAG VPN app (Smart Access Gateway app).',
    );
    expect(refusalText({ kind: 'already_handled', status: 'approved', by: 'auto rule' })).toBe('This request was already handled by rule “auto rule” (now approved). Nothing was changed.');
  });

  it('reads English for any locale it does not know', () => {
    expect(slackStrings(undefined)).toBe(slackStrings('en'));
  });
});
