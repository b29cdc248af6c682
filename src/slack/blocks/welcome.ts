// The direct message a new member gets on joining the workspace.
import type { BotLocale } from '../../domain/cloud-errors';
import { DEFAULT_SLASH_COMMAND } from '../../services/deps';
import { slackStrings } from '../i18n';
import { escapeMrkdwn } from '../mrkdwn';
import type { SlackMessage } from './admin-message';
import { requestAccessButton } from './request-button';

/** `command` is the configured slash command (SLASH_COMMAND), so the text names the one that works. */
export function welcomeMessage(locale: BotLocale = 'en', command: string = DEFAULT_SLASH_COMMAND): SlackMessage {
  const text = slackStrings(locale).welcome(escapeMrkdwn(command));
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }, { type: 'actions', block_id: 'welcome_request', elements: [requestAccessButton(locale)] }] };
}
