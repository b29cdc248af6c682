// One request in a few mrkdwn lines (App Home, `status`): status, dates, who decided, outcome; user text escaped.
import { describeCloudFailure, type BotLocale } from '../../domain/cloud-errors';
import type { AccessRequest, RequestStatus } from '../../domain/request';
import { slackStrings, type SlackStrings } from '../i18n';
import { escapeMrkdwn, safeMrkdwn } from '../mrkdwn';
import { slackDate } from './request-details';

/** The English labels; `slackStrings(locale).summary.status` has every language. */
export const STATUS_LABEL: Record<RequestStatus, string> = slackStrings('en').summary.status;

type Summary = SlackStrings['summary'];

function decidedBy(r: AccessRequest, t: SlackStrings): string | undefined {
  if (r.decidedBy) return `<@${r.decidedBy}>`;
  if (r.approvedByRule) return t.rule(safeMrkdwn(r.approvedByRule, 100));
  return undefined;
}

function decisionLine(r: AccessRequest, t: SlackStrings): string | undefined {
  const by = decidedBy(r, t);
  const when = r.decidedAt ? slackDate(r.decidedAt) : undefined;
  switch (r.status) {
    case 'approved':
    case 'provisioning':
    case 'provisioned':
    case 'failed':
      return by ? t.summary.approvedBy(by, when) : undefined;
    case 'denied':
      return t.summary.deniedBy(by, when);
    case 'cancelled':
      return t.summary.cancelled(slackDate(r.updatedAt));
    case 'expired':
      return t.summary.expired(slackDate(r.updatedAt));
    default:
      return undefined;
  }
}

function outcomeLine(r: AccessRequest, t: Summary, locale: BotLocale): string | undefined {
  if (r.status === 'provisioned') {
    const a = r.account;
    return t.account(safeMrkdwn(a?.userName ?? r.userName ?? r.userMail, 254), a?.clientIp ? escapeMrkdwn(a.clientIp) : undefined);
  }
  if (r.status === 'failed' && r.failure) return t.failed(escapeMrkdwn(describeCloudFailure(r.failure.code, locale).requester), escapeMrkdwn(r.failure.code));
  if (r.status === 'denied' && r.denyReason) return t.reason(safeMrkdwn(r.denyReason, 300));
  return undefined;
}

export function requestSummary(r: AccessRequest, locale: BotLocale): string {
  const strings = slackStrings(locale);
  const t = strings.summary;
  const ip = r.clientIp ? t.fixedIp(escapeMrkdwn(r.clientIp)) : t.ipFromPool;
  const lines = [
    `*${t.status[r.status]}* · \`${r.id}\``,
    `${safeMrkdwn(r.userMail, 254)} · ${r.bandwidthKbps} Kbps · ${ip}`,
    [t.submitted(slackDate(r.createdAt)), decisionLine(r, strings)].filter(Boolean).join(' · '),
  ];
  const outcome = outcomeLine(r, t, locale);
  if (outcome) lines.push(outcome);
  return lines.join('\n');
}
