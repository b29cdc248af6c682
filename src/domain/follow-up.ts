// When a pending request is reminded about and when it expires: reminders at doubling intervals, then expiry.

export interface FollowUpTimes {
  /** Reminder after this long without a decision, then after twice as long again, and so on. */
  reminderAfterMs: number;
  /** An undecided request expires this long after it was submitted. */
  requestTtlMs: number;
}

export function firstReminderAt(createdAt: Date, times: FollowUpTimes): Date | undefined {
  const at = createdAt.getTime() + times.reminderAfterMs;
  return at < createdAt.getTime() + times.requestTtlMs ? new Date(at) : undefined;
}

export function expiresAt(createdAt: Date, times: FollowUpTimes): Date {
  return new Date(createdAt.getTime() + times.requestTtlMs);
}

/**
 * After reminder number `sent` (1 = the first) went out: the next one waits twice as long as the last
 * interval, counted from when this one was due or, after a pause (the bot was down), from now, so
 * missed reminders are not sent in a burst. None once it would fall on or after the expiry.
 */
export function nextReminderAt(p: { sent: number; dueAt: Date; now: Date; expiresAt: Date; reminderAfterMs: number }): Date | undefined {
  const interval = p.reminderAfterMs * 2 ** p.sent;
  const from = Math.max(p.dueAt.getTime(), p.now.getTime());
  const next = from + interval;
  return Number.isFinite(next) && next < p.expiresAt.getTime() ? new Date(next) : undefined;
}
