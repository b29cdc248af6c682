// The admin-channel message for a request, rendered from its current state.
import type { KnownBlock, Button } from '@slack/types';
import { describeCloudFailure, type BotLocale } from '../../domain/cloud-errors';
import type { AccessRequest } from '../../domain/request';
import { slackStrings, type SlackStrings } from '../i18n';
import { escapeMrkdwn, plainText, safeMrkdwn } from '../mrkdwn';
import { ACTION } from './ids';
import { requestDetailBlocks } from './request-details';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

function decisionLine(r: AccessRequest, t: SlackStrings): string | undefined {
  const by = r.decidedBy ? `<@${r.decidedBy}>` : r.approvedByRule ? t.rule(escapeMrkdwn(r.approvedByRule)) : undefined;
  switch (r.status) {
    case 'approved':
    case 'provisioning':
      return by && t.admin.approvedCreating(by);
    case 'provisioned': {
      const a = r.account;
      return t.admin.created({
        by: by ?? t.someone,
        userName: escapeMrkdwn(a?.userName ?? r.userMail),
        bandwidthKbps: a?.bandwidthKbps ?? r.bandwidthKbps,
        fixedIp: a?.clientIp ? escapeMrkdwn(a.clientIp) : undefined,
        cloudRequestId: escapeMrkdwn(a?.cloudRequestId ?? 'n/a'),
      });
    }
    case 'denied':
      return t.admin.deniedBy(by ?? t.someone);
    case 'cancelled':
      return t.admin.cancelled;
    case 'expired':
      return t.admin.expired;
    default:
      return undefined;
  }
}

function failureBlocks(r: AccessRequest, locale: BotLocale): KnownBlock[] {
  const f = r.failure;
  if (!f) return [];
  const known = describeCloudFailure(f.code, locale);
  const t = slackStrings(locale);
  const lines = [
    t.admin.whatToFix(escapeMrkdwn(known.operator)),
    t.admin.failureFacts({ code: escapeMrkdwn(f.code), cloudRequestId: f.cloudRequestId && escapeMrkdwn(f.cloudRequestId), retryable: f.retryable, attempts: r.attempts }),
  ];
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } }];
  if (f.retryable) {
    blocks.push({ type: 'actions', block_id: `decide:${r.id}`, elements: [button(t.admin.retry, ACTION.retry, r.id, 'primary')] });
  }
  return blocks;
}

function button(text: string, actionId: string, requestId: string, style?: 'primary' | 'danger'): Button {
  return { type: 'button', text: { type: 'plain_text', text }, action_id: actionId, value: requestId, ...(style ? { style } : {}) };
}

export function adminMessage(r: AccessRequest, locale: BotLocale): SlackMessage {
  const t = slackStrings(locale);
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: t.headline[r.status] } },
    ...requestDetailBlocks(r, locale),
    { type: 'context', elements: [{ type: 'mrkdwn', text: t.admin.context(r.id, escapeMrkdwn(r.instanceId), escapeMrkdwn(r.regionId)) }] },
  ];
  const line = decisionLine(r, t);
  if (line) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: line } });
  if (r.status === 'denied' && r.denyReason) {
    blocks.push({ type: 'section', text: { type: 'plain_text', text: plainText(t.admin.reason(r.denyReason), 2900) } });
  }
  if (r.status === 'failed') blocks.push(...failureBlocks(r, locale));
  if (r.status === 'pending') {
    blocks.push({
      type: 'actions',
      block_id: `decide:${r.id}`,
      elements: [button(t.admin.approve, ACTION.approve, r.id, 'primary'), button(t.admin.deny, ACTION.deny, r.id, 'danger')],
    });
  }
  const text = `${t.headline[r.status]}: ${safeMrkdwn(r.userMail, 254)}, ${r.bandwidthKbps} Kbps (${r.id})`;
  return { text, blocks };
}
