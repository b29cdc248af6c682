import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteRequestStore } from '../../../src/store/sqlite-store';
import type { NewAccessRequest } from '../../../src/services/ports';

const MIN = 60_000;
const t0 = new Date('2026-12-03T10:00:00Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * MIN);
const times = { reminderAfterMs: 15 * MIN, requestTtlMs: 72 * 60 * MIN };
const draft = (id: string, userMail: string, createdAt = t0): NewAccessRequest => ({
  id, requesterId: 'U1', regionId: 'cn-shanghai', instanceId: 'sag-x1', userMail, bandwidthKbps: 100, createdAt,
});

describe('the store behind reminders, expiry, auto-approval and welcomes', () => {
  let file: string;
  let store: SqliteRequestStore;
  beforeEach(() => {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'store-')), 'bot.db');
    store = new SqliteRequestStore(file);
  });
  afterEach(() => store.close());

  it('schedules pending requests once, reports reminders only when due and expiries only at the TTL', () => {
    store.create(draft('sagr_000000000001', 'a@example.com'), { at: t0, action: 'requested' });
    store.scheduleFollowUps(times);
    store.scheduleFollowUps({ reminderAfterMs: 1 * MIN, requestTtlMs: 2 * MIN });
    expect(store.dueReminders(later(14))).toEqual([]);
    expect(store.dueReminders(later(15))).toEqual([expect.objectContaining({ remindersSent: 0, dueAt: later(15), expiresAt: later(72 * 60) })]);
    expect(store.dueExpiries(later(72 * 60 - 1))).toEqual([]);
    expect(store.dueExpiries(later(72 * 60)).map((r) => r.id)).toEqual(['sagr_000000000001']);
    // Once expired, nothing is due any more: the reminder query stops at the TTL.
    expect(store.dueReminders(later(72 * 60))).toEqual([]);
  });

  it('drops the schedule of a decided request', () => {
    store.create(draft('sagr_000000000001', 'a@example.com'), { at: t0, action: 'requested' });
    store.scheduleFollowUps(times);
    store.transition('sagr_000000000001', ['pending'], 'denied', { decidedBy: 'U2' }, { at: later(1), action: 'denied' });
    store.scheduleFollowUps(times);
    expect(store.dueReminders(later(20))).toEqual([]);
    expect(store.dueExpiries(later(72 * 60))).toEqual([]);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM follow_ups').get()).toEqual({ n: 0 });
  });

  it('gives each reminder to exactly one of two processes that both saw it due', () => {
    store.create(draft('sagr_000000000001', 'a@example.com'), { at: t0, action: 'requested' });
    store.scheduleFollowUps(times);
    const other = new SqliteRequestStore(file);
    try {
      const mine = store.dueReminders(later(15));
      const theirs = other.dueReminders(later(15));
      expect(mine).toHaveLength(1);
      expect(theirs).toHaveLength(1);
      const won = [store.claimReminder('sagr_000000000001', mine[0].remindersSent, later(45)), other.claimReminder('sagr_000000000001', theirs[0].remindersSent, later(45))];
      expect(won).toEqual([true, false]);
      expect(other.dueReminders(later(44))).toEqual([]);
      expect(other.dueReminders(later(45))).toEqual([expect.objectContaining({ remindersSent: 1 })]);
    } finally {
      other.close();
    }
  });

  it('auto-approves until the cap of the period is used, counting across processes, then leaves it to a person', () => {
    const other = new SqliteRequestStore(file);
    try {
      for (let i = 1; i <= 3; i++) store.create(draft(`sagr_00000000000${i}`, `u${i}@example.com`), { at: t0, action: 'requested' });
      const cap = { max: 2, since: later(-24 * 60) };
      expect(store.approveByRule('sagr_000000000001', 'staff', cap, t0)).toMatchObject({ ok: true, request: { status: 'approved', approvedByRule: 'staff' } });
      expect(other.approveByRule('sagr_000000000002', 'staff', cap, t0)).toMatchObject({ ok: true });
      expect(store.approveByRule('sagr_000000000003', 'staff', cap, t0)).toEqual({ ok: false, reason: 'cap_reached', count: 2 });
      expect(store.get('sagr_000000000003')!.status).toBe('pending');
      // A new period starts the count again.
      expect(store.approveByRule('sagr_000000000003', 'staff', { max: 2, since: later(1) }, later(24 * 60 + 1))).toMatchObject({ ok: true });
      expect(store.listAudit().map((a) => a.action)).toEqual(['requested', 'requested', 'requested', 'auto_approved', 'auto_approved', 'auto_approval_capped', 'auto_approved']);
      expect(store.approveByRule('sagr_000000000003', 'staff', cap, t0)).toEqual({ ok: false, reason: 'not_pending' });
    } finally {
      other.close();
    }
  });

  it('welcomes a person once, whichever process asks', () => {
    const other = new SqliteRequestStore(file);
    try {
      expect(store.markWelcomed('U0NINA', t0)).toBe(true);
      expect(other.markWelcomed('U0NINA', later(1))).toBe(false);
      expect(store.markWelcomed('U0OMAR', t0)).toBe(true);
    } finally {
      other.close();
    }
  });

  it('remembers who opened App Home recently', () => {
    store.recordHomeViewer('U0ALEX', later(10));
    store.recordHomeViewer('U0ALEX', later(5));
    store.recordHomeViewer('U0STEVE', t0);
    expect(store.listHomeViewers(later(1))).toEqual(['U0ALEX']);
    expect(store.listHomeViewers(later(10))).toEqual(['U0ALEX']);
    expect(store.listHomeViewers(t0)).toEqual(['U0ALEX', 'U0STEVE']);
  });

  it('reports every committed create and transition to its listeners, and nothing that lost', () => {
    const seen: string[] = [];
    const stop = store.onChange((r) => seen.push(`${r.id}:${r.status}`));
    store.create(draft('sagr_000000000001', 'a@example.com'), { at: t0, action: 'requested' });
    store.create(draft('sagr_000000000002', 'A@example.com'), { at: t0, action: 'requested' });
    store.transition('sagr_000000000001', ['pending'], 'cancelled', {}, { at: t0, action: 'cancelled' });
    store.transition('sagr_000000000001', ['pending'], 'expired', {}, { at: t0, action: 'expired' });
    stop();
    store.create(draft('sagr_000000000003', 'b@example.com'), { at: t0, action: 'requested' });
    expect(seen).toEqual(['sagr_000000000001:pending', 'sagr_000000000001:cancelled']);
  });
});
