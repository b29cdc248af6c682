// Opens the request modal at once (trigger_id lives 3 s), then fills in the person's e-mail.
import type { WebClient } from '@slack/web-api';
import type { BotDeps } from '../services/deps';
import { requestModal } from './blocks/request-modal';

export async function openRequestModal(client: WebClient, deps: BotDeps, triggerId: string, userId: string): Promise<void> {
  const base = { bandwidthKbps: deps.settings.defaultBandwidthKbps, limits: deps.settings.limits, locale: deps.settings.locale };
  const opened = await client.views.open({ trigger_id: triggerId, view: requestModal(base) });
  try {
    // Fresh at every open (the profile may have changed); it also fills the cache the submission reads.
    const userMail = await deps.notifier.findMailOfUser(userId, { fresh: true });
    if (!userMail || !opened.view?.id) return;
    // The hash makes Slack refuse the update if the view changed meanwhile.
    await client.views.update({ view_id: opened.view.id, hash: opened.view.hash, view: requestModal({ ...base, userMail }) });
  } catch (err) {
    deps.logger.debug({ err, userId }, 'could not pre-fill the e-mail; the person types it');
  }
}
