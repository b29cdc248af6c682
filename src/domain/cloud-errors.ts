// What each SmartAG / Alibaba Cloud failure code means to the person who asked and to the admin who must fix it.

export type BotLocale = 'en' | 'zh-CN';

export interface CloudFailureDescription {
  /** For the person who asked: what happened and what to do next. */
  requester: string;
  /** For the approver / IT admin: what to fix. */
  operator: string;
  /** True when trying the same call again later can succeed without anyone changing anything. */
  retryable: boolean;
}

type Sentences = { requester: string; operator: string };
interface CatalogueEntry {
  retryable: boolean;
  en: Sentences;
  'zh-CN': Sentences;
}

const RAM_POLICY_EN =
  'attach the system policy AliyunSmartAGFullAccess to the bot\'s RAM identity, or a custom policy allowing smartag:CreateSmartAccessGatewayClientUser and smartag:DescribeSmartAccessGatewayClientUsers (plus Delete/ResetSmartAccessGatewayClientUserPassword if used)';
const RAM_POLICY_ZH =
  '为机器人使用的 RAM 身份授予系统策略 AliyunSmartAGFullAccess，或授予包含 smartag:CreateSmartAccessGatewayClientUser 与 smartag:DescribeSmartAccessGatewayClientUsers（如使用删除/重置密码，还需对应操作）的自定义策略';

const TRY_LATER_EN = 'Alibaba Cloud was busy or unreachable; nothing needs changing on your side. An approver can retry the request.';
const TRY_LATER_ZH = '阿里云暂时繁忙或无法连接，您无需修改申请；审批人可以稍后重试。';
const ADMIN_FIX_EN = 'The bot is not set up correctly for Alibaba Cloud. IT has been told; nothing needs changing on your side.';
const ADMIN_FIX_ZH = '机器人的阿里云配置有误，已通知 IT 处理；您无需修改申请。';

