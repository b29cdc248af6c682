import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteRequestStore } from '../../../src/store/sqlite-store';
import type { NewAccessRequest } from '../../../src/services/ports';

const at = new Date('2026-12-03T10:00:00Z');
const draft = (id: string, userMail = 'a@example.com'): NewAccessRequest => ({
  id, requesterId: 'U1', regionId: 'cn-shanghai', instanceId: 'sag-x1', userMail, bandwidthKbps: 100, createdAt: at,
});

describe('the SQLite request store', () => {
  let dir: string;
  let store: SqliteRequestStore;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-'));
    store = new SqliteRequestStore(path.join(dir, 'sub', 'bot.db'));
  });
  afterEach(() => store.close());

  it('creates the folder, uses WAL and keeps requests across reopen', () => {
    store.create(draft('sagr_000000000001'), { at, action: 'requested' });
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    store.close();
    store = new SqliteRequestStore(path.join(dir, 'sub', 'bot.db'));
    expect(store.get('sagr_000000000001')).toMatchObject({ status: 'pending', userMail: 'a@example.com', attempts: 0 });
    expect(store.listAudit().map((a) => a.action)).toEqual(['requested']);
  });

  it('refuses a second open request for the same e-mail, case-insensitively, until the first closes', () => {
    store.create(draft('sagr_000000000001'), { at, action: 'requested' });
    const second = store.create(draft('sagr_000000000002', 'A@Example.com'), { at, action: 'requested' });
    expect(second).toMatchObject({ ok: false, existing: { id: 'sagr_000000000001' } });
    store.transition('sagr_000000000001', ['pending'], 'denied', { decidedBy: 'U2' }, { at, action: 'denied' });
    expect(store.create(draft('sagr_000000000003', 'A@Example.com'), { at, action: 'requested' }).ok).toBe(true);
  });

  it('moves state only by compare-and-set: the second of two identical transitions gets nothing', () => {
    store.create(draft('sagr_000000000001'), { at, action: 'requested' });
    const first = store.transition('sagr_000000000001', ['pending'], 'approved', { decidedBy: 'U2', decidedAt: at }, { at, action: 'approved' });
    const second = store.transition('sagr_000000000001', ['pending'], 'approved', { decidedBy: 'U3', decidedAt: at }, { at, action: 'approved' });
    expect(first).toMatchObject({ status: 'approved', decidedBy: 'U2' });
    expect(second).toBeUndefined();
    expect(store.listAudit().filter((a) => a.action === 'approved')).toHaveLength(1);
  });

  it('throws on an illegal transition and on patching fields a transition may not change', () => {
    store.create(draft('sagr_000000000001'), { at, action: 'requested' });
    expect(() => store.transition('sagr_000000000001', ['pending'], 'provisioned', {}, { at, action: 'x' })).toThrow(/Illegal/);
    expect(() => store.transition('sagr_000000000001', ['pending'], 'approved', { userMail: 'b@example.com' }, { at, action: 'x' })).toThrow(/cannot change/);
  });

  it('keeps the audit log append-only', () => {
    store.appendAudit({ at, action: 'requested' });
    expect(() => store.db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    expect(() => store.db.prepare("UPDATE audit SET action = 'x'").run()).toThrow(/append-only/);
  });
});
