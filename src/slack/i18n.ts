// Everything the bot says in Slack, in English and Simplified Chinese (BOT_LOCALE); the block builders pick one.
// Arguments arrive already escaped (mrkdwn) or plain, as the calling builder decides; nothing here escapes.
import type { BotLocale } from '../domain/cloud-errors';
import { formatDuration } from '../domain/duration';
import { REQUEST_STATUS_ZH } from '../domain/form-messages';
import type { RequestStatus } from '../domain/request';

interface CreatedLine {
  by: string;
  userName: string;
  bandwidthKbps: number;
  fixedIp?: string;
  cloudRequestId: string;
}

interface FailureFacts {
  code: string;
  cloudRequestId?: string;
  retryable: boolean;
  attempts: number;
}

export interface SlackStrings {
  status: Record<RequestStatus, string>;
  headline: Record<RequestStatus, string>;
  someone: string;
  rule(name: string): string;
  admin: {
    approvedCreating(by: string): string;
    created(o: CreatedLine): string;
    deniedBy(by: string): string;
    cancelled: string;
    expired: string;
    reason(text: string): string;
    whatToFix(sentence: string): string;
    failureFacts(f: FailureFacts): string;
    context(requestId: string, instanceId: string, regionId: string): string;
    approve: string;
    deny: string;
    retry: string;
  };
  details: {
    requestedBy: string;
    email: string;
    bandwidth: string;
    fixedIp: string;
    noFixedIp: string;
    userName: string;
    userNameIsMail: string;
    submitted: string;
    reason(text: string): string;
  };
  person: {
    submitted(id: string, mail: string): string;
    approved(id: string): string;
    readyForRequester(mail: string, id: string): string;
    readyForTarget(requesterId: string): string;
    loginNamed(userName: string, forTarget: boolean): string;
    loginNamedNoPassword(userName: string): string;
    loginMail(mail: string): string;
    fixedIp(ip: string): string;
    readyTail(bandwidthKbps: number): string;
    failed(o: { mail: string; id: string; sentence: string; code: string; cloudRequestId?: string }): string;
    denied(id: string, mail: string, by: string): string;
    reason(text: string): string;
    cancelled(id: string, mail: string): string;
    expired(id: string, mail: string): string;
    credentials(id: string, userName: string, password: string): string;
  };
  refusal: {
    notFound: string;
    notApprover: string;
    ownRequest: string;
    wrongChannel: string;
    alreadyHandled(status: RequestStatus, by?: string): string;
  };
  modal: {
    title: string;
    submit: string;
    close: string;
    intro: string;
    mailLabel: string;
    mailHint: string;
    bandwidthLabel: string;
    bandwidthHint(min: number, max: number): string;
    ipLabel: string;
    ipHint(cidr?: string): string;
    ipPlaceholderInside(cidr: string): string;
    userNameLabel: string;
    userNameHint(min: number, max: number): string;
    reasonLabel: string;
    reasonPlaceholder: string;
    formNotOpened: string;
  };
  denyModal: {
    title: string;
    submit: string;
    close: string;
    question(id: string, mail: string): string;
    reasonLabel: string;
  };
  notice: {
    accessFailed(o: { instanceId: string; regionId: string; sentence: string; code: string; cloudRequestId?: string }): string;
    accessRestored(o: { instanceId: string; regionId: string; totalUsers: number }): string;
  };
  home: {
    title: string;
    intro: string;
    myRequests: string;
    noRequests: string;
    waitingForYou(total: number): string;
    nothingWaits: string;
    more(count: number): string;
    cancel: string;
    cancelTitle: string;
    cancelText(id: string): string;
    cancelConfirm: string;
    cancelKeep: string;
  };
  requestButton: { request: string; again: string };
  welcome(command: string): string;
  /** `mentions` may be empty; `waitedMs` is whole minutes. */
  reminder(o: { mentions: string; id: string; requesterId: string; waitedMs: number; number: number }): string;
  summary: {
    status: Record<RequestStatus, string>;
    fixedIp(ip: string): string;
    ipFromPool: string;
    submitted(date: string): string;
    approvedBy(by: string, date?: string): string;
    deniedBy(by: string | undefined, date?: string): string;
    cancelled(date: string): string;
    expired(date: string): string;
    account(name: string, ip?: string): string;
    failed(sentence: string, code: string): string;
    reason(text: string): string;
  };
  commands: {
    helpTitle: string;
    unknownWord(word: string): string;
    helpOpen(command: string): string;
    helpStatus(command: string): string;
    helpCancel(command: string): string;
    helpHelp(command: string): string;
    helpHome: string;
    noRequests: string;
    statusTitle(shown?: number): string;
    statusText(lines: string): string;
    cancelled(id: string): string;
    missingId(command: string): string;
    /** `command` adds the hint how to list one's requests. */
    notFound(id: string, command?: string): string;
    notYours(id: string): string;
    notPending(id: string, status: RequestStatus | undefined): string;
  };
  restarting: string;
  formNotOpenedFromButton: string;
}

