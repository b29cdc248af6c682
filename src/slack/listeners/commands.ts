// The slash command: ack at once, then open the request modal before anything slow.
import type { App } from '@slack/bolt';
import type { BotDeps } from '../../services/deps';
import { openRequestModal } from '../open-request-modal';

export function registerCommands(app: App, deps: BotDeps, command: string): void {
  app.command(command, async ({ ack, body, client }) => {
    await ack();
    try {
      await openRequestModal(client, deps, body.trigger_id, body.user_id);
    } catch (err) {
      deps.logger.warn({ err, userId: body.user_id }, 'could not open the request modal');
      await client.chat.postEphemeral({
        channel: body.channel_id,
        user: body.user_id,
        text: 'Sorry, the request form could not be opened (Slack did not accept it in time). Please run the command again.',
      }).catch(() => undefined);
    }
  });
}
