// Approve / Deny / Retry buttons: ack first, check who clicked where, then act.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { isRequestId } from '../../domain/request';
import type { DecisionRefusal } from '../../domain/policy';
import { slashCommand, type BotDeps } from '../../services/deps';
import { approveRequest, authorizeDecision, retryRequest } from '../../services/decide-request';
import { announceCancellation, cancelRequest } from '../../services/cancel-request';
import { homesOf } from '../../services/home';
import { cancelReply } from '../blocks/command-replies';
import { ACTION } from '../blocks/ids';
import { slackStrings } from '../i18n';
import { openRequestModal } from '../open-request-modal';
import { denyModal } from '../blocks/deny-modal';
import { refusalText } from '../blocks/refusal';

type ButtonBody = BlockAction<ButtonAction>;

/** Tells the clicker why nothing happened, where they clicked. */
async function refuse(client: WebClient, deps: BotDeps, body: ButtonBody, refusal: DecisionRefusal): Promise<void> {
  const text = refusalText(refusal, deps.settings.locale);
  const channel = body.channel?.id;
  try {
    if (channel) await client.chat.postEphemeral({ channel, user: body.user.id, text });
    else await client.chat.postMessage({ channel: body.user.id, text });
  } catch (err) {
    deps.logger.warn({ err, userId: body.user.id }, 'could not tell the clicker about the refusal');
  }
  // A refused click in App Home usually means the tab is stale: show the current state, so the dead buttons go.
  if (body.view?.type === 'home') await homesOf(deps).refresh(body.user.id);
}

/** Buttons on messages count only in the admin channel; App Home buttons (no channel) are fine. */
function clickedWhereAllowed(deps: BotDeps, body: ButtonBody): boolean {
  if (body.container?.type !== 'message') return true;
  return body.channel?.id === deps.settings.adminChannelId;
}

/** The request id from the button, or a refusal when the value is forged or the place is wrong. */
function readClick(deps: BotDeps, body: ButtonBody, action: ButtonAction): { requestId: string } | { refusal: DecisionRefusal } {
  const requestId = action.value ?? '';
  const refusal: DecisionRefusal | undefined = !isRequestId(requestId)
    ? { kind: 'not_found' }
    : !clickedWhereAllowed(deps, body)
      ? { kind: 'wrong_channel' }
      : undefined;
  if (refusal) {
    deps.store.appendAudit({ at: deps.clock.now(), actorId: body.user.id, action: 'refused_click', detail: { refusal: refusal.kind, button: action.action_id, channel: body.channel?.id } });
    return { refusal };
  }
  return { requestId };
}

export function registerActions(app: App, deps: BotDeps): void {
  for (const [actionId, decide] of [
    [ACTION.approve, approveRequest],
    [ACTION.retry, retryRequest],
  ] as const) {
    app.action<ButtonBody>(actionId, async ({ ack, body, action, client }) => {
      await ack();
      const click = readClick(deps, body, action);
      if ('refusal' in click) return refuse(client, deps, body, click.refusal);
      const result = await decide(deps, click.requestId, body.user.id);
      if (!result.ok) await refuse(client, deps, body, result.refusal);
    });
  }

  app.action<ButtonBody>(ACTION.deny, async ({ ack, body, action, client }) => {
    await ack();
    const click = readClick(deps, body, action);
    if ('refusal' in click) return refuse(client, deps, body, click.refusal);
    const allowed = await authorizeDecision(deps, click.requestId, body.user.id);
    if (!allowed.ok) return refuse(client, deps, body, allowed.refusal);
    await client.views.open({ trigger_id: body.trigger_id, view: denyModal(allowed.request, deps.settings.locale) });
  });

  // "Request VPN access" in App Home, the welcome message and the expiry message: the same form as the command.
  app.action<ButtonBody>(ACTION.openRequestModal, async ({ ack, body, client }) => {
    await ack();
    try {
      await openRequestModal(client, deps, body.trigger_id, body.user.id);
    } catch (err) {
      deps.logger.warn({ err, userId: body.user.id }, 'could not open the request modal from a button');
      await client.chat
        .postMessage({ channel: body.user.id, text: slackStrings(deps.settings.locale).formNotOpenedFromButton })
        .catch(() => undefined);
    }
  });

  // "Cancel" next to one's own pending request in App Home.
  app.action<ButtonBody>(ACTION.cancelRequest, async ({ ack, body, action, client }) => {
    await ack();
    const result = cancelRequest(deps, action.value ?? '', body.user.id);
    if (result.ok) return announceCancellation(deps, result.request);
    await client.chat
      .postMessage({ channel: body.user.id, text: cancelReply(result, action.value ?? '', slashCommand(deps), deps.settings.locale, 'home').text })
      .catch((err) => deps.logger.warn({ err, userId: body.user.id }, 'could not tell the clicker about the refusal'));
    if (body.view?.type === 'home') await homesOf(deps).refresh(body.user.id);
  });
}
