// The reminder posted in the admin message's thread while a request waits.
import type { BotLocale } from '../../domain/cloud-errors';
import type { AccessRequest } from '../../domain/request';
import { slackStrings } from '../i18n';
import type { SlackMessage } from './admin-message';

/** Approver mentions come from configuration (U… users, S… groups), never from user text. */
export function approverMentions(approverIds: readonly string[]): string {
  return approverIds.map((id) => (id.startsWith('S') ? `<!subteam^${id}>` : `<@${id}>`)).join(' ');
}

export function reminderMessage(
  request: AccessRequest,
  reminder: { number: number; waitingMs: number },
  approverIds: readonly string[],
  locale: BotLocale = 'en',
): SlackMessage {
  const text = slackStrings(locale).reminder({
    mentions: approverMentions(approverIds),
    id: request.id,
    requesterId: request.requesterId,
    // Whole minutes, at least one: "waited 15m", not "waited 15m3s".
    waitedMs: Math.max(60_000, Math.floor(reminder.waitingMs / 60_000) * 60_000),
    number: reminder.number,
  });
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
