// The App Home tab: the request button, the person's own requests and, for approvers, what waits for them.
import type { Button, HomeView, KnownBlock } from '@slack/types';
import type { BotLocale } from '../../domain/cloud-errors';
import type { AccessRequest } from '../../domain/request';
import type { HomeContent } from '../../services/ports';
import { ACTION } from './ids';
import { requestAccessButton } from './request-button';
import { requestDetailBlocks } from './request-details';
import { requestSummary } from './request-summary';

/** Slack allows 100 blocks in a view; these caps keep the worst case near 70. */
export const HOME_MY_REQUESTS_MAX = 10;
export const HOME_WAITING_MAX = 15;

function button(text: string, actionId: string, requestId: string, style?: 'primary' | 'danger'): Button {
  return { type: 'button', text: { type: 'plain_text', text }, action_id: actionId, value: requestId, ...(style ? { style } : {}) };
}

function cancelButton(r: AccessRequest): Button {
  return {
    ...button('Cancel', ACTION.cancelRequest, r.id),
    confirm: {
      title: { type: 'plain_text', text: 'Cancel this request?' },
      text: { type: 'plain_text', text: `Request ${r.id} will be withdrawn; approvers can no longer approve it.` },
      confirm: { type: 'plain_text', text: 'Cancel request' },
      deny: { type: 'plain_text', text: 'Keep it' },
    },
  };
}

function myRequestBlocks(requests: AccessRequest[], locale: BotLocale): KnownBlock[] {
  if (requests.length === 0) return [{ type: 'context', elements: [{ type: 'mrkdwn', text: 'No requests yet.' }] }];
  return requests.slice(0, HOME_MY_REQUESTS_MAX).map((r) => ({
    type: 'section',
    block_id: `mine:${r.id}`,
    text: { type: 'mrkdwn', text: requestSummary(r, locale) },
    ...(r.status === 'pending' ? { accessory: cancelButton(r) } : {}),
  }));
}

function waitingBlocks(waiting: NonNullable<HomeContent['waitingForYou']>, locale: BotLocale): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'divider' },
    { type: 'header', text: { type: 'plain_text', text: `Waiting for you (${waiting.total})` } },
  ];
  if (waiting.requests.length === 0) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Nothing waits for your decision.' }] });
    return blocks;
  }
  for (const r of waiting.requests.slice(0, HOME_WAITING_MAX)) {
    blocks.push(
      ...requestDetailBlocks(r, locale),
      {
        type: 'actions',
        block_id: `home_decide:${r.id}`,
        elements: [button('Approve', ACTION.approve, r.id, 'primary'), button('Deny', ACTION.deny, r.id, 'danger')],
      },
    );
  }
  const more = waiting.total - Math.min(waiting.requests.length, HOME_WAITING_MAX);
  if (more > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${more} more, oldest first; decide these to see the rest, or use the admin channel.` }] });
  return blocks;
}

export function homeView(home: HomeContent, locale: BotLocale): HomeView {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'SAG VPN access' } },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: 'Need a Smart Access Gateway (SAG) VPN account? Request it here; an approver reviews it and you get a direct message with the result.' },
    },
    { type: 'actions', block_id: 'home_request', elements: [requestAccessButton()] },
    { type: 'divider' },
    { type: 'header', text: { type: 'plain_text', text: 'My requests' } },
    ...myRequestBlocks(home.myRequests, locale),
  ];
  if (home.waitingForYou) blocks.push(...waitingBlocks(home.waitingForYou, locale));
  return { type: 'home', blocks };
}
