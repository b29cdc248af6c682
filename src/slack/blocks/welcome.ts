// The direct message a new member gets on joining the workspace.
import type { SlackMessage } from './admin-message';
import { requestAccessButton } from './request-button';

export function welcomeMessage(): SlackMessage {
  const text =
    ':wave: Welcome! If you need VPN access (Smart Access Gateway), request it with the button below — your e-mail is filled in for you. An approver reviews it and you get a message here when it is ready. You can also find this in the bot\'s Home tab, or type `/sag-access`.';
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }, { type: 'actions', block_id: 'welcome_request', elements: [requestAccessButton()] }] };
}
