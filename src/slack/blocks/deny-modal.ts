// The modal an approver fills in to deny: the reason reaches the requester.
import type { ModalView } from '@slack/types';
import { DENY_REASON_MAX_LENGTH } from '../../domain/validation';
import type { AccessRequest } from '../../domain/request';
import type { BotLocale } from '../../domain/cloud-errors';
import { slackStrings } from '../i18n';
import { plainText } from '../mrkdwn';
import { CALLBACK, DENY_REASON_BLOCK, INPUT_ACTION } from './ids';

export function denyModal(request: AccessRequest, locale: BotLocale = 'en'): ModalView {
  const t = slackStrings(locale).denyModal;
  return {
    type: 'modal',
    callback_id: CALLBACK.denyModal,
    // Only the id travels; the listener re-reads the request and re-checks the approver.
    private_metadata: request.id,
    title: { type: 'plain_text', text: t.title },
    submit: { type: 'plain_text', text: t.submit },
    close: { type: 'plain_text', text: t.close },
    blocks: [
      {
        type: 'section',
        text: { type: 'plain_text', text: plainText(t.question(request.id, request.userMail), 300) },
      },
      {
        type: 'input',
        block_id: DENY_REASON_BLOCK,
        label: { type: 'plain_text', text: t.reasonLabel },
        element: { type: 'plain_text_input', action_id: INPUT_ACTION, multiline: true, max_length: DENY_REASON_MAX_LENGTH },
      },
    ],
  };
}
