// The admin-channel message for a request, rendered from its current state.
import type { KnownBlock, Button } from '@slack/types';
import { describeCloudFailure, type BotLocale } from '../../domain/cloud-errors';
import type { AccessRequest } from '../../domain/request';
import { escapeMrkdwn, safeMrkdwn } from '../mrkdwn';
import { ACTION } from './ids';
import { requestDetailBlocks } from './request-details';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

const HEADLINE: Record<AccessRequest['status'], string> = {
  pending: ':hourglass_flowing_sand: VPN access request waiting for approval',
  approved: ':white_check_mark: VPN access approved, provisioning…',
  provisioning: ':gear: VPN access approved, provisioning…',
  provisioned: ':large_green_circle: VPN account created',
  failed: ':red_circle: VPN account could not be created',
  denied: ':no_entry: VPN access denied',
  cancelled: ':heavy_multiplication_x: VPN access request cancelled',
  expired: ':alarm_clock: VPN access request expired',
};

function decisionLine(r: AccessRequest): string | undefined {
  const by = r.decidedBy ? `<@${r.decidedBy}>` : r.approvedByRule ? `rule “${escapeMrkdwn(r.approvedByRule)}”` : undefined;
  switch (r.status) {
    case 'approved':
    case 'provisioning':
      return by && `Approved by ${by}; creating the account…`;
    case 'provisioned': {
      const a = r.account;
      const ip = a?.clientIp ? `, fixed IP \`${escapeMrkdwn(a.clientIp)}\`` : ', IP from the pool';
      return `Approved by ${by ?? 'someone'}. Account \`${escapeMrkdwn(a?.userName ?? r.userMail)}\` created (${a?.bandwidthKbps ?? r.bandwidthKbps} Kbps${ip}). Cloud RequestId \`${escapeMrkdwn(a?.cloudRequestId ?? 'n/a')}\`.`;
    }
    case 'denied':
      return `Denied by ${by ?? 'someone'}.`;
    case 'cancelled':
      return 'Cancelled by the requester.';
    case 'expired':
      return 'Nobody decided in time; the requester was told.';
    default:
      return undefined;
  }
}

function failureBlocks(r: AccessRequest, locale: BotLocale): KnownBlock[] {
  const f = r.failure;
  if (!f) return [];
  const known = describeCloudFailure(f.code, locale);
  const lines = [
    `*What to fix:* ${escapeMrkdwn(known.operator)}`,
    `Code \`${escapeMrkdwn(f.code)}\`${f.cloudRequestId ? ` · RequestId \`${escapeMrkdwn(f.cloudRequestId)}\`` : ''} · ${f.retryable ? 'a retry can help' : 'a retry will not help'} · attempts: ${r.attempts}`,
  ];
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } }];
  if (f.retryable) {
    blocks.push({ type: 'actions', block_id: `decide:${r.id}`, elements: [button('Retry', ACTION.retry, r.id, 'primary')] });
  }
  return blocks;
}

function button(text: string, actionId: string, requestId: string, style?: 'primary' | 'danger'): Button {
  return { type: 'button', text: { type: 'plain_text', text }, action_id: actionId, value: requestId, ...(style ? { style } : {}) };
}

export function adminMessage(r: AccessRequest, locale: BotLocale): SlackMessage {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: HEADLINE[r.status] } },
    ...requestDetailBlocks(r),
    { type: 'context', elements: [{ type: 'mrkdwn', text: `Request \`${r.id}\` · instance \`${escapeMrkdwn(r.instanceId)}\` (${escapeMrkdwn(r.regionId)})` }] },
  ];
  const line = decisionLine(r);
  if (line) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: line } });
  if (r.status === 'denied' && r.denyReason) {
    blocks.push({ type: 'section', text: { type: 'plain_text', text: `Reason: ${r.denyReason}`.slice(0, 2900) } });
  }
  if (r.status === 'failed') blocks.push(...failureBlocks(r, locale));
  if (r.status === 'pending') {
    blocks.push({
      type: 'actions',
      block_id: `decide:${r.id}`,
      elements: [button('Approve', ACTION.approve, r.id, 'primary'), button('Deny', ACTION.deny, r.id, 'danger')],
    });
  }
  const text = `${HEADLINE[r.status]}: ${safeMrkdwn(r.userMail, 254)}, ${r.bandwidthKbps} Kbps (${r.id})`;
  return { text, blocks };
}