const EN: SlackStrings = {
  status: { pending: 'pending', approved: 'approved', provisioning: 'provisioning', provisioned: 'provisioned', failed: 'failed', denied: 'denied', cancelled: 'cancelled', expired: 'expired' },
  headline: {
    pending: ':hourglass_flowing_sand: VPN access request waiting for approval',
    approved: ':white_check_mark: VPN access approved, provisioning…',
    provisioning: ':gear: VPN access approved, provisioning…',
    provisioned: ':large_green_circle: VPN account created',
    failed: ':red_circle: VPN account could not be created',
    denied: ':no_entry: VPN access denied',
    cancelled: ':heavy_multiplication_x: VPN access request cancelled',
    expired: ':alarm_clock: VPN access request expired',
  },
  someone: 'someone',
  rule: (name) => `rule “${name}”`,
  admin: {
    approvedCreating: (by) => `Approved by ${by}; creating the account…`,
    created: (o) =>
      `Approved by ${o.by}. Account \`${o.userName}\` created (${o.bandwidthKbps} Kbps${o.fixedIp ? `, fixed IP \`${o.fixedIp}\`` : ', IP from the pool'}). Cloud RequestId \`${o.cloudRequestId}\`.`,
    deniedBy: (by) => `Denied by ${by}.`,
    cancelled: 'Cancelled by the requester.',
    expired: 'Nobody decided in time; the requester was told.',
    reason: (text) => `Reason: ${text}`,
    whatToFix: (sentence) => `*What to fix:* ${sentence}`,
    failureFacts: (f) =>
      `Code \`${f.code}\`${f.cloudRequestId ? ` · RequestId \`${f.cloudRequestId}\`` : ''} · ${f.retryable ? 'a retry can help' : 'a retry will not help'} · attempts: ${f.attempts}`,
    context: (id, instance, region) => `Request \`${id}\` · instance \`${instance}\` (${region})`,
    approve: 'Approve',
    deny: 'Deny',
    retry: 'Retry',
  },
  details: {
    requestedBy: 'Requested by',
    email: 'E-mail',
    bandwidth: 'Bandwidth',
    fixedIp: 'Fixed IP',
    noFixedIp: 'none (from the pool)',
    userName: 'User name',
    userNameIsMail: 'the e-mail',
    submitted: 'Submitted',
    reason: (text) => `Reason: ${text}`,
  },
  person: {
    submitted: (id, mail) => `:hourglass_flowing_sand: Your VPN access request \`${id}\` for ${mail} is waiting for an approver. You will get a message here when it is decided.`,
    approved: (id) => `:white_check_mark: Your VPN access request \`${id}\` was approved; the account is being created.`,
    readyForRequester: (mail, id) => `:large_green_circle: The VPN account for ${mail} is ready (request \`${id}\`).`,
    readyForTarget: (requesterId) => `<@${requesterId}> requested a VPN account for you and it is ready.`,
    loginNamed: (userName, forTarget) => `User name \`${userName}\`; the password comes in a separate direct message to ${forTarget ? 'you' : 'the account holder'}.`,
    loginNamedNoPassword: (userName) => `User name \`${userName}\`; the password could not be delivered, so an approver has to reset it and send it to the account holder.`,
    loginMail: (mail) => `The user name is the e-mail \`${mail}\`; Alibaba Cloud sends the login details to that address.`,
    fixedIp: (ip) => ` Fixed IP \`${ip}\`.`,
    readyTail: (kbps) => ` Bandwidth ${kbps} Kbps. Connect with the SAG VPN app (Smart Access Gateway app).`,
    failed: (o) =>
      `:red_circle: The VPN account for ${o.mail} could not be created (request \`${o.id}\`). ${o.sentence} (code \`${o.code}\`${o.cloudRequestId ? `, RequestId \`${o.cloudRequestId}\`` : ''})`,
    denied: (id, mail, by) => `:no_entry: Your VPN access request ${id} for ${mail} was denied by ${by}.`,
    reason: (text) => `Reason: ${text}`,
    cancelled: (id, mail) => `:heavy_multiplication_x: Your VPN access request \`${id}\` for ${mail} was cancelled.`,
    expired: (id, mail) => `:alarm_clock: Your VPN access request \`${id}\` for ${mail} expired because nobody decided in time. You can send a new request.`,
    credentials: (id, userName, password) =>
      `:key: Your SAG VPN login (request \`${id}\`):\nUser name: \`${userName}\`\nPassword: \`${password}\`\nKeep it private; delete this message after you have saved it.`,
  },
  refusal: {
    notFound: 'That request does not exist (any more). Nothing was changed.',
    notApprover: 'Only configured approvers can decide VPN access requests. Nothing was changed.',
    ownRequest: 'You cannot decide your own request; another approver has to. Nothing was changed.',
    wrongChannel: 'Requests can only be decided in the admin channel or in App Home. Nothing was changed.',
    alreadyHandled: (status, by) => `This request was already handled${by ? ` by ${by}` : ''} (now ${status}). Nothing was changed.`,
  },
  modal: {
    title: 'VPN access',
    submit: 'Request',
    close: 'Cancel',
    intro: 'Request a Smart Access Gateway (SAG) VPN account. An approver will review it; you get a DM with the result.',
    mailLabel: 'E-mail of the person who needs access',
    mailHint: 'The account is created for this address; Alibaba Cloud sends the login details there.',
    bandwidthLabel: 'Bandwidth (Kbps)',
    bandwidthHint: (min, max) => `A whole number from ${min} to ${max}.`,
    ipLabel: 'Fixed client IP (optional)',
    ipHint: (cidr) =>
      cidr
        ? `Leave empty to get an address from the pool on every connect. A fixed address must lie inside ${cidr}.`
        : 'Leave empty to get an address from the pool on every connect. A fixed address must be a private IPv4 address.',
    ipPlaceholderInside: (cidr) => `inside ${cidr}`,
    userNameLabel: 'User name (optional)',
    userNameHint: (min, max) =>
      `${min}–${max} letters, digits or _ @ . - starting with a letter or digit. With a user name the bot generates a password and sends it to the person by DM; without one, the e-mail is the user name and Alibaba Cloud mails the login details.`,
    reasonLabel: 'Reason (optional)',
    reasonPlaceholder: 'What do you need the VPN for?',
    formNotOpened: 'Sorry, the request form could not be opened (Slack did not accept it in time). Please run the command again.',
  },
  denyModal: {
    title: 'Deny VPN access',
    submit: 'Deny',
    close: 'Back',
    question: (id, mail) => `Deny ${id} for ${mail}?`,
    reasonLabel: 'Reason (sent to the requester)',
  },
  notice: {
    accessFailed: (o) =>
      `:warning: *SmartAG access check failed* for instance \`${o.instanceId}\` (${o.regionId}). ${o.sentence}\nApprovals will fail until this is fixed; the bot keeps running and checks again every minute. Code \`${o.code}\`${o.cloudRequestId ? ` · RequestId \`${o.cloudRequestId}\`` : ''}`,
    accessRestored: (o) => `:white_check_mark: *SmartAG access works again* for instance \`${o.instanceId}\` (${o.regionId}): approvals can provision (${o.totalUsers} client users).`,
  },
  home: {
    title: 'SAG VPN access',
    intro: 'Need a Smart Access Gateway (SAG) VPN account? Request it here; an approver reviews it and you get a direct message with the result.',
    myRequests: 'My requests',
    noRequests: 'No requests yet.',
    waitingForYou: (total) => `Waiting for you (${total})`,
    nothingWaits: 'Nothing waits for your decision.',
    more: (count) => `…and ${count} more, oldest first; decide these to see the rest, or use the admin channel.`,
    cancel: 'Cancel',
    cancelTitle: 'Cancel this request?',
    cancelText: (id) => `Request ${id} will be withdrawn; approvers can no longer approve it.`,
    cancelConfirm: 'Cancel request',
    cancelKeep: 'Keep it',
  },
  requestButton: { request: 'Request VPN access', again: 'Request again' },
  welcome: (command) =>
    `:wave: Welcome! If you need VPN access (Smart Access Gateway), request it with the button below — your e-mail is filled in for you. An approver reviews it and you get a message here when it is ready. You can also find this in the bot's Home tab, or type \`${command}\`.`,
  reminder: (o) =>
    `:bell: ${o.mentions ? `${o.mentions}: ` : ''}request \`${o.id}\` from <@${o.requesterId}> has waited ${formatDuration(o.waitedMs)} for a decision (reminder ${o.number}). Approve or deny it above, or in the bot's Home tab.`,
  summary: {
    status: {
      pending: ':hourglass_flowing_sand: Waiting for approval',
      approved: ':white_check_mark: Approved, creating the account',
      provisioning: ':gear: Approved, creating the account',
      provisioned: ':large_green_circle: Account ready',
      failed: ':red_circle: Account could not be created',
      denied: ':no_entry: Denied',
      cancelled: ':heavy_multiplication_x: Cancelled',
      expired: ':alarm_clock: Expired (nobody decided in time)',
    },
    fixedIp: (ip) => `fixed IP \`${ip}\``,
    ipFromPool: 'IP from the pool',
    submitted: (date) => `Submitted ${date}`,
    approvedBy: (by, date) => `Approved by ${by}${date ? ` ${date}` : ''}`,
    deniedBy: (by, date) => `Denied by ${by ?? 'an approver'}${date ? ` ${date}` : ''}`,
    cancelled: (date) => `Cancelled ${date}`,
    expired: (date) => `Expired ${date}`,
    account: (name, ip) => `Account \`${name}\`${ip ? `, fixed IP \`${ip}\`` : ''}`,
    failed: (sentence, code) => `${sentence} (code \`${code}\`)`,
    reason: (text) => `Reason: ${text}`,
  },
  commands: {
    helpTitle: '*SAG VPN access*',
    unknownWord: (word) => `I don't know \`${word}\`. Here is what I can do:`,
    helpOpen: (c) => `\`${c}\` — open the request form (your e-mail is filled in)`,
    helpStatus: (c) => `\`${c} status\` — your requests and where they stand`,
    helpCancel: (c) => `\`${c} cancel <request id>\` — withdraw your own request while it waits for approval`,
    helpHelp: (c) => `\`${c} help\` — this text`,
    helpHome: 'The bot\'s Home tab shows the same, and approvers find the requests waiting for them there.',
    noRequests: 'You have no VPN access requests yet. Run the command without a word to open the form.',
    statusTitle: (shown) => `*Your VPN access requests* (newest first${shown !== undefined ? `, ${shown} shown` : ''})`,
    statusText: (lines) => `Your VPN access requests:\n${lines}`,
    cancelled: (id) => `:heavy_multiplication_x: Request \`${id}\` is cancelled; approvers were told by the admin message.`,
    missingId: (c) => `Which request? \`${c} cancel <request id>\` — \`${c} status\` lists your requests and their ids.`,
    notFound: (id, c) => `There is no request \`${id}\`.${c ? ` \`${c} status\` lists yours.` : ''}`,
    notYours: (id) => `Request \`${id}\` is not yours; you can only cancel your own requests. Nothing was changed.`,
    notPending: (id, status) => `Request \`${id}\` is no longer waiting for approval (now ${status}), so it cannot be cancelled. Nothing was changed.`,
  },
  restarting: 'SAG Access Bot is restarting, so nothing was done. Please try again in a minute.',
  formNotOpenedFromButton: 'Sorry, the request form could not be opened (Slack did not accept it in time). Please press the button again.',
};

