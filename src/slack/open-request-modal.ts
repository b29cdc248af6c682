// Opens the request modal at once (trigger_id lives 3 s), with the person's e-mail filled in from cache or right after.
import type { WebClient } from '@slack/web-api';
import type { BotDeps } from '../services/deps';
import { requestModal } from './blocks/request-modal';

export async function openRequestModal(client: WebClient, deps: BotDeps, triggerId: string, userId: string): Promise<void> {
  const base = { bandwidthKbps: deps.settings.defaultBandwidthKbps, limits: deps.settings.limits, locale: deps.settings.locale };
  // A recently looked-up e-mail opens pre-filled: one Slack call instead of three under load.
  const known = deps.notifier.cachedMailOfUser(userId);
  const opened = await client.views.open({ trigger_id: triggerId, view: requestModal({ ...base, userMail: known }) });
  if (known) return;
  try {
    // Looked up after the open (the trigger_id expires in 3 s); it also fills the cache the submission reads.
    const userMail = await deps.notifier.findMailOfUser(userId, { fresh: true });
    if (!userMail || !opened.view?.id) return;
    // The hash makes Slack refuse the update if the view changed meanwhile.
    await client.views.update({ view_id: opened.view.id, hash: opened.view.hash, view: requestModal({ ...base, userMail }) });
  } catch (err) {
    deps.logger.debug({ err, userId }, 'could not pre-fill the e-mail; the person types it');
  }
}
