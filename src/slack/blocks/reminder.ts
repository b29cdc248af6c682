// The reminder posted in the admin message's thread while a request waits.
import type { AccessRequest } from '../../domain/request';
import { formatDuration } from '../../domain/duration';
import type { SlackMessage } from './admin-message';

/** Approver mentions come from configuration (U… users, S… groups), never from user text. */
export function approverMentions(approverIds: readonly string[]): string {
  return approverIds.map((id) => (id.startsWith('S') ? `<!subteam^${id}>` : `<@${id}>`)).join(' ');
}

export function reminderMessage(request: AccessRequest, reminder: { number: number; waitingMs: number }, approverIds: readonly string[]): SlackMessage {
  const waited = formatDuration(Math.max(60_000, Math.floor(reminder.waitingMs / 60_000) * 60_000));
  const who = approverIds.length > 0 ? `${approverMentions(approverIds)}: ` : '';
  const text = `:bell: ${who}request \`${request.id}\` from <@${request.requesterId}> has waited ${waited} for a decision (reminder ${reminder.number}). Approve or deny it above, or in the bot's Home tab.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