const CATALOGUE: Readonly<Record<string, CatalogueEntry>> = {
  // ----- the seed's CreateSmartAccessGatewayClientUser codes (all HTTP 400) -----
  'ClientUser.BandwidthInvalid': {
    retryable: false,
    en: {
      requester: 'The requested bandwidth is not valid. Ask again with a whole number of Kbps within the allowed range (at most 2000 Kbps unless IT says otherwise).',
      operator: 'ClientUser.BandwidthInvalid: the bandwidth is outside what the instance accepts (1–2000 Kbps by default). Check the bot\'s bandwidth limit against the instance and have the requester ask again.',
    },
    'zh-CN': {
      requester: '用户带宽非法：请以整数 Kbps 重新申请，且不超过允许的上限（默认最大 2000 Kbps）。',
      operator: 'ClientUser.BandwidthInvalid（用户带宽非法）：带宽超出实例允许的范围（默认 1–2000 Kbps）。请核对机器人配置的带宽上限与实例是否一致，并请申请人修改后重新申请。',
    },
  },
  'ClientUser.EmailEmpty': {
    retryable: false,
    en: {
      requester: 'The request has no e-mail address. Ask again and fill in the e-mail of the person who will use the account.',
      operator: 'ClientUser.EmailEmpty: the call reached Alibaba Cloud without UserMail, which the bot should never send. Check the bot\'s form validation.',
    },
    'zh-CN': {
      requester: '用户邮箱不能为空：请重新申请，并填写将使用该账号的人的邮箱。',
      operator: 'ClientUser.EmailEmpty（用户邮箱不能为空）：请求未携带 UserMail，机器人本不应发出此类请求，请检查表单校验。',
    },
  },
  'ClientUser.EmailInvalid': {
    retryable: false,
    en: {
      requester: 'Alibaba Cloud did not accept the e-mail address. Ask again with a plain address such as name@example.com.',
      operator: 'ClientUser.EmailInvalid: the e-mail format was rejected by SmartAG although the bot accepted it. Have the requester ask again with a plain address and report the address pattern to the bot\'s maintainers.',
    },
    'zh-CN': {
      requester: '用户邮箱格式非法：请使用常规格式（如 name@example.com）重新申请。',
      operator: 'ClientUser.EmailInvalid（用户邮箱格式非法）：机器人接受了该邮箱，但 SmartAG 拒绝。请让申请人换用常规格式重新申请，并将该邮箱格式反馈给机器人维护者。',
    },
  },
  'ClientUser.InvalidClientIp': {
    retryable: false,
    en: {
      requester: 'The requested client IP cannot be used: it must be a free address inside the gateway\'s private client range. Ask again with another address, or without a fixed IP.',
      operator: 'ClientUser.InvalidClientIp: the static IP is outside the instance\'s client CIDR or already bound to another user. Check the client CIDR in the SmartAG console and which addresses are taken.',
    },
    'zh-CN': {
      requester: '非法的用户IP：所填 IP 必须是网关私网地址段内未被占用的地址。请换一个地址或不指定固定 IP 重新申请。',
      operator: 'ClientUser.InvalidClientIp（非法的用户IP）：静态 IP 不在实例的客户端私网网段内，或已被其他用户占用。请在智能接入网关控制台核对私网网段及已分配的地址。',
    },
  },
  'ClientUser.IpEmpty': {
    retryable: false,
    en: {
      requester: 'A fixed IP was asked for but no address was given. Ask again with an address, or without a fixed IP.',
      operator: 'ClientUser.IpEmpty: a static IP was requested without an address. Check how the bot fills ClientIp.',
    },
    'zh-CN': {
      requester: '未指定静态IP：申请了固定 IP 却没有填写地址。请填写地址，或不指定固定 IP 重新申请。',
      operator: 'ClientUser.IpEmpty（未指定静态IP）：请求要求静态 IP 但未提供地址，请检查机器人如何填写 ClientIp。',
    },
  },
  'ClientUser.IpInvalid': {
    retryable: false,
    en: {
      requester: 'The fixed IP address is not valid. Ask again with a plain IPv4 address such as 10.0.0.20.',
      operator: 'ClientUser.IpInvalid: the static IP was rejected as malformed. Have the requester ask again with a plain IPv4 address inside the client CIDR.',
    },
    'zh-CN': {
      requester: '指定的静态IP非法：请使用常规 IPv4 地址（如 10.0.0.20）重新申请。',
      operator: 'ClientUser.IpInvalid（指定的静态IP非法）：静态 IP 格式不正确。请让申请人填写客户端私网网段内的常规 IPv4 地址后重新申请。',
    },
  },
  'ClientUser.NameEmpty': {
    retryable: false,
    en: {
      requester: 'A password was set without a user name. Ask again with a user name, or with neither.',
      operator: 'ClientUser.NameEmpty: Password was sent without UserName; SmartAG needs both or neither. Check how the bot fills the credentials.',
    },
    'zh-CN': {
      requester: '用户名不能为空：设置了密码却没有用户名。请填写用户名，或两者都不填后重新申请。',
      operator: 'ClientUser.NameEmpty（用户名不能为空）：请求带了密码却没有用户名，SmartAG 要求两者同时提供或都不提供。请检查机器人如何填写账号信息。',
    },
  },
  'ClientUser.NameInvalid': {
    retryable: false,
    en: {
      requester: 'The user name is not valid. Use 7–33 letters, digits or _ @ . - and start with a letter or digit, then ask again.',
      operator: 'ClientUser.NameInvalid: the user name does not meet SmartAG\'s rule (7–33 of A–Z a–z 0–9 _ @ . -, starting with a letter or digit). Have the requester pick another name.',
    },
    'zh-CN': {
      requester: '用户名格式非法：请使用 7–33 位字母、数字或 _ @ . -，并以字母或数字开头，然后重新申请。',
      operator: 'ClientUser.NameInvalid（用户名格式非法）：用户名不符合 SmartAG 规则（7–33 位字母、数字或 _ @ . -，以字母或数字开头）。请让申请人换一个用户名。',
    },
  },
  'ClientUser.UserExist': {
    retryable: false,
    en: {
      requester: 'An account with this user name already exists on the gateway. Ask again with a different user name, or ask IT to reset the existing account\'s password.',
      operator: 'ClientUser.UserExist: the user name (or e-mail used as user name) is already taken on this instance. Reuse or delete the existing account, or have the requester pick another name.',
    },
    'zh-CN': {
      requester: '用户已经存在：网关上已有同名账号。请换一个用户名重新申请，或请 IT 重置现有账号的密码。',
      operator: 'ClientUser.UserExist（用户已经存在）：该用户名（或作为用户名的邮箱）在本实例下已存在。请复用或删除现有账号，或让申请人换一个用户名。',
    },
  },
  'ClientUser.UserOverLimit': {
    retryable: false,
    en: {
      requester: 'The gateway has no free client accounts left. IT has been told; send the request again once they have made room.',
      operator: 'ClientUser.UserOverLimit: the instance\'s client-account quota is used up. Delete unused accounts or raise the quota (upgrade the SAG app instance), then have the requester send the request again.',
    },
    'zh-CN': {
      requester: '用户数已超限：网关已没有可用的客户端账号名额，已通知 IT；待 IT 腾出名额后，请重新提交申请。',
      operator: 'ClientUser.UserOverLimit（用户数已超限）：实例的客户端账号数已达上限。请删除不用的账号或提升配额（升级智能接入网关软件版实例规格），然后请申请人重新提交申请。',
    },
  },
  'SAG.CidrEmpty': {
    retryable: false,
    en: {
      requester: 'The gateway is not ready to hand out addresses yet. IT has been told; your request needs no change, send it again once IT has set the gateway up.',
      operator: 'SAG.CidrEmpty: the SAG app instance has no private client CIDR block. Set the client CIDR in the SmartAG console (instance network settings), then have the requester send the request again.',
    },
    'zh-CN': {
      requester: '网关尚未配置可分配的地址段，已通知 IT 处理；申请内容无需修改，待 IT 配置完成后重新提交即可。',
      operator: 'SAG.CidrEmpty（智能网关地址段为空）：智能接入网关软件版实例未配置客户端私网网段。请在智能接入网关控制台设置私网网段，然后请申请人重新提交申请。',
    },
  },
  // ----- other SmartAG client-user codes (from related operations and the emulator) -----
  'ClientUser.PasswordEmpty': {
    retryable: false,
    en: {
      requester: 'A user name was set without a password. Ask again; the bot generates the password itself.',
      operator: 'ClientUser.PasswordEmpty: UserName was sent without Password; SmartAG needs both or neither. Check how the bot fills the credentials.',
    },
    'zh-CN': {
      requester: '设置了用户名却没有密码。请重新申请，密码由机器人自动生成。',
      operator: 'ClientUser.PasswordEmpty：请求带了用户名却没有密码，SmartAG 要求两者同时提供或都不提供。请检查机器人如何填写账号信息。',
    },
  },
  'ClientUser.PasswordInvalid': {
    retryable: false,
    en: {
      requester: 'The password did not meet Alibaba Cloud\'s rule. IT has been told; nothing needs changing on your side.',
      operator: 'ClientUser.PasswordInvalid: the password must be 8–32 of A–Z a–z 0–9 _ @ -, starting with a letter or digit. Check the bot\'s password generator.',
    },
    'zh-CN': {
      requester: '密码不符合阿里云的规则，已通知 IT 处理；您无需修改申请。',
      operator: 'ClientUser.PasswordInvalid：密码须为 8–32 位字母、数字或 _ @ -，并以字母或数字开头。请检查机器人的密码生成器。',
    },
  },
  'ClientUser.UserNotExist': {
    retryable: false,
    en: {
      requester: 'That account does not exist on the gateway. Check the user name, or request a new account.',
      operator: 'ClientUser.UserNotExist: no client user with that name on this instance; it may have been deleted already.',
    },
    'zh-CN': {
      requester: '网关上不存在该账号。请核对用户名，或申请新账号。',
      operator: 'ClientUser.UserNotExist：本实例下没有该用户名的客户端用户，可能已被删除。',
    },
  },
  'InvalidSmartAGId.NotFound': {
    retryable: false,
    en: { requester: ADMIN_FIX_EN, operator: 'InvalidSmartAGId.NotFound: the SAG app instance ID does not exist in the configured region. Check the instance ID and region (SAG_INSTANCE_ID / region / endpoint).' },
    'zh-CN': { requester: ADMIN_FIX_ZH, operator: 'InvalidSmartAGId.NotFound：所配置地域下不存在该智能接入网关软件版实例。请核对实例 ID 与地域（实例 ID、地域、接入点配置）。' },
  },
  // ----- platform-wide codes -----
  SignatureDoesNotMatch: {
    retryable: false,
    en: { requester: ADMIN_FIX_EN, operator: 'SignatureDoesNotMatch: the AccessKey secret does not belong to the AccessKey ID. Fix ALIBABA_CLOUD_ACCESS_KEY_SECRET (or the credential source) and restart the bot.' },
    'zh-CN': { requester: ADMIN_FIX_ZH, operator: 'SignatureDoesNotMatch：AccessKey Secret 与 AccessKey ID 不匹配。请修正 ALIBABA_CLOUD_ACCESS_KEY_SECRET（或凭据来源）后重启机器人。' },
  },
  'InvalidAccessKeyId.NotFound': {
    retryable: false,
    en: { requester: ADMIN_FIX_EN, operator: 'InvalidAccessKeyId.NotFound: Alibaba Cloud does not know this AccessKey ID (deleted, disabled or mistyped). Fix ALIBABA_CLOUD_ACCESS_KEY_ID (or the credential source) and restart the bot.' },
    'zh-CN': { requester: ADMIN_FIX_ZH, operator: 'InvalidAccessKeyId.NotFound：阿里云找不到该 AccessKey ID（已删除、已禁用或填写错误）。请修正 ALIBABA_CLOUD_ACCESS_KEY_ID（或凭据来源）后重启机器人。' },
  },
  InvalidCredentials: {
    retryable: false,
    en: { requester: ADMIN_FIX_EN, operator: 'InvalidCredentials: the bot found no usable Alibaba Cloud credentials. Set ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET, or configure a RAM role / OIDC credential.' },
    'zh-CN': { requester: ADMIN_FIX_ZH, operator: 'InvalidCredentials：机器人未找到可用的阿里云凭据。请设置 ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET，或配置 RAM 角色 / OIDC 凭据。' },
  },
  'Forbidden.RAM': {
    retryable: false,
    en: { requester: ADMIN_FIX_EN, operator: `Forbidden.RAM: the bot's RAM identity may not call this SmartAG API; ${RAM_POLICY_EN}.` },
    'zh-CN': { requester: ADMIN_FIX_ZH, operator: `Forbidden.RAM：机器人使用的 RAM 身份无权调用该 SmartAG 接口；请${RAM_POLICY_ZH}。` },
  },
  SignatureNonceUsed: {
    retryable: false,
    en: { requester: ADMIN_FIX_EN, operator: 'SignatureNonceUsed: a request was replayed or a nonce repeated. Check for a proxy that resends requests.' },
    'zh-CN': { requester: ADMIN_FIX_ZH, operator: 'SignatureNonceUsed：请求被重放或随机数重复，请检查是否有代理重复发送请求。' },
  },
  'InvalidTimeStamp.Expired': {
    retryable: false,
    en: { requester: ADMIN_FIX_EN, operator: 'InvalidTimeStamp.Expired: the bot host\'s clock is off by more than 15 minutes. Synchronise its clock (NTP).' },
    'zh-CN': { requester: ADMIN_FIX_ZH, operator: 'InvalidTimeStamp.Expired：机器人所在主机的时钟偏差超过 15 分钟，请同步时钟（NTP）。' },
  },
  'InvalidAction.NotFound': {
    retryable: false,
    en: { requester: ADMIN_FIX_EN, operator: 'InvalidAction.NotFound: the endpoint does not serve the SmartAG API 2018-03-13. Check SAG_ENDPOINT (expected smartag.<region>.aliyuncs.com).' },
    'zh-CN': { requester: ADMIN_FIX_ZH, operator: 'InvalidAction.NotFound：该接入点不提供 SmartAG 2018-03-13 接口。请检查 SAG_ENDPOINT（应为 smartag.<地域>.aliyuncs.com）。' },
  },
  Throttling: {
    retryable: true,
    en: { requester: TRY_LATER_EN, operator: 'Throttling: Alibaba Cloud rate-limited the call. Retry later; if it persists, lower the bot\'s request rate.' },
    'zh-CN': { requester: TRY_LATER_ZH, operator: 'Throttling：请求被阿里云流控。请稍后重试；若持续出现，请降低机器人的调用频率。' },
  },
  'Throttling.User': {
    retryable: true,
    en: { requester: TRY_LATER_EN, operator: 'Throttling.User: this Alibaba Cloud account sent too many requests (user flow control). Retry later; check other tools using the same account.' },
    'zh-CN': { requester: TRY_LATER_ZH, operator: 'Throttling.User：当前阿里云账号请求过多（用户流控）。请稍后重试，并检查是否有其他工具在使用同一账号。' },
  },
  'Throttling.Api': {
    retryable: true,
    en: { requester: TRY_LATER_EN, operator: 'Throttling.Api: the SmartAG API itself is rate-limited right now. Retry later.' },
    'zh-CN': { requester: TRY_LATER_ZH, operator: 'Throttling.Api：SmartAG 接口当前被流控，请稍后重试。' },
  },
  ServiceUnavailable: {
    retryable: true,
    en: { requester: TRY_LATER_EN, operator: 'ServiceUnavailable: SmartAG was temporarily unavailable. Retry later; check the Alibaba Cloud status page if it persists.' },
    'zh-CN': { requester: TRY_LATER_ZH, operator: 'ServiceUnavailable：SmartAG 服务暂时不可用。请稍后重试；若持续出现，请查看阿里云服务状态。' },
  },
  InternalError: {
    retryable: true,
    en: { requester: TRY_LATER_EN, operator: 'InternalError: an internal error occurred (in Alibaba Cloud or the bot). Retry; if it persists, open a ticket with the RequestId.' },
    'zh-CN': { requester: TRY_LATER_ZH, operator: 'InternalError：发生内部错误（阿里云或机器人）。请重试；若持续出现，请凭 RequestId 提交工单。' },
  },
  Timeout: {
    retryable: true,
    en: { requester: TRY_LATER_EN, operator: 'Timeout: SmartAG did not answer in time. Retry; the bot checks whether the account was created before creating it again.' },
    'zh-CN': { requester: TRY_LATER_ZH, operator: 'Timeout：SmartAG 未在规定时间内响应。请重试；机器人会先确认账号是否已创建，不会重复创建。' },
  },
  NetworkError: {
    retryable: true,
    en: { requester: TRY_LATER_EN, operator: 'NetworkError: the bot could not reach the SmartAG endpoint. Check DNS, firewall/proxy and SAG_ENDPOINT, then retry.' },
    'zh-CN': { requester: TRY_LATER_ZH, operator: 'NetworkError：机器人无法连接 SmartAG 接入点。请检查 DNS、防火墙/代理及 SAG_ENDPOINT 后重试。' },
  },
  InvalidResponse: {
    retryable: false,
    en: { requester: ADMIN_FIX_EN, operator: 'InvalidResponse: SmartAG answered with a body the bot does not understand. Check SAG_ENDPOINT points at SmartAG and report the RequestId to the bot\'s maintainers.' },
    'zh-CN': { requester: ADMIN_FIX_ZH, operator: 'InvalidResponse：SmartAG 返回了机器人无法识别的内容。请确认 SAG_ENDPOINT 指向 SmartAG，并将 RequestId 反馈给机器人维护者。' },
  },
};

