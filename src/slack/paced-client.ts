// The notifier's WebClient: a 429 holds back only the call it hit (and the posts queued behind it in that
// channel), instead of WebClient's default of pausing every call of the client and backing off exponentially on top.
import { ErrorCode, WebClient, type WebAPICallResult, type WebClientOptions } from '@slack/web-api';

export interface PacingOptions {
  /** How the client waits out Retry-After; the bench scales time through it. */
  sleep?: (ms: number) => Promise<void>;
  /** A call still rate limited after this long fails, so its caller can say so. Default 15 minutes. */
  maxWaitMs?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class PacedWebClient extends WebClient {
  /** Per channel, the last post queued: Slack allows about one post a second per channel, so they go one after another. */
  private readonly postQueues = new Map<string, Promise<unknown>>();
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxWaitMs: number;

  constructor(token: string, options: WebClientOptions = {}, pacing: PacingOptions = {}) {
    super(token, { ...options, rejectRateLimitedCalls: true });
    this.sleep = pacing.sleep ?? realSleep;
    this.maxWaitMs = pacing.maxWaitMs ?? 15 * 60_000;
  }

  override apiCall(method: string, options?: Record<string, unknown>): Promise<WebAPICallResult> {
    const call = () => this.untilAccepted(() => super.apiCall(method, options));
    const channel = method === 'chat.postMessage' && typeof options?.channel === 'string' ? options.channel : undefined;
    if (!channel) return call();
    const result = (this.postQueues.get(channel) ?? Promise.resolve()).then(call, call);
    const settled = result.catch(() => undefined);
    this.postQueues.set(channel, settled);
    // Forget an idle channel's queue so the map holds only channels with posts waiting.
    void settled.then(() => {
      if (this.postQueues.get(channel) === settled) this.postQueues.delete(channel);
    });
    return result;
  }

  /** Calls again after each 429, waiting Retry-After, until accepted or maxWaitMs of waiting has passed. */
  private async untilAccepted<T>(call: () => Promise<T>): Promise<T> {
    let waitedMs = 0;
    for (;;) {
      try {
        return await call();
      } catch (err) {
        const retryAfterSec = rateLimitedFor(err);
        if (retryAfterSec === undefined || waitedMs >= this.maxWaitMs) throw err;
        const waitMs = Math.max(1, retryAfterSec) * 1000;
        await this.sleep(waitMs);
        waitedMs += waitMs;
      }
    }
  }
}

function rateLimitedFor(err: unknown): number | undefined {
  const e = err as { code?: string; retryAfter?: unknown };
  return e?.code === ErrorCode.RateLimitedError && typeof e.retryAfter === 'number' ? e.retryAfter : undefined;
}
