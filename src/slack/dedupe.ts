// Slack retries Events API deliveries (x-slack-retry-num) and a captured signed request can be replayed
// for five minutes: a delivery already handled is acknowledged and dropped before any listener runs.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { BotDeps } from '../services/deps';

// Slack's last retry comes ~5 minutes after the first try and Bolt refuses signatures older than 5 minutes.
const REMEMBER_MS = 24 * 60 * 60 * 1000;
const KEY_MAX = 200;

/** What makes a delivery unique: an event's event_id, or the trigger_id every interaction and command carries. */
export function deliveryKey(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  if (b.type === 'event_callback' && typeof b.event_id === 'string' && b.event_id) return `event:${b.event_id}`.slice(0, KEY_MAX);
  if (typeof b.trigger_id === 'string' && b.trigger_id) return `trigger:${b.trigger_id}`.slice(0, KEY_MAX);
  return undefined;
}

/** Global Bolt middleware: every listener (commands, actions, views, events) sees each delivery once. */
export function ignoreRepeatedDeliveries(deps: BotDeps): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const key = deliveryKey(args.body);
    if (key === undefined) return args.next();
    const now = deps.clock.now();
    let first: boolean;
    try {
      first = deps.store.rememberDelivery(key, now, new Date(now.getTime() - REMEMBER_MS));
    } catch (err) {
      // A store hiccup must not drop a real click; the compare-and-set still stops a double decision.
      deps.logger.warn({ err, key }, 'could not check whether a Slack delivery was seen before');
      return args.next();
    }
    if (first) return args.next();
    deps.logger.info({ key, retryNum: args.context.retryNum, retryReason: args.context.retryReason }, 'ignored a repeated Slack delivery');
    // Events are acknowledged by Bolt itself; everything else must be, or Slack shows an error after 3 s.
    if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
  };
}
