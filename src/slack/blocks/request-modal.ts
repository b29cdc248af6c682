// The request modal: its hints and limits come from the domain's validation constants.
import type { ModalView } from '@slack/types';
import {
  REASON_MAX_LENGTH,
  USER_NAME_MAX_LENGTH,
  USER_NAME_MIN_LENGTH,
  BANDWIDTH_MIN_KBPS,
  type ValidationLimits,
} from '../../domain/validation';
import { CALLBACK, FIELD_BLOCK, INPUT_ACTION } from './ids';

export interface RequestModalOptions {
  userMail?: string;
  bandwidthKbps: number;
  limits: ValidationLimits;
}

export function requestModal(opts: RequestModalOptions): ModalView {
  const { limits } = opts;
  const ipHint = limits.clientCidr
    ? `Leave empty to get an address from the pool on every connect. A fixed address must lie inside ${limits.clientCidr}.`
    : 'Leave empty to get an address from the pool on every connect. A fixed address must be a private IPv4 address.';
  return {
    type: 'modal',
    callback_id: CALLBACK.requestModal,
    title: { type: 'plain_text', text: 'VPN access' },
    submit: { type: 'plain_text', text: 'Request' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: 'Request a Smart Access Gateway (SAG) VPN account. An approver will review it; you get a DM with the result.' },
      },
      {
        type: 'input',
        block_id: FIELD_BLOCK.userMail,
        label: { type: 'plain_text', text: 'E-mail of the person who needs access' },
        hint: { type: 'plain_text', text: 'The account is created for this address; Alibaba Cloud sends the login details there.' },
        element: {
          type: 'email_text_input',
          action_id: INPUT_ACTION,
          ...(opts.userMail ? { initial_value: opts.userMail } : {}),
          placeholder: { type: 'plain_text', text: 'name@example.com' },
        },
      },
      {
        type: 'input',
        block_id: FIELD_BLOCK.bandwidthKbps,
        label: { type: 'plain_text', text: 'Bandwidth (Kbps)' },
        hint: { type: 'plain_text', text: `A whole number from ${BANDWIDTH_MIN_KBPS} to ${limits.maxBandwidthKbps}.` },
        element: {
          type: 'number_input',
          action_id: INPUT_ACTION,
          is_decimal_allowed: false,
          min_value: String(BANDWIDTH_MIN_KBPS),
          max_value: String(limits.maxBandwidthKbps),
          initial_value: String(opts.bandwidthKbps),
        },
      },
      {
        type: 'input',
        block_id: FIELD_BLOCK.clientIp,
        optional: true,
        label: { type: 'plain_text', text: 'Fixed client IP (optional)' },
        hint: { type: 'plain_text', text: ipHint },
        element: {
          type: 'plain_text_input',
          action_id: INPUT_ACTION,
          max_length: 15,
          placeholder: { type: 'plain_text', text: limits.clientCidr ? `inside ${limits.clientCidr}` : '10.0.0.10' },
        },
      },
      {
        type: 'input',
        block_id: FIELD_BLOCK.userName,
        optional: true,
        label: { type: 'plain_text', text: 'User name (optional)' },
        hint: {
          type: 'plain_text',
          text: `${USER_NAME_MIN_LENGTH}–${USER_NAME_MAX_LENGTH} letters, digits or _ @ . - starting with a letter or digit. With a user name the bot generates a password and sends it to the person by DM; without one, the e-mail is the user name and Alibaba Cloud mails the login details.`,
        },
        element: { type: 'plain_text_input', action_id: INPUT_ACTION, max_length: USER_NAME_MAX_LENGTH },
      },
      {
        type: 'input',
        block_id: FIELD_BLOCK.reason,
        optional: true,
        label: { type: 'plain_text', text: 'Reason (optional)' },
        element: {
          type: 'plain_text_input',
          action_id: INPUT_ACTION,
          multiline: true,
          max_length: REASON_MAX_LENGTH,
          placeholder: { type: 'plain_text', text: 'What do you need the VPN for?' },
        },
      },
    ],
  };
}
