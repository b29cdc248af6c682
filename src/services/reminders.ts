// Use case: nobody chases a request. Pending requests get reminders in the admin thread at doubling
// intervals and expire after the TTL; the schedule lives in the store, so restarts and a second process are safe.
import { nextReminderAt } from '../domain/follow-up';
import type { AccessRequest } from '../domain/request';
import { selfService, type BotDeps } from './deps';
import { announceClosed } from './announce';

export interface DueWorkResult {
  /** Request ids reminded by this call (each reminder is claimed by exactly one caller). */
  reminded: string[];
  /** Request ids this call moved to expired. */
  expired: string[];
}

/** One pass over what is due at `now`; safe to run from several processes at once. */
export async function runDueWork(deps: BotDeps, now: Date = deps.clock.now()): Promise<DueWorkResult> {
  const times = selfService(deps);
  const ours = (r: AccessRequest) => r.instanceId === deps.settings.instanceId && r.regionId === deps.settings.regionId;
  deps.store.scheduleFollowUps(times);
  const result: DueWorkResult = { reminded: [], expired: [] };

  for (const request of deps.store.dueExpiries(now).filter(ours)) {
    if (await expireRequest(deps, request, now)) result.expired.push(request.id);
  }
  for (const due of deps.store.dueReminders(now).filter((d) => ours(d.request))) {
    const next = nextReminderAt({ sent: due.remindersSent + 1, dueAt: due.dueAt, now, expiresAt: due.expiresAt, reminderAfterMs: times.reminderAfterMs });
    // Lost the compare-and-set: another process (or an earlier pass) took this reminder.
    if (!deps.store.claimReminder(due.request.id, due.remindersSent, next)) continue;
    await remind(deps, due.request, due.remindersSent + 1, now);
    result.reminded.push(due.request.id);
  }
  return result;
}

/** pending → expired by compare-and-set; the winner rewrites the admin message and tells the requester. */
async function expireRequest(deps: BotDeps, request: AccessRequest, at: Date): Promise<boolean> {
  const expired = deps.store.transition(request.id, ['pending'], 'expired', {}, { at, requestId: request.id, action: 'expired', detail: { submittedAt: request.createdAt.toISOString() } });
  if (!expired) return false;
  await announceClosed(deps, { ...expired, status: 'expired' });
  return true;
}

async function remind(deps: BotDeps, request: AccessRequest, number: number, now: Date): Promise<void> {
  const current = deps.store.get(request.id) ?? request;
  try {
    if (current.adminMessageTs) {
      await deps.notifier.remindApprovers(current, { number, waitingMs: now.getTime() - current.createdAt.getTime() });
    } else {
      // The first post to the admin channel failed; the reminder is the retry, and later ones go in its thread.
      const where = await deps.notifier.announceRequest(current);
      deps.store.setAdminMessage(current.id, where.channelId, where.messageTs);
    }
    deps.store.appendAudit({ at: now, requestId: current.id, action: 'reminded', detail: { number, announced: !current.adminMessageTs } });
  } catch (err) {
    deps.logger.warn({ err, requestId: current.id, number }, 'could not post the reminder');
  }
}

export interface FollowUpTimer {
  stop(): Promise<void>;
}

/** Runs `runDueWork` every `everyMs`; a pass still running when the next is due is not doubled. */
export function startFollowUps(deps: BotDeps, everyMs: number): FollowUpTimer {
  let running: Promise<unknown> | undefined;
  const tick = () => {
    if (running) return;
    running = runDueWork(deps)
      .catch((err) => deps.logger.error({ err }, 'reminder and expiry pass failed'))
      .finally(() => (running = undefined));
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
