// Ephemeral answers to `/sag-access help | status | cancel <id>`.
import type { KnownBlock } from '@slack/types';
import type { BotLocale } from '../../domain/cloud-errors';
import type { AccessRequest } from '../../domain/request';
import type { CancelResult } from '../../services/cancel-request';
import { escapeMrkdwn, safeMrkdwn } from '../mrkdwn';
import { requestSummary } from './request-summary';

export interface CommandReply {
  response_type: 'ephemeral';
  text: string;
  blocks?: KnownBlock[];
}

export const STATUS_MAX = 10;

export function helpReply(command: string, unknown?: string): CommandReply {
  const c = escapeMrkdwn(command);
  const lines = [
    ...(unknown ? [`I don't know \`${safeMrkdwn(unknown, 40)}\`. Here is what I can do:`] : ['*SAG VPN access*']),
    `\`${c}\` — open the request form (your e-mail is filled in)`,
    `\`${c} status\` — your requests and where they stand`,
    `\`${c} cancel <request id>\` — withdraw your own request while it waits for approval`,
    `\`${c} help\` — this text`,
    'The bot\'s Home tab shows the same, and approvers find the requests waiting for them there.',
  ];
  return { response_type: 'ephemeral', text: lines.join('\n') };
}

export function statusReply(requests: AccessRequest[], locale: BotLocale): CommandReply {
  if (requests.length === 0) return { response_type: 'ephemeral', text: 'You have no VPN access requests yet. Run the command without a word to open the form.' };
  const shown = requests.slice(0, STATUS_MAX);
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*Your VPN access requests* (newest first${requests.length > shown.length ? `, ${shown.length} shown` : ''})` } },
    ...shown.map((r): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: requestSummary(r, locale) } })),
  ];
  const text = shown.map((r) => `${r.id}: ${r.status}`).join('\n');
  return { response_type: 'ephemeral', text: `Your VPN access requests:\n${text}`, blocks };
}

/** `command` (when the answer goes to the slash command) adds the hint how to list one's requests. */
export function cancelReply(result: CancelResult, claimedId: string, command?: string): CommandReply {
  const id = safeMrkdwn(claimedId, 40);
  const c = escapeMrkdwn(command ?? '/sag-access');
  if (result.ok) return { response_type: 'ephemeral', text: `:heavy_multiplication_x: Request \`${result.request.id}\` is cancelled; approvers were told by the admin message.` };
  switch (result.refusal) {
    case 'missing_id':
      return { response_type: 'ephemeral', text: `Which request? \`${c} cancel <request id>\` — \`${c} status\` lists your requests and their ids.` };
    case 'not_found':
      return { response_type: 'ephemeral', text: `There is no request \`${id}\`.${command ? ` \`${c} status\` lists yours.` : ''}` };
    case 'not_yours':
      return { response_type: 'ephemeral', text: `Request \`${id}\` is not yours; you can only cancel your own requests. Nothing was changed.` };
    case 'not_pending':
      return { response_type: 'ephemeral', text: `Request \`${id}\` is no longer waiting for approval (now ${result.status}), so it cannot be cancelled. Nothing was changed.` };
  }
}
