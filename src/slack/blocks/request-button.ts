// The button that opens the request form, wherever a person meets the bot (App Home, welcome, expiry DM).
import type { Button } from '@slack/types';
import { ACTION } from './ids';

export function requestAccessButton(text = 'Request VPN access'): Button {
  return { type: 'button', text: { type: 'plain_text', text }, action_id: ACTION.openRequestModal, value: 'open', style: 'primary' };
}
