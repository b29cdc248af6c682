// The slash command: ack at once, then open the request modal before anything slow.
import type { App } from '@slack/bolt';
import type { BotDeps } from '../../services/deps';
import { announceCancellation, cancelRequest } from '../../services/cancel-request';
import { myRequests } from '../../services/list-requests';
import { cancelReply, helpReply, statusReply, STATUS_MAX, type CommandReply } from '../blocks/command-replies';
import { slackStrings } from '../i18n';
import { openRequestModal } from '../open-request-modal';

export function registerCommands(app: App, deps: BotDeps, command: string): void {
  app.command(command, async ({ ack, body, client }) => {
    const [word = '', ...rest] = (body.text ?? '').trim().split(/\s+/);
    // Subcommands answer inside the acknowledgement (ephemeral): no response_url, no channel membership needed.
    if (word !== '') return answerSubcommand(deps, command, body.user_id, word, rest, ack);
    await ack();
    try {
      await openRequestModal(client, deps, body.trigger_id, body.user_id);
    } catch (err) {
      deps.logger.warn({ err, userId: body.user_id }, 'could not open the request modal');
      await client.chat.postEphemeral({
        channel: body.channel_id,
        user: body.user_id,
        text: slackStrings(deps.settings.locale).modal.formNotOpened,
      }).catch(() => undefined);
    }
  });
}

/** `help`, `status`, `cancel <id>`; anything else gets the help text, not an error. */
async function answerSubcommand(
  deps: BotDeps,
  command: string,
  userId: string,
  word: string,
  rest: string[],
  ack: (reply: CommandReply) => Promise<void>,
): Promise<void> {
  switch (word.toLowerCase()) {
    case 'help':
      return ack(helpReply(command, undefined, deps.settings.locale));
    case 'status':
      return ack(statusReply(myRequests(deps, userId, STATUS_MAX + 1), deps.settings.locale));
    case 'cancel': {
      const claimedId = rest[0] ?? '';
      const result = cancelRequest(deps, claimedId, userId);
      await ack(cancelReply(result, claimedId, command, deps.settings.locale));
      if (result.ok) await announceCancellation(deps, result.request);
      return;
    }
    default:
      return ack(helpReply(command, word, deps.settings.locale));
  }
}
