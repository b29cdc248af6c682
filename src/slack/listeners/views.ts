// Modal submissions: validate and answer inline within the ack, then do the slow work.
import type { App } from '@slack/bolt';
import { validateDenyReason } from '../../domain/validation';
import { isRequestId } from '../../domain/request';
import { checkDecider } from '../../domain/policy';
import type { BotDeps } from '../../services/deps';
import { requesterFacts, submitRequest } from '../../services/submit-request';
import { routeNewRequest } from '../../services/auto-approve';
import { denyRequest } from '../../services/decide-request';
import { CALLBACK, DENY_REASON_BLOCK } from '../blocks/ids';
import { refusalText } from '../blocks/refusal';
import { fieldErrorsByBlock, inputValue, readRequestForm } from '../form-values';

export function registerViews(app: App, deps: BotDeps): void {
  app.view(CALLBACK.requestModal, async ({ ack, body, view }) => {
    // Looked up only when requests for others are restricted; usually cached since the modal opened.
    const requester = await requesterFacts(deps, body.user.id);
    const result = submitRequest(deps, body.user.id, readRequestForm(view.state?.values), requester);
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: fieldErrorsByBlock(result.fieldErrors) });
      return;
    }
    await ack();
    await routeNewRequest(deps, result.request);
  });

  app.view(CALLBACK.denyModal, async ({ ack, body, view, client }) => {
    const reason = validateDenyReason(inputValue(view.state?.values, DENY_REASON_BLOCK) ?? '', deps.settings.locale);
    if (!reason.ok) {
      await ack({ response_action: 'errors', errors: { [DENY_REASON_BLOCK]: reason.error } });
      return;
    }
    const requestId = view.private_metadata;
    // A quick state check answers the common race inline; denyRequest re-checks everything.
    const current = isRequestId(requestId) ? deps.store.get(requestId) : undefined;
    const early = checkDecider(current, { userId: body.user.id, isApprover: true });
    if (!early.allowed && early.refusal.kind !== 'own_request') {
      await ack({ response_action: 'errors', errors: { [DENY_REASON_BLOCK]: refusalText(early.refusal, deps.settings.locale) } });
      return;
    }
    await ack();
    const result = await denyRequest(deps, requestId, body.user.id, reason.reason);
    if (!result.ok) {
      await client.chat
        .postEphemeral({ channel: deps.settings.adminChannelId, user: body.user.id, text: refusalText(result.refusal, deps.settings.locale) })
        // An approver deciding from App Home may not be in the admin channel: tell them by DM instead.
        .catch(() => client.chat.postMessage({ channel: body.user.id, text: refusalText(result.refusal, deps.settings.locale) }))
        .catch((err) => deps.logger.warn({ err }, 'could not send the refusal'));
    }
  });
}
