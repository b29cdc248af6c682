// Modal submissions: validate and answer inline within the ack, then do the slow work.
import type { App } from '@slack/bolt';
import { validateDenyReason } from '../../domain/validation';
import { isRequestId } from '../../domain/request';
import { checkDecider } from '../../domain/policy';
import type { BotDeps } from '../../services/deps';
import { announceRequest, submitRequest } from '../../services/submit-request';
import { denyRequest } from '../../services/decide-request';
import { CALLBACK, DENY_REASON_BLOCK } from '../blocks/ids';
import { refusalText } from '../blocks/refusal';
import { fieldErrorsByBlock, inputValue, readRequestForm } from '../form-values';

export function registerViews(app: App, deps: BotDeps): void {
  app.view(CALLBACK.requestModal, async ({ ack, body, view }) => {
    const result = submitRequest(deps, body.user.id, readRequestForm(view.state?.values));
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: fieldErrorsByBlock(result.fieldErrors) });
      return;
    }
    await ack();
    await announceRequest(deps, result.request);
  });

  app.view(CALLBACK.denyModal, async ({ ack, body, view, client }) => {
    const reason = validateDenyReason(inputValue(view.state?.values, DENY_REASON_BLOCK) ?? '');
    if (!reason.ok) {
      await ack({ response_action: 'errors', errors: { [DENY_REASON_BLOCK]: reason.error } });
      return;
    }
    const requestId = view.private_metadata;
    // A quick state check answers the common race inline; denyRequest re-checks everything.
    const current = isRequestId(requestId) ? deps.store.get(requestId) : undefined;
    const early = checkDecider(current, { userId: body.user.id, isApprover: true });
    if (!early.allowed && early.refusal.kind !== 'own_request') {
      await ack({ response_action: 'errors', errors: { [DENY_REASON_BLOCK]: refusalText(early.refusal) } });
      return;
    }
    await ack();
    const result = await denyRequest(deps, requestId, body.user.id, reason.reason);
    if (!result.ok) {
      await client.chat
        .postEphemeral({ channel: deps.settings.adminChannelId, user: body.user.id, text: refusalText(result.refusal) })
        .catch((err) => deps.logger.warn({ err }, 'could not send the refusal'));
    }
  });
}
