import { expiresAt, firstReminderAt, nextReminderAt } from '../../../src/domain/follow-up';

const MIN = 60_000;
const created = new Date('2026-12-03T10:00:00Z');
const times = { reminderAfterMs: 15 * MIN, requestTtlMs: 72 * 60 * MIN };

/** Every reminder of one undecided request when the bot runs exactly when each is due. */
function schedule(): number[] {
  const out: number[] = [];
  const expiry = expiresAt(created, times);
  let due = firstReminderAt(created, times);
  for (let sent = 1; due; sent++) {
    out.push((due.getTime() - created.getTime()) / MIN);
    due = nextReminderAt({ sent, dueAt: due, now: due, expiresAt: expiry, reminderAfterMs: times.reminderAfterMs });
  }
  return out;
}

describe('reminders and expiry of an undecided request', () => {
  it('reminds after 15 minutes, then at doubling intervals, and never on or after the expiry', () => {
    expect(schedule()).toEqual([15, 45, 105, 225, 465, 945, 1905, 3825]);
    expect(expiresAt(created, times).getTime() - created.getTime()).toBe(72 * 60 * MIN);
  });

  it('does not send missed reminders in a burst after the bot was down', () => {
    const due = new Date(created.getTime() + 15 * MIN);
    const now = new Date(created.getTime() + 10 * 60 * MIN);
    const next = nextReminderAt({ sent: 1, dueAt: due, now, expiresAt: expiresAt(created, times), reminderAfterMs: 15 * MIN });
    expect(next!.getTime() - now.getTime()).toBe(30 * MIN);
  });

  it('plans no reminder at all when the TTL is shorter than the first reminder', () => {
    expect(firstReminderAt(created, { reminderAfterMs: 2 * 60 * MIN, requestTtlMs: 60 * MIN })).toBeUndefined();
  });
});
