// The modal an approver fills in to deny: the reason reaches the requester.
import type { ModalView } from '@slack/types';
import { DENY_REASON_MAX_LENGTH } from '../../domain/validation';
import type { AccessRequest } from '../../domain/request';
import { plainText } from '../mrkdwn';
import { CALLBACK, DENY_REASON_BLOCK, INPUT_ACTION } from './ids';

export function denyModal(request: AccessRequest): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK.denyModal,
    // Only the id travels; the listener re-reads the request and re-checks the approver.
    private_metadata: request.id,
    title: { type: 'plain_text', text: 'Deny VPN access' },
    submit: { type: 'plain_text', text: 'Deny' },
    close: { type: 'plain_text', text: 'Back' },
    blocks: [
      {
        type: 'section',
        text: { type: 'plain_text', text: plainText(`Deny ${request.id} for ${request.userMail}?`, 300) },
      },
      {
        type: 'input',
        block_id: DENY_REASON_BLOCK,
        label: { type: 'plain_text', text: 'Reason (sent to the requester)' },
        element: { type: 'plain_text_input', action_id: INPUT_ACTION, multiline: true, max_length: DENY_REASON_MAX_LENGTH },
      },
    ],
  };
}
