// The sentences a person reads next to a form field they must fix, in English and Simplified Chinese (BOT_LOCALE).
// Arguments arrive as plain values; the form shows these as plain text, so nothing here escapes.
import type { BotLocale } from './cloud-errors';
import type { RequestStatus } from './request';

export interface FormMessages {
  mail: {
    missing: string;
    tooLong(max: number, length: number): string;
    spaces: string;
    notAscii(hex: string): string;
    example: string;
    noAt: string;
    manyAt: string;
    badLocalPart: string;
    noDomain: string;
    badDomain: string;
  };
  bandwidth: {
    missing(min: number, max: number): string;
    notDigits(min: number, max: number): string;
    /** `kbps` is the number typed when it is short enough to repeat, otherwise undefined. */
    tooHigh(kbps: string | undefined, min: number, max: number): string;
    tooLow(min: number, max: number): string;
  };
  ip: {
    garbage: string;
    notIPv4: string;
    withPrefix: string;
    leadingZeros: string;
    invalid: string;
    rangeSettingBroken: string;
    outsideRange(address: string, block: string, first: string, last: string): string;
    notPrivateInRange(address: string): string;
    reserved(address: string, which: 'network' | 'broadcast', block: string, first: string, last: string): string;
    public(address: string): string;
  };
  userName: {
    notText(min: number, max: number): string;
    wrongLength(min: number, max: number, length: number): string;
    badStart(min: number, max: number): string;
    badCharacter(min: number, max: number, isSpace: boolean): string;
  };
  reason: {
    notText: string;
    tooLong(max: number, length: number): string;
    denyMissing: string;
  };
  requester: {
    notOwnMail(ownMail: string | undefined): string;
    mailNotInTime: string;
    noProfileMail: string;
    openRequestExists(id: string, status: RequestStatus, since: string): string;
  };
}

const MAIL_EXAMPLE_EN = 'Enter an e-mail address like name@example.com.';
const IP_EXAMPLE_EN = 'Enter one IPv4 address like 10.0.0.5 (four numbers from 0 to 255 separated by dots)';
const bandwidthRangeEn = (min: number, max: number) => `a whole number of Kbps from ${min} to ${max}`;
const userNameRuleEn = (min: number, max: number) => `User names are ${min}–${max} characters of letters, digits and _ @ . -, starting with a letter or digit`;

