// The App Home tab: the request button, the person's own requests and, for approvers, what waits for them.
import type { Button, HomeView, KnownBlock } from '@slack/types';
import type { BotLocale } from '../../domain/cloud-errors';
import type { AccessRequest } from '../../domain/request';
import type { HomeContent } from '../../services/ports';
import { slackStrings, type SlackStrings } from '../i18n';
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

function cancelButton(r: AccessRequest, t: SlackStrings['home']): Button {
  return {
    ...button(t.cancel, ACTION.cancelRequest, r.id),
    confirm: {
      title: { type: 'plain_text', text: t.cancelTitle },
      text: { type: 'plain_text', text: t.cancelText(r.id) },
      confirm: { type: 'plain_text', text: t.cancelConfirm },
      deny: { type: 'plain_text', text: t.cancelKeep },
    },
  };
}

function myRequestBlocks(requests: AccessRequest[], locale: BotLocale): KnownBlock[] {
  const t = slackStrings(locale).home;
  if (requests.length === 0) return [{ type: 'context', elements: [{ type: 'mrkdwn', text: t.noRequests }] }];
  return requests.slice(0, HOME_MY_REQUESTS_MAX).map((r) => ({
    type: 'section',
    block_id: `mine:${r.id}`,
    text: { type: 'mrkdwn', text: requestSummary(r, locale) },
    ...(r.status === 'pending' ? { accessory: cancelButton(r, t) } : {}),
  }));
}

function waitingBlocks(waiting: NonNullable<HomeContent['waitingForYou']>, locale: BotLocale): KnownBlock[] {
  const strings = slackStrings(locale);
  const t = strings.home;
  const blocks: KnownBlock[] = [
    { type: 'divider' },
    { type: 'header', text: { type: 'plain_text', text: t.waitingForYou(waiting.total) } },
  ];
  if (waiting.requests.length === 0) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: t.nothingWaits }] });
    return blocks;
  }
  for (const r of waiting.requests.slice(0, HOME_WAITING_MAX)) {
    blocks.push(
      ...requestDetailBlocks(r, locale),
      {
        type: 'actions',
        block_id: `home_decide:${r.id}`,
        elements: [button(strings.admin.approve, ACTION.approve, r.id, 'primary'), button(strings.admin.deny, ACTION.deny, r.id, 'danger')],
      },
    );
  }
  const more = waiting.total - Math.min(waiting.requests.length, HOME_WAITING_MAX);
  if (more > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: t.more(more) }] });
  return blocks;
}

export function homeView(home: HomeContent, locale: BotLocale): HomeView {
  const t = slackStrings(locale).home;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: t.title } },
    { type: 'section', text: { type: 'mrkdwn', text: t.intro } },
    { type: 'actions', block_id: 'home_request', elements: [requestAccessButton(locale)] },
    { type: 'divider' },
    { type: 'header', text: { type: 'plain_text', text: t.myRequests } },
    ...myRequestBlocks(home.myRequests, locale),
  ];
  if (home.waitingForYou) blocks.push(...waitingBlocks(home.waitingForYou, locale));
  return { type: 'home', blocks };
}
