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
import { helpReply, statusReply, cancelReply } from '../../../src/slack/blocks/command-replies';
import { homeView } from '../../../src/slack/blocks/home';
import { reminderMessage } from '../../../src/slack/blocks/reminder';
import { requestSummary } from '../../../src/slack/blocks/request-summary';
import { welcomeMessage } from '../../../src/slack/blocks/welcome';
import { RESTARTING_TEXT } from '../../../src/slack/draining-gate';
import { validateDenyReason, validateRequestForm, type RequestFormInput, type ValidationLimits } from '../../../src/domain/validation';
import { formMessages } from '../../../src/domain/form-messages';
import type { CancelResult } from '../../../src/services/cancel-request';

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

// The self-service surfaces: App Home, welcome, reminders, `status` / `help` / `cancel` replies.
// Stricter than ENGLISH_TEMPLATE: any English word of three letters or more, once the names that stay as they are
// (Kbps, SAG, VPN, App, Slack, SmartAG, RequestId, the subcommands, e-mail addresses, Slack tokens) are taken out.
const KEPT = /<[^>]*>|`[^`]*`|\b[\w.+-]+@[\w.-]+\b|\bexample\.com\b|\bsagr_\w+|:[a-z_]+:|\b(?:UTC|Kbps|SAG|VPN|App|Slack|SmartAG|Access|Bot|RequestId|IPv4|CIDR|ASCII|ID|status|help|cancel)\b/g;
const ENGLISH_WORD = /[A-Za-z]{3,}/;
// What the fixtures typed (user name, reason, rule name) is shown as typed.
const TYPED = /steve\.vpn|home office|“[^”]*”/g;
const englishLeft = (text: string) => text.replace(TYPED, ' ').replace(KEPT, ' ').match(new RegExp(ENGLISH_WORD, 'g')) ?? [];

const allStatuses = REQUEST_STATUSES.map((status) => ({ ...inStatus(status), decidedAt: new Date('2025-01-01T01:00:00Z') }));
const byRule = { ...inStatus('approved'), decidedBy: undefined, approvedByRule: 'staff' } as AccessRequest;

describe('self-service text, in Chinese', () => {
  it('App Home: title, my requests in every status, the cancel confirmation and the approver section', () => {
    const home = homeView({ userId: 'U0STEVE', myRequests: [...allStatuses, byRule], waitingForYou: { total: 40, requests: [inStatus('pending')] } }, 'zh-CN');
    const text = readable({ text: '', blocks: home.blocks });
    expect(text).toContain('我的申请');
    expect(text).toContain('等待您审批（40）');
    expect(text).toContain('取消此申请？');
    expect(text).toContain('申请 VPN 访问');
    expect(englishLeft(text)).toEqual([]);
    const empty = readable({ text: '', blocks: homeView({ userId: 'U0STEVE', myRequests: [], waitingForYou: { total: 0, requests: [] } }, 'zh-CN').blocks });
    expect(empty).toContain('暂无申请');
    expect(englishLeft(empty)).toEqual([]);
  });

  it.each(allStatuses.map((r) => [r.status, r] as const))('the summary of a %s request', (_status, r) => {
    const text = requestSummary(r, 'zh-CN');
    expect(text).toContain(slackStrings('zh-CN').summary.status[r.status]);
    expect(englishLeft(text)).toEqual([]);
  });

  it('the welcome and its button', () => {
    const text = readable(welcomeMessage('zh-CN', '/vpn'));
    expect(text).toContain('欢迎');
    expect(text).toContain('`/vpn`');
    expect(englishLeft(text)).toEqual([]);
  });

  it('the reminder, its waiting time in Chinese units', () => {
    const text = reminderMessage(inStatus('pending'), { number: 2, waitingMs: 90 * 60_000 + 5_000 }, ['U0ALEX', 'S0GROUP'], 'zh-CN').text;
    expect(text).toContain('已等待审批 1 小时 30 分钟（第 2 次提醒）');
    expect(text).toContain('<@U0ALEX> <!subteam^S0GROUP>：');
    expect(englishLeft(text)).toEqual([]);
  });

  it('help, status and every cancel answer', () => {
    const replies = [
      helpReply('/vpn', undefined, 'zh-CN').text,
      helpReply('/vpn', 'frob', 'zh-CN').text,
      statusReply([], 'zh-CN').text,
      ...(() => {
        const r = statusReply([...allStatuses, ...allStatuses], 'zh-CN');
        return [r.text, readable({ text: '', blocks: r.blocks! })];
      })(),
      ...([
        { ok: true, request: inStatus('cancelled') },
        { ok: false, refusal: 'missing_id' },
        { ok: false, refusal: 'not_found' },
        { ok: false, refusal: 'not_yours' },
        { ok: false, refusal: 'not_pending', status: 'provisioned' },
      ] as CancelResult[]).map((result) => cancelReply(result, 'sagr_000000000000', '/vpn', 'zh-CN').text),
    ];
    for (const text of replies) {
      expect(text).toMatch(HAN);
      expect(englishLeft(text)).toEqual([]);
    }
    expect(replies[4]).toContain('显示 10 个');
  });

  it('the restarting notice and the form-not-opened apology', () => {
    const t = slackStrings('zh-CN');
    for (const text of [t.restarting, t.formNotOpenedFromButton]) expect(englishLeft(text)).toEqual([]);
    expect(RESTARTING_TEXT).toBe(slackStrings('en').restarting);
  });
});

describe('the configured slash command', () => {
  it('is the one the welcome names, in either language', () => {
    expect(welcomeMessage('en', '/vpn').text).toContain('type `/vpn`.');
    expect(welcomeMessage('en', '/vpn').text).not.toContain('/sag-access');
    expect(welcomeMessage().text).toContain('type `/sag-access`.');
  });

  it('is the one the App Home cancel refusal names, without the status hint the command answer adds', () => {
    const missing = cancelReply({ ok: false, refusal: 'missing_id' }, '', '/vpn', 'en', 'home').text;
    expect(missing).toBe('Which request? `/vpn cancel <request id>` — `/vpn status` lists your requests and their ids.');
    expect(cancelReply({ ok: false, refusal: 'not_found' }, 'sagr_x', '/vpn', 'en', 'home').text).toBe('There is no request `sagr_x`.');
    expect(cancelReply({ ok: false, refusal: 'not_found' }, 'sagr_x', '/vpn').text).toBe('There is no request `sagr_x`. `/vpn status` lists yours.');
  });
});

// One input per sentence the form can show; the Chinese must carry the same numbers, addresses and ranges.
const limits: ValidationLimits = { maxBandwidthKbps: 2000, clientCidr: '10.10.0.0/16' };
const noRange: ValidationLimits = { maxBandwidthKbps: 2000 };
const badForms: Array<[string, RequestFormInput, ValidationLimits]> = [
  ['missing fields', { userMail: '', bandwidthKbps: '' }, limits],
  ['e-mail not text', { userMail: 42 as unknown as string }, limits],
  ['e-mail too long', { userMail: `${'a'.repeat(250)}@b.io` }, limits],
  ['e-mail with a space', { userMail: 'a b@c.io' }, limits],
  ['e-mail with a look-alike', { userMail: 'аlice@example.com' }, limits],
  ['e-mail without @', { userMail: 'nope' }, limits],
  ['e-mail with two @', { userMail: 'a@@b.io' }, limits],
  ['e-mail local part', { userMail: '.a@b.io' }, limits],
  ['e-mail without a full domain', { userMail: 'a@b' }, limits],
  ['e-mail with a bad domain', { userMail: 'a@-b.io' }, limits],
  ['bandwidth not digits', { bandwidthKbps: 'abc' }, limits],
  ['bandwidth too high', { bandwidthKbps: '2001' }, limits],
  ['bandwidth far too high', { bandwidthKbps: '9'.repeat(20) }, limits],
  ['bandwidth zero', { bandwidthKbps: '0' }, limits],
  ['IP not text', { clientIp: {} as unknown as string }, limits],
  ['IPv6', { clientIp: '::1' }, limits],
  ['IP with prefix', { clientIp: '10.10.0.0/24' }, limits],
  ['IP with leading zeros', { clientIp: '010.10.0.1' }, limits],
  ['IP malformed', { clientIp: '1.2.3' }, limits],
  ['IP outside the range', { clientIp: '10.9.0.1' }, limits],
  ['IP network address', { clientIp: '10.10.0.0' }, limits],
  ['IP broadcast address', { clientIp: '10.10.255.255' }, limits],
  ['IP public inside a public range', { clientIp: '8.8.8.8' }, { maxBandwidthKbps: 2000, clientCidr: '8.8.8.0/24' }],
  ['IP range setting broken', { clientIp: '10.10.0.5' }, { maxBandwidthKbps: 2000, clientCidr: 'bad' }],
  ['IP public', { clientIp: '8.8.8.8' }, noRange],
  ['user name not text', { userName: [] as unknown as string }, limits],
  ['user name too short', { userName: 'ab' }, limits],
  ['user name bad start', { userName: '-abcdefg' }, limits],
  ['user name with a space', { userName: 'abc defg' }, limits],
  ['user name with another character', { userName: 'abc#defg' }, limits],
  ['reason not text', { reason: 3 as unknown as string }, limits],
  ['reason too long', { reason: 'x'.repeat(501) }, limits],
];

/** Numbers, addresses, ranges and the characters a person must type: what both languages must agree on. */
const FACTS = /\d+(?:[.\/–-]\d+)*|U\+[0-9A-F]{4}|[_@%+]/g;
const facts = (s: string) => [...new Set(s.match(FACTS) ?? [])].sort();

describe('form field errors, in Chinese', () => {
  it.each(badForms)('%s', (_what, input, l) => {
    const en = validateRequestForm({ userMail: 'a@b.io', bandwidthKbps: '5', ...input }, l);
    const zh = validateRequestForm({ userMail: 'a@b.io', bandwidthKbps: '5', ...input }, l, 'zh-CN');
    if (en.ok || zh.ok) throw new Error('expected errors');
    expect(Object.keys(zh.errors).sort()).toEqual(Object.keys(en.errors).sort());
    for (const [field, message] of Object.entries(zh.errors)) {
      expect(message).toMatch(HAN);
      expect(englishLeft(message)).toEqual([]);
      expect(facts(message)).toEqual(facts(en.errors[field as keyof typeof en.errors]!));
    }
  });

  it('names the range the address must lie in', () => {
    const zh = validateRequestForm({ userMail: 'a@b.io', bandwidthKbps: '5', clientIp: '10.9.0.1' }, limits, 'zh-CN');
    expect(zh.ok === false && zh.errors.clientIp).toBe('10.9.0.1 不在客户端地址段 10.10.0.0/16 内；请选择 10.10.0.1 到 10.10.255.254 之间的地址（客户端地址段 10.10.0.0/16），或留空。');
    const bw = validateRequestForm({ userMail: 'a@b.io', bandwidthKbps: '3000' }, { maxBandwidthKbps: 1500 }, 'zh-CN');
    expect(bw.ok === false && bw.errors.bandwidthKbps).toBe('3000 Kbps 超过了上限；请输入 1 到 1500 Kbps 之间的整数。');
  });

  it('the deny reason', () => {
    for (const text of ['', 'x'.repeat(501)]) {
      const zh = validateDenyReason(text, 'zh-CN');
      const en = validateDenyReason(text);
      if (zh.ok || en.ok) throw new Error('expected an error');
      expect(englishLeft(zh.error)).toEqual([]);
      expect(facts(zh.error)).toEqual(facts(en.error));
    }
    expect(validateDenyReason('', 'zh-CN')).toEqual({ ok: false, error: '请告诉申请人拒绝的理由。' });
  });

  it('who may request for whom, and the open request already there', () => {
    const zh = formMessages('zh-CN').requester;
    const en = formMessages('en').requester;
    const texts = [zh.notOwnMail('steve@example.com'), zh.mailNotInTime, zh.noProfileMail, zh.openRequestExists('sagr_ABCDEFGHIJKL', 'pending', '2025-01-01 00:00')];
    for (const text of texts) expect(englishLeft(text)).toEqual([]);
    expect(texts[3]).toBe('该邮箱已有一个未完成的申请：sagr_ABCDEFGHIJKL（待审批，提交于 2025-01-01 00:00 UTC）。');
    expect(en.openRequestExists('sagr_ABCDEFGHIJKL', 'pending', '2025-01-01 00:00')).toBe(
      'There is already an open request for this e-mail: sagr_ABCDEFGHIJKL (pending, since 2025-01-01 00:00 UTC).',
    );
  });

  it('stays English for any other locale', () => {
    const form = { userMail: 'nope', bandwidthKbps: '0' };
    expect(validateRequestForm(form, limits, 'fr' as never)).toEqual(validateRequestForm(form, limits));
  });
});