const EN: FormMessages = {
  mail: {
    missing: 'Enter the e-mail address the account details should be sent to.',
    tooLong: (max, length) => `An e-mail address can be at most ${max} characters; this one has ${length}.`,
    spaces: `Remove the spaces from the e-mail address. ${MAIL_EXAMPLE_EN}`,
    notAscii: (hex) =>
      `The e-mail address contains a character that is not plain ASCII (U+${hex}), perhaps a look-alike letter; type it again by hand, like name@example.com.`,
    example: MAIL_EXAMPLE_EN,
    noAt: `The e-mail address needs an @ and a domain. ${MAIL_EXAMPLE_EN}`,
    manyAt: `An e-mail address has exactly one @. ${MAIL_EXAMPLE_EN}`,
    badLocalPart: `The part before the @ may use only letters, digits and . _ % + - (no dot at either end, no two dots in a row). ${MAIL_EXAMPLE_EN}`,
    noDomain: `The e-mail address needs a full domain after the @, such as example.com. ${MAIL_EXAMPLE_EN}`,
    badDomain: `The domain after the @ doesn't look right; it should be like example.com. ${MAIL_EXAMPLE_EN}`,
  },
  bandwidth: {
    missing: (min, max) => `Enter the bandwidth: ${bandwidthRangeEn(min, max)}.`,
    notDigits: (min, max) => `Enter the bandwidth as ${bandwidthRangeEn(min, max)}, digits only (e.g. 512).`,
    tooHigh: (kbps, min, max) => `${kbps !== undefined ? `${kbps} Kbps` : 'That'} is above the maximum; enter ${bandwidthRangeEn(min, max)}.`,
    tooLow: (min, max) => `Bandwidth must be at least ${min} Kbps; enter ${bandwidthRangeEn(min, max)}.`,
  },
  ip: {
    garbage: `${IP_EXAMPLE_EN}, or leave it empty.`,
    notIPv4: `Only IPv4 addresses are supported. ${IP_EXAMPLE_EN}.`,
    withPrefix: `Enter a single address without a /prefix. ${IP_EXAMPLE_EN}.`,
    leadingZeros: 'Write each number of the address without leading zeros, e.g. 10.0.0.1 rather than 010.0.0.1.',
    invalid: `${IP_EXAMPLE_EN}.`,
    rangeSettingBroken: "Static addresses can't be checked because the bot's client range setting is invalid; leave this empty or ask an administrator.",
    outsideRange: (address, block, first, last) =>
      `${address} is outside the client range ${block}; choose an address from ${first} to ${last} (client range ${block}), or leave it empty.`,
    notPrivateInRange: (address) => `${address} is not a private address (10.x, 172.16–31.x or 192.168.x); leave it empty.`,
    reserved: (address, which, block, first, last) =>
      `${address} is the ${which} address of ${block} and can't be given to a client; choose an address from ${first} to ${last} (client range ${block}).`,
    public: (address) => `${address} is a public address; use a private one (10.x.x.x, 172.16–31.x.x or 192.168.x.x), or leave it empty.`,
  },
  userName: {
    notText: (min, max) => `${userNameRuleEn(min, max)}.`,
    wrongLength: (min, max, length) => `${userNameRuleEn(min, max)}; this one has ${length}.`,
    badStart: (min, max) => `${userNameRuleEn(min, max)}; this one starts with something else.`,
    badCharacter: (min, max, isSpace) => `${userNameRuleEn(min, max)}; this one contains ${isSpace ? 'a space' : 'another character'}.`,
  },
  reason: {
    notText: 'Enter the reason as text.',
    tooLong: (max, length) => `Keep the reason to ${max} characters or fewer; it is ${length} now.`,
    denyMissing: 'Tell the requester why the request is denied.',
  },
  requester: {
    notOwnMail: (ownMail) => `You can request access only for your own e-mail (${ownMail}); an approver can request it for someone else.`,
    mailNotInTime: 'Slack did not tell the bot your e-mail in time; please press Request again.',
    noProfileMail: 'Your Slack profile shows no e-mail the bot can read, so you can request access only through an approver.',
    openRequestExists: (id, status, since) => `There is already an open request for this e-mail: ${id} (${status}, since ${since} UTC).`,
  },
};

const MAIL_EXAMPLE_ZH = '请输入形如 name@example.com 的邮箱地址。';
const IP_EXAMPLE_ZH = '请输入一个 IPv4 地址，例如 10.0.0.5（四个 0 到 255 之间的数字，用点分隔）';
const bandwidthRangeZh = (min: number, max: number) => `${min} 到 ${max} Kbps 之间的整数`;
const userNameRuleZh = (min: number, max: number) => `用户名须为 ${min}–${max} 个字符，只能包含字母、数字和 _ @ . -，并以字母或数字开头`;

/** The same statuses the Slack messages name (src/slack/i18n.ts reads them from here). */
export const REQUEST_STATUS_ZH: Record<RequestStatus, string> = {
  pending: '待审批',
  approved: '已批准',
  provisioning: '正在创建',
  provisioned: '已创建',
  failed: '创建失败',
  denied: '已拒绝',
  cancelled: '已取消',
  expired: '已过期',
};

