// First global middleware: tracks every interaction until its work is done, and while the bot stops
// turns new commands, clicks and submissions away with a sentence, changing nothing.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { InFlightWork } from '../in-flight-work';
import type { BotLocale } from '../domain/cloud-errors';
import type { Logger } from '../services/ports';
import { slackStrings } from './i18n';

export const RESTARTING_TEXT = slackStrings('en').restarting;

type Ack = (response?: unknown) => Promise<void>;
type Body = Record<string, unknown> & {
  type?: string;
  command?: string;
  user_id?: string;
  user?: { id?: string };
  channel?: { id?: string };
  container?: { type?: string };
  view?: { callback_id?: string; blocks?: Array<{ type?: string; block_id?: string }> };
  actions?: Array<{ action_id?: string; value?: string }>;
  event?: { type?: string };
};

export function drainingGate(inFlight: InFlightWork, logger: Logger, locale: BotLocale = 'en'): Middleware<AnyMiddlewareArgs> {
  const text = slackStrings(locale).restarting;
  return async (args) => {
    const body = args.body as Body;
    if (!inFlight.draining || !startsWork(body)) {
      await inFlight.track(describe(body), args.next());
      return;
    }
    const ack = (args as unknown as { ack?: Ack }).ack;
    logger.info({ kind: describe(body) }, 'turned away while stopping');
    try {
      await turnAway(body, ack, args.client, text);
    } catch (err) {
      logger.warn({ err }, 'could not tell the person the bot is restarting');
    }
  };
}

/** Commands, clicks and submissions start work; events were acked by Bolt already and are let through. */
function startsWork(body: Body): boolean {
  return body.command !== undefined || body.type === 'block_actions' || body.type === 'view_submission';
}

async function turnAway(body: Body, ack: Ack | undefined, client: WebClient, text: string): Promise<void> {
  if (body.command !== undefined) {
    await ack?.({ response_type: 'ephemeral', text });
    return;
  }
  if (body.type === 'view_submission') {
    // Errors keep the modal open with what the person typed, so they can submit again in a minute.
    const input = body.view?.blocks?.find((b) => b.type === 'input' && b.block_id);
    if (input?.block_id) {
      await ack?.({ response_action: 'errors', errors: { [input.block_id]: text } });
      return;
    }
  }
  await ack?.();
  const userId = body.user?.id;
  if (!userId) return;
  const channel = body.container?.type === 'message' ? body.channel?.id : undefined;
  if (channel) await client.chat.postEphemeral({ channel, user: userId, text });
  else await client.chat.postMessage({ channel: userId, text });
}

/** A short label for logs and the list of unfinished work; no user text. */
function describe(body: Body): string {
  if (body.command !== undefined) return `command ${body.command}`;
  if (body.type === 'block_actions') {
    const action = body.actions?.[0];
    return `click ${action?.action_id ?? '?'}${action?.value ? ` ${action.value.slice(0, 40)}` : ''}`;
  }
  if (body.type === 'view_submission') return `submission ${body.view?.callback_id ?? '?'}`;
  if (body.event?.type) return `event ${body.event.type}`;
  return body.type ?? 'interaction';
}