const ZH_STATUS = REQUEST_STATUS_ZH;

/** 90 minutes → "1 小时 30 分钟". */
function zhDuration(ms: number): string {
  const units = [
    [86_400_000, '天'],
    [3_600_000, '小时'],
    [60_000, '分钟'],
  ] as const;
  let rest = Math.max(0, Math.round(ms));
  const parts: string[] = [];
  for (const [size, name] of units) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${name}`);
      rest %= size;
    }
  }
  return parts.length > 0 ? parts.join(' ') : `${Math.max(1, Math.round(rest / 1000))} 秒`;
}

const ZH: SlackStrings = {
  status: ZH_STATUS,
  headline: {
    pending: ':hourglass_flowing_sand: VPN 访问申请等待审批',
    approved: ':white_check_mark: VPN 访问已批准，正在创建账号…',
    provisioning: ':gear: VPN 访问已批准，正在创建账号…',
    provisioned: ':large_green_circle: VPN 账号已创建',
    failed: ':red_circle: VPN 账号未能创建',
    denied: ':no_entry: VPN 访问申请已拒绝',
    cancelled: ':heavy_multiplication_x: VPN 访问申请已取消',
    expired: ':alarm_clock: VPN 访问申请已过期',
  },
  someone: '某位审批人',
  rule: (name) => `规则“${name}”`,
  admin: {
    approvedCreating: (by) => `${by} 已批准，正在创建账号…`,
    created: (o) =>
      `${o.by} 已批准。账号 \`${o.userName}\` 已创建（${o.bandwidthKbps} Kbps，${o.fixedIp ? `固定 IP \`${o.fixedIp}\`` : '从地址池分配 IP'}）。阿里云 RequestId \`${o.cloudRequestId}\`。`,
    deniedBy: (by) => `${by} 已拒绝。`,
    cancelled: '申请人已取消。',
    expired: '无人在期限内审批，已通知申请人。',
    reason: (text) => `理由：${text}`,
    whatToFix: (sentence) => `*需要处理：* ${sentence}`,
    failureFacts: (f) =>
      `错误码 \`${f.code}\`${f.cloudRequestId ? ` · RequestId \`${f.cloudRequestId}\`` : ''} · ${f.retryable ? '重试可能成功' : '重试无济于事'} · 尝试次数：${f.attempts}`,
    context: (id, instance, region) => `申请 \`${id}\` · 实例 \`${instance}\`（${region}）`,
    approve: '批准',
    deny: '拒绝',
    retry: '重试',
  },
  details: {
    requestedBy: '申请人',
    email: '邮箱',
    bandwidth: '带宽',
    fixedIp: '固定 IP',
    noFixedIp: '无（从地址池分配）',
    userName: '用户名',
    userNameIsMail: '使用邮箱',
    submitted: '提交时间',
    reason: (text) => `理由：${text}`,
  },
  person: {
    submitted: (id, mail) => `:hourglass_flowing_sand: 您为 ${mail} 提交的 VPN 访问申请 \`${id}\` 正在等待审批。审批结果会在这里通知您。`,
    approved: (id) => `:white_check_mark: 您的 VPN 访问申请 \`${id}\` 已获批准，正在创建账号。`,
    readyForRequester: (mail, id) => `:large_green_circle: ${mail} 的 VPN 账号已就绪（申请 \`${id}\`）。`,
    readyForTarget: (requesterId) => `<@${requesterId}> 为您申请的 VPN 账号已就绪。`,
    loginNamed: (userName, forTarget) => `用户名 \`${userName}\`；密码会通过另一条私信发送给${forTarget ? '您' : '账号持有人'}。`,
    loginNamedNoPassword: (userName) => `用户名 \`${userName}\`；密码未能送达，需由审批人重置后发送给账号持有人。`,
    loginMail: (mail) => `用户名即邮箱 \`${mail}\`；阿里云会将登录信息发送到该邮箱。`,
    fixedIp: (ip) => `固定 IP \`${ip}\`。`,
    readyTail: (kbps) => `带宽 ${kbps} Kbps。请使用 SAG VPN 客户端（智能接入网关 App）连接。`,
    failed: (o) =>
      `:red_circle: ${o.mail} 的 VPN 账号未能创建（申请 \`${o.id}\`）。${o.sentence}（错误码 \`${o.code}\`${o.cloudRequestId ? `，RequestId \`${o.cloudRequestId}\`` : ''}）`,
    denied: (id, mail, by) => `:no_entry: 您为 ${mail} 提交的 VPN 访问申请 ${id} 已被 ${by} 拒绝。`,
    reason: (text) => `理由：${text}`,
    cancelled: (id, mail) => `:heavy_multiplication_x: 您为 ${mail} 提交的 VPN 访问申请 \`${id}\` 已取消。`,
    expired: (id, mail) => `:alarm_clock: 您为 ${mail} 提交的 VPN 访问申请 \`${id}\` 因无人在期限内审批已过期。您可以重新提交申请。`,
    credentials: (id, userName, password) =>
      `:key: 您的 SAG VPN 登录信息（申请 \`${id}\`）：\n用户名：\`${userName}\`\n密码：\`${password}\`\n请妥善保管；保存后请删除此消息。`,
  },
  refusal: {
    notFound: '该申请不存在（或已不存在）。未做任何更改。',
    notApprover: '只有配置的审批人才能审批 VPN 访问申请。未做任何更改。',
    ownRequest: '您不能审批自己的申请，需由其他审批人处理。未做任何更改。',
    wrongChannel: '只能在管理频道或 App 主页中审批申请。未做任何更改。',
    alreadyHandled: (status, by) => `该申请已${by ? `由 ${by} ` : ''}处理（当前状态：${ZH_STATUS[status]}）。未做任何更改。`,
  },
  modal: {
    title: 'VPN 访问',
    submit: '提交申请',
    close: '取消',
    intro: '申请智能接入网关（SAG）VPN 账号。审批人审核后，结果会通过私信通知您。',
    mailLabel: '需要访问权限的人的邮箱',
    mailHint: '账号为该邮箱创建；阿里云会将登录信息发送到该邮箱。',
    bandwidthLabel: '带宽（Kbps）',
    bandwidthHint: (min, max) => `${min} 到 ${max} 之间的整数。`,
    ipLabel: '固定客户端 IP（可选）',
    ipHint: (cidr) =>
      cidr ? `留空则每次连接时从地址池分配地址。固定地址必须位于 ${cidr} 内。` : '留空则每次连接时从地址池分配地址。固定地址必须是私网 IPv4 地址。',
    ipPlaceholderInside: (cidr) => `位于 ${cidr} 内`,
    userNameLabel: '用户名（可选）',
    userNameHint: (min, max) =>
      `${min}–${max} 位字母、数字或 _ @ . -，以字母或数字开头。填写用户名时，机器人会生成密码并私信发送给账号持有人；不填写时，用户名即邮箱，阿里云会将登录信息发送到该邮箱。`,
    reasonLabel: '理由（可选）',
    reasonPlaceholder: '您需要 VPN 做什么？',
    formNotOpened: '抱歉，申请表单未能打开（Slack 未能及时接受）。请重新运行该命令。',
  },
  denyModal: {
    title: '拒绝 VPN 访问',
    submit: '拒绝',
    close: '返回',
    question: (id, mail) => `拒绝 ${mail} 的申请 ${id}？`,
    reasonLabel: '理由（将发送给申请人）',
  },
  notice: {
    accessFailed: (o) =>
      `:warning: *SmartAG 访问检查失败*（实例 \`${o.instanceId}\`，${o.regionId}）。${o.sentence}\n问题解决前审批后的开通都会失败；机器人继续运行，并每分钟重新检查一次。错误码 \`${o.code}\`${o.cloudRequestId ? ` · RequestId \`${o.cloudRequestId}\`` : ''}`,
    accessRestored: (o) => `:white_check_mark: *SmartAG 访问已恢复*（实例 \`${o.instanceId}\`，${o.regionId}）：审批后可以正常开通（当前 ${o.totalUsers} 个客户端用户）。`,
  },
  home: {
    title: 'SAG VPN 访问',
    intro: '需要智能接入网关（SAG）VPN 账号？在这里申请；审批人审核后，结果会通过私信通知您。',
    myRequests: '我的申请',
    noRequests: '暂无申请。',
    waitingForYou: (total) => `等待您审批（${total}）`,
    nothingWaits: '没有等待您审批的申请。',
    more: (count) => `…另有 ${count} 个申请（按提交先后排列）；审批完上面这些即可看到其余申请，也可以在管理频道中处理。`,
    cancel: '取消',
    cancelTitle: '取消此申请？',
    cancelText: (id) => `申请 ${id} 将被撤回，审批人将无法再批准。`,
    cancelConfirm: '取消申请',
    cancelKeep: '保留',
  },
  requestButton: { request: '申请 VPN 访问', again: '重新申请' },
  welcome: (command) =>
    `:wave: 欢迎加入！如需 VPN 访问权限（智能接入网关），请点击下方按钮申请，您的邮箱已自动填好。审批人审核后，账号就绪时您会在这里收到消息。您也可以在机器人的 App 主页中找到此入口，或输入 \`${command}\`。`,
  reminder: (o) =>
    `:bell: ${o.mentions ? `${o.mentions}：` : ''}<@${o.requesterId}> 的申请 \`${o.id}\` 已等待审批 ${zhDuration(o.waitedMs)}（第 ${o.number} 次提醒）。请在上方或机器人的 App 主页中批准或拒绝。`,
  summary: {
    status: {
      pending: ':hourglass_flowing_sand: 等待审批',
      approved: ':white_check_mark: 已批准，正在创建账号',
      provisioning: ':gear: 已批准，正在创建账号',
      provisioned: ':large_green_circle: 账号已就绪',
      failed: ':red_circle: 账号未能创建',
      denied: ':no_entry: 已拒绝',
      cancelled: ':heavy_multiplication_x: 已取消',
      expired: ':alarm_clock: 已过期（无人在期限内审批）',
    },
    fixedIp: (ip) => `固定 IP \`${ip}\``,
    ipFromPool: '从地址池分配 IP',
    submitted: (date) => `提交于 ${date}`,
    approvedBy: (by, date) => (date ? `${by} 于 ${date} 批准` : `${by} 已批准`),
    deniedBy: (by, date) => (date ? `${by ?? '审批人'} 于 ${date} 拒绝` : `${by ?? '审批人'} 已拒绝`),
    cancelled: (date) => `已于 ${date} 取消`,
    expired: (date) => `已于 ${date} 过期`,
    account: (name, ip) => `账号 \`${name}\`${ip ? `，固定 IP \`${ip}\`` : ''}`,
    failed: (sentence, code) => `${sentence}（错误码 \`${code}\`）`,
    reason: (text) => `理由：${text}`,
  },
  commands: {
    helpTitle: '*SAG VPN 访问*',
    unknownWord: (word) => `无法识别 \`${word}\`。可以使用以下命令：`,
    helpOpen: (c) => `\`${c}\` — 打开申请表单（已自动填好您的邮箱）`,
    helpStatus: (c) => `\`${c} status\` — 查看您的申请及其状态`,
    helpCancel: (c) => `\`${c} cancel <申请 ID>\` — 在审批前撤回您自己的申请`,
    helpHelp: (c) => `\`${c} help\` — 显示本说明`,
    helpHome: '机器人的 App 主页也提供同样的功能，审批人还可以在那里看到等待其审批的申请。',
    noRequests: '您还没有 VPN 访问申请。直接运行该命令（不带任何参数）即可打开申请表单。',
    statusTitle: (shown) => `*您的 VPN 访问申请*（最新的在前${shown !== undefined ? `，显示 ${shown} 个` : ''}）`,
    statusText: (lines) => `您的 VPN 访问申请：\n${lines}`,
    cancelled: (id) => `:heavy_multiplication_x: 申请 \`${id}\` 已取消；已通过管理频道中的消息告知审批人。`,
    missingId: (c) => `要取消哪个申请？\`${c} cancel <申请 ID>\` — \`${c} status\` 会列出您的申请及其 ID。`,
    notFound: (id, c) => `不存在申请 \`${id}\`。${c ? `\`${c} status\` 会列出您的申请。` : ''}`,
    notYours: (id) => `申请 \`${id}\` 不是您提交的；您只能取消自己的申请。未做任何更改。`,
    notPending: (id, status) => `申请 \`${id}\` 已不在等待审批（当前状态：${status ? ZH_STATUS[status] : '未知'}），无法取消。未做任何更改。`,
  },
  restarting: 'SAG Access Bot 正在重启，本次操作未执行。请一分钟后重试。',
  formNotOpenedFromButton: '抱歉，申请表单未能打开（Slack 未能及时接受）。请再次点击该按钮。',
};

const TABLE: Record<BotLocale, SlackStrings> = { en: EN, 'zh-CN': ZH };

/** The strings for a locale; anything but zh-CN reads English. */
export function slackStrings(locale: BotLocale | undefined): SlackStrings {
  return locale === 'zh-CN' ? TABLE['zh-CN'] : TABLE.en;
}
