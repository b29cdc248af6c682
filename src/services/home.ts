// Use case: what a person's App Home shows, and keeping it current when a request they see changes.
import type { AccessRequest, RequestStatus } from '../domain/request';
import type { BotDeps } from './deps';
import { myRequests, waitingFor } from './list-requests';
import type { HomeContent } from './ports';

const MY_REQUESTS_SHOWN = 10;
/** Homes of people who have not looked for this long are refreshed when they open the tab again. */
const VIEWER_WINDOW_MS = 30 * 86_400_000;
/** A change to these can add a request to, or take it off, the approvers' "Waiting for you". */
const APPROVER_VISIBLE: readonly RequestStatus[] = ['pending', 'approved', 'denied', 'cancelled', 'expired'];

export async function homeFor(deps: BotDeps, userId: string): Promise<HomeContent> {
  const mine = myRequests(deps, userId, MY_REQUESTS_SHOWN);
  if (!(await deps.approvers.isApprover(userId))) return { userId, myRequests: mine };
  const waiting = waitingFor(deps, userId);
  return { userId, myRequests: mine, waitingForYou: { requests: waiting, total: waiting.length } };
}

/** A person opened the Home tab: remember them, so later changes refresh it, and publish it now. */
export async function openHome(deps: BotDeps, userId: string): Promise<void> {
  deps.store.recordHomeViewer(userId, deps.clock.now());
  await homesOf(deps).refresh(userId);
}

/** Whose home shows this request: its requester, and approvers while it is (or just stopped being) pending. */
export async function viewersOf(deps: BotDeps, request: AccessRequest): Promise<string[]> {
  const viewers = deps.store.listHomeViewers(new Date(deps.clock.now().getTime() - VIEWER_WINDOW_MS));
  const out = viewers.filter((v) => v === request.requesterId);
  if (APPROVER_VISIBLE.includes(request.status)) {
    for (const v of viewers) {
      if (v !== request.requesterId && (await deps.approvers.isApprover(v))) out.push(v);
    }
  }
  return out;
}

/**
 * Publishes homes one at a time per person; a change while one is being published publishes once more
 * afterwards, so the last publish always shows the latest state (never an older render overtaking a newer one).
 */
export class HomeRefresher {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private stopped = false;

  constructor(private readonly deps: BotDeps) {}

  refresh(userId: string): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const running = this.inFlight.get(userId);
    if (running) {
      this.again.add(userId);
      return running;
    }
    const run = (async () => {
      try {
        do {
          this.again.delete(userId);
          await this.publish(userId);
        } while (this.again.has(userId));
      } finally {
        this.inFlight.delete(userId);
      }
    })();
    this.inFlight.set(userId, run);
    return run;
  }

  /** Called by the store after each committed change; the work runs after the caller's transaction. */
  requestChanged(request: AccessRequest): void {
    if (this.stopped) return;
    setImmediate(() => {
      if (this.stopped) return;
      viewersOf(this.deps, request)
        .then((users) => Promise.all(users.map((u) => this.refresh(u))))
        .catch((err) => this.deps.logger.warn({ err, requestId: request.id }, 'could not refresh App Homes'));
    });
  }

  /** Takes no new work and resolves once no publish is running, so the store can close under none. */
  async stop(): Promise<void> {
    this.stopped = true;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight.values()]);
  }

  private async publish(userId: string): Promise<void> {
    try {
      await this.deps.notifier.publishHome(await homeFor(this.deps, userId));
    } catch (err) {
      this.deps.logger.warn({ err, userId }, 'could not publish App Home');
    }
  }
}

// One refresher per bot, found from its deps, so listeners and the store subscription share the per-person queue.
const refreshers = new WeakMap<BotDeps, HomeRefresher>();

export function homesOf(deps: BotDeps): HomeRefresher {
  let refresher = refreshers.get(deps);
  if (!refresher) {
    refresher = new HomeRefresher(deps);
    refreshers.set(deps, refresher);
  }
  return refresher;
}