const ZH: FormMessages = {
  mail: {
    missing: '请输入接收账号信息的邮箱地址。',
    tooLong: (max, length) => `邮箱地址最多 ${max} 个字符，当前为 ${length} 个。`,
    spaces: `请删除邮箱地址中的空格。${MAIL_EXAMPLE_ZH}`,
    notAscii: (hex) => `邮箱地址含有非 ASCII 字符（U+${hex}），可能是形似字母的字符；请手动重新输入，例如 name@example.com。`,
    example: MAIL_EXAMPLE_ZH,
    noAt: `邮箱地址需要包含 @ 和域名。${MAIL_EXAMPLE_ZH}`,
    manyAt: `邮箱地址只能包含一个 @。${MAIL_EXAMPLE_ZH}`,
    badLocalPart: `@ 前面的部分只能使用字母、数字和 . _ % + -（不能以点开头或结尾，也不能有连续的两个点）。${MAIL_EXAMPLE_ZH}`,
    noDomain: `@ 后面需要完整的域名，例如 example.com。${MAIL_EXAMPLE_ZH}`,
    badDomain: `@ 后面的域名格式不对，应形如 example.com。${MAIL_EXAMPLE_ZH}`,
  },
  bandwidth: {
    missing: (min, max) => `请输入带宽：${bandwidthRangeZh(min, max)}。`,
    notDigits: (min, max) => `请只用数字输入带宽，取值为 ${bandwidthRangeZh(min, max)}（例如 512）。`,
    tooHigh: (kbps, min, max) => `${kbps !== undefined ? `${kbps} Kbps ` : '该值'}超过了上限；请输入 ${bandwidthRangeZh(min, max)}。`,
    tooLow: (min, max) => `带宽至少为 ${min} Kbps；请输入 ${bandwidthRangeZh(min, max)}。`,
  },
  ip: {
    garbage: `${IP_EXAMPLE_ZH}，或留空。`,
    notIPv4: `仅支持 IPv4 地址。${IP_EXAMPLE_ZH}。`,
    withPrefix: `请输入单个地址，不要带 /前缀长度。${IP_EXAMPLE_ZH}。`,
    leadingZeros: '地址中的每个数字都不能有前导零，例如应写 10.0.0.1 而不是 010.0.0.1。',
    invalid: `${IP_EXAMPLE_ZH}。`,
    rangeSettingBroken: '机器人的客户端地址段（CIDR）配置无效，无法校验固定地址；请留空，或联系管理员。',
    outsideRange: (address, block, first, last) =>
      `${address} 不在客户端地址段 ${block} 内；请选择 ${first} 到 ${last} 之间的地址（客户端地址段 ${block}），或留空。`,
    notPrivateInRange: (address) => `${address} 不是私网地址（10.x、172.16–31.x 或 192.168.x）；请留空。`,
    reserved: (address, which, block, first, last) =>
      `${address} 是 ${block} 的${which === 'network' ? '网络地址' : '广播地址'}，不能分配给客户端；请选择 ${first} 到 ${last} 之间的地址（客户端地址段 ${block}）。`,
    public: (address) => `${address} 是公网地址；请使用私网地址（10.x.x.x、172.16–31.x.x 或 192.168.x.x），或留空。`,
  },
  userName: {
    notText: (min, max) => `${userNameRuleZh(min, max)}。`,
    wrongLength: (min, max, length) => `${userNameRuleZh(min, max)}；当前为 ${length} 个字符。`,
    badStart: (min, max) => `${userNameRuleZh(min, max)}；当前开头的字符不是字母或数字。`,
    badCharacter: (min, max, isSpace) => `${userNameRuleZh(min, max)}；当前含有${isSpace ? '空格' : '其他字符'}。`,
  },
  reason: {
    notText: '请以文字填写理由。',
    tooLong: (max, length) => `理由最多 ${max} 个字符，当前为 ${length} 个。`,
    denyMissing: '请告诉申请人拒绝的理由。',
  },
  requester: {
    notOwnMail: (ownMail) => `您只能为自己的邮箱（${ownMail}）申请访问权限；为他人申请需由审批人提交。`,
    mailNotInTime: 'Slack 未能及时告知机器人您的邮箱；请再次点击“提交申请”。',
    noProfileMail: '您的 Slack 个人资料中没有机器人可读取的邮箱，因此只能通过审批人申请访问权限。',
    openRequestExists: (id, status, since) => `该邮箱已有一个未完成的申请：${id}（${REQUEST_STATUS_ZH[status]}，提交于 ${since} UTC）。`,
  },
};

/** The messages for a locale; anything but zh-CN reads English. */
export function formMessages(locale: BotLocale | undefined): FormMessages {
  return locale === 'zh-CN' ? ZH : EN;
}
