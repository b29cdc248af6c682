// One request in a few mrkdwn lines (App Home, `status`): status, dates, who decided, outcome; user text escaped.
import { describeCloudFailure, type BotLocale } from '../../domain/cloud-errors';
import type { AccessRequest, RequestStatus } from '../../domain/request';
import { escapeMrkdwn, safeMrkdwn } from '../mrkdwn';
import { slackDate } from './request-details';

export const STATUS_LABEL: Record<RequestStatus, string> = {
  pending: ':hourglass_flowing_sand: Waiting for approval',
  approved: ':white_check_mark: Approved, creating the account',
  provisioning: ':gear: Approved, creating the account',
  provisioned: ':large_green_circle: Account ready',
  failed: ':red_circle: Account could not be created',
  denied: ':no_entry: Denied',
  cancelled: ':heavy_multiplication_x: Cancelled',
  expired: ':alarm_clock: Expired (nobody decided in time)',
};

function decidedBy(r: AccessRequest): string | undefined {
  if (r.decidedBy) return `<@${r.decidedBy}>`;
  if (r.approvedByRule) return `rule “${safeMrkdwn(r.approvedByRule, 100)}”`;
  return undefined;
}

function decisionLine(r: AccessRequest): string | undefined {
  const by = decidedBy(r);
  const when = r.decidedAt ? ` ${slackDate(r.decidedAt)}` : '';
  switch (r.status) {
    case 'approved':
    case 'provisioning':
    case 'provisioned':
    case 'failed':
      return by ? `Approved by ${by}${when}` : undefined;
    case 'denied':
      return `Denied by ${by ?? 'an approver'}${when}`;
    case 'cancelled':
      return `Cancelled ${slackDate(r.updatedAt)}`;
    case 'expired':
      return `Expired ${slackDate(r.updatedAt)}`;
    default:
      return undefined;
  }
}

function outcomeLine(r: AccessRequest, locale: BotLocale): string | undefined {
  if (r.status === 'provisioned') {
    const a = r.account;
    const ip = a?.clientIp ? `, fixed IP \`${escapeMrkdwn(a.clientIp)}\`` : '';
    return `Account \`${safeMrkdwn(a?.userName ?? r.userName ?? r.userMail, 254)}\`${ip}`;
  }
  if (r.status === 'failed' && r.failure) return `${escapeMrkdwn(describeCloudFailure(r.failure.code, locale).requester)} (code \`${escapeMrkdwn(r.failure.code)}\`)`;
  if (r.status === 'denied' && r.denyReason) return `Reason: ${safeMrkdwn(r.denyReason, 300)}`;
  return undefined;
}

export function requestSummary(r: AccessRequest, locale: BotLocale): string {
  const ip = r.clientIp ? `fixed IP \`${escapeMrkdwn(r.clientIp)}\`` : 'IP from the pool';
  const lines = [
    `*${STATUS_LABEL[r.status]}* · \`${r.id}\``,
    `${safeMrkdwn(r.userMail, 254)} · ${r.bandwidthKbps} Kbps · ${ip}`,
    [`Submitted ${slackDate(r.createdAt)}`, decisionLine(r)].filter(Boolean).join(' · '),
  ];
  const outcome = outcomeLine(r, locale);
  if (outcome) lines.push(outcome);
  return lines.join('\n');
}