/** Every code the catalogue describes in its own words; anything else gets the generic sentence. */
export const CLOUD_ERROR_CODES: readonly string[] = Object.freeze(Object.keys(CATALOGUE));

/** The seed's eleven CreateSmartAccessGatewayClientUser codes. */
export const SEED_CREATE_ERROR_CODES: readonly string[] = Object.freeze([
  'ClientUser.BandwidthInvalid',
  'ClientUser.EmailEmpty',
  'ClientUser.EmailInvalid',
  'ClientUser.InvalidClientIp',
  'ClientUser.IpEmpty',
  'ClientUser.IpInvalid',
  'ClientUser.NameEmpty',
  'ClientUser.NameInvalid',
  'ClientUser.UserExist',
  'ClientUser.UserOverLimit',
  'SAG.CidrEmpty',
]);

// Object.prototype names ("constructor", "toString") must not read as catalogue entries.
function entryFor(code: string): CatalogueEntry | undefined {
  if (Object.prototype.hasOwnProperty.call(CATALOGUE, code)) return CATALOGUE[code];
  // Alibaba adds new throttling flavours (Throttling.Concurrency, ...); they all mean "later".
  if (code.startsWith('Throttling.')) return CATALOGUE.Throttling;
  return undefined;
}

export function describeCloudFailure(code: string, locale: BotLocale): CloudFailureDescription {
  const lang: BotLocale = locale === 'zh-CN' ? 'zh-CN' : 'en';
  const entry = entryFor(code);
  if (entry) return { ...entry[lang], retryable: entry.retryable };
  const shown = String(code || 'unknown').slice(0, 80);
  return lang === 'zh-CN'
    ? {
        requester: `阿里云返回了错误（${shown}），账号未能创建。已通知 IT 处理。`,
        operator: `阿里云返回了未收录的错误码 ${shown}。请在阿里云错误中心（https://error-center.aliyun.com/status/product/Smartag）查询该错误码，并凭 RequestId 排查。`,
        retryable: false,
      }
    : {
        requester: `Alibaba Cloud answered with an error (${shown}) and the account was not created. IT has been told.`,
        operator: `Alibaba Cloud returned the unlisted error code ${shown}. Look it up in the Alibaba Cloud error center (https://error-center.aliyun.com/status/product/Smartag) and investigate with the RequestId.`,
        retryable: false,
      };
}

/** Whether the cloud adapter may try the call again; unknown codes are retried only on HTTP 5xx. */
export function isRetryableCloudFailure(code: string, httpStatus?: number): boolean {
  const entry = entryFor(code);
  if (entry) return entry.retryable;
  return typeof httpStatus === 'number' && httpStatus >= 500;
}
