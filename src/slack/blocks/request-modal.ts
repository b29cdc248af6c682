// The request modal: its hints and limits come from the domain's validation constants.
import type { ModalView } from '@slack/types';
import {
  REASON_MAX_LENGTH,
  USER_NAME_MAX_LENGTH,
  USER_NAME_MIN_LENGTH,
  BANDWIDTH_MIN_KBPS,
  type ValidationLimits,
} from '../../domain/validation';
import type { BotLocale } from '../../domain/cloud-errors';
import { slackStrings } from '../i18n';
import { CALLBACK, FIELD_BLOCK, INPUT_ACTION } from './ids';

export interface RequestModalOptions {
  userMail?: string;
  bandwidthKbps: number;
  limits: ValidationLimits;
  locale?: BotLocale;
}

export function requestModal(opts: RequestModalOptions): ModalView {
  const { limits } = opts;
  const t = slackStrings(opts.locale).modal;
  const ipHint = t.ipHint(limits.clientCidr);
  return {
    type: 'modal',
    callback_id: CALLBACK.requestModal,
    title: { type: 'plain_text', text: t.title },
    submit: { type: 'plain_text', text: t.submit },
    close: { type: 'plain_text', text: t.close },
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: t.intro },
      },
      {
        type: 'input',
        block_id: FIELD_BLOCK.userMail,
        label: { type: 'plain_text', text: t.mailLabel },
        hint: { type: 'plain_text', text: t.mailHint },
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
        label: { type: 'plain_text', text: t.bandwidthLabel },
        hint: { type: 'plain_text', text: t.bandwidthHint(BANDWIDTH_MIN_KBPS, limits.maxBandwidthKbps) },
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
        label: { type: 'plain_text', text: t.ipLabel },
        hint: { type: 'plain_text', text: ipHint },
        element: {
          type: 'plain_text_input',
          action_id: INPUT_ACTION,
          max_length: 15,
          placeholder: { type: 'plain_text', text: limits.clientCidr ? t.ipPlaceholderInside(limits.clientCidr) : '10.0.0.10' },
        },
      },
      {
        type: 'input',
        block_id: FIELD_BLOCK.userName,
        optional: true,
        label: { type: 'plain_text', text: t.userNameLabel },
        hint: { type: 'plain_text', text: t.userNameHint(USER_NAME_MIN_LENGTH, USER_NAME_MAX_LENGTH) },
        element: { type: 'plain_text_input', action_id: INPUT_ACTION, max_length: USER_NAME_MAX_LENGTH },
      },
      {
        type: 'input',
        block_id: FIELD_BLOCK.reason,
        optional: true,
        label: { type: 'plain_text', text: t.reasonLabel },
        element: {
          type: 'plain_text_input',
          action_id: INPUT_ACTION,
          multiline: true,
          max_length: REASON_MAX_LENGTH,
          placeholder: { type: 'plain_text', text: t.reasonPlaceholder },
        },
      },
    ],
  };
}
