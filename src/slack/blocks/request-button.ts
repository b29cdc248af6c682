// The button that opens the request form, wherever a person meets the bot (App Home, welcome, expiry DM).
import type { Button } from '@slack/types';
import type { BotLocale } from '../../domain/cloud-errors';
import { slackStrings } from '../i18n';
import { ACTION } from './ids';

export function requestAccessButton(locale: BotLocale = 'en', label: 'request' | 'again' = 'request'): Button {
  const text = slackStrings(locale).requestButton[label];
  return { type: 'button', text: { type: 'plain_text', text }, action_id: ACTION.openRequestModal, value: 'open', style: 'primary' };
}
