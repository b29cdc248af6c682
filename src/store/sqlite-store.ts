// RequestStore on SQLite: WAL, every state change a compare-and-set inside one transaction with its audit entry.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { canTransition, OPEN_STATUSES, type AccessRequest, type RequestStatus } from '../domain/request';
import type { AuditEntry, CreateRequestResult, NewAccessRequest, RequestStore, StoredAuditEntry } from '../services/ports';
import type { ApproveByRuleResult, DueReminder } from '../services/ports';
import type { FollowUpTimes } from '../domain/follow-up';
import { capAllows } from '../domain/policy';
import { MIGRATIONS } from './migrations';

interface RequestRow {
  id: string;
  status: string;
  requester_id: string;
  region_id: string;
  instance_id: string;
  user_mail: string;
  bandwidth_kbps: number;
  client_ip: string | null;
  user_name: string | null;
  reason: string | null;
  created_at: number;
  updated_at: number;
  decided_by: string | null;
  decided_at: number | null;
  deny_reason: string | null;
  approved_by_rule: string | null;
  admin_channel_id: string | null;
  admin_message_ts: string | null;
  account_json: string | null;
  failure_json: string | null;
  attempts: number;
}

interface AuditRow {
  seq: number;
  at: number;
  request_id: string | null;
  actor_id: string | null;
  action: string;
  detail_json: string | null;
}

const orUndefined = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

function fromRow(r: RequestRow): AccessRequest {
  return {
    id: r.id,
    status: r.status as RequestStatus,
    requesterId: r.requester_id,
    regionId: r.region_id,
    instanceId: r.instance_id,
    userMail: r.user_mail,
    bandwidthKbps: r.bandwidth_kbps,
    clientIp: orUndefined(r.client_ip),
    userName: orUndefined(r.user_name),
    reason: orUndefined(r.reason),
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    decidedBy: orUndefined(r.decided_by),
    decidedAt: r.decided_at === null ? undefined : new Date(r.decided_at),
    denyReason: orUndefined(r.deny_reason),
    approvedByRule: orUndefined(r.approved_by_rule),
    adminChannelId: orUndefined(r.admin_channel_id),
    adminMessageTs: orUndefined(r.admin_message_ts),
    account: r.account_json ? JSON.parse(r.account_json) : undefined,
    failure: r.failure_json ? JSON.parse(r.failure_json) : undefined,
    attempts: r.attempts,
  };
}

/** Which request fields a transition may change, and the column each lives in. */
const PATCHABLE: Partial<Record<keyof AccessRequest, (v: unknown) => [string, unknown]>> = {
  decidedBy: (v) => ['decided_by', v ?? null],
  decidedAt: (v) => ['decided_at', v instanceof Date ? v.getTime() : null],
  denyReason: (v) => ['deny_reason', v ?? null],
  approvedByRule: (v) => ['approved_by_rule', v ?? null],
  account: (v) => ['account_json', v ? JSON.stringify(v) : null],
  failure: (v) => ['failure_json', v ? JSON.stringify(v) : null],
  attempts: (v) => ['attempts', v],
};

export class SqliteRequestStore implements RequestStore {
  readonly db: Database.Database;
  private changeListeners: Array<(request: AccessRequest) => void> = [];

  constructor(file: string, options: { readonly?: boolean } = {}) {
    if (options.readonly) {
      // For tools that only read (the audit CLI): no directory, no migration, no write lock.
      this.db = new Database(file, { readonly: true, fileMustExist: true });
      this.db.pragma('busy_timeout = 5000');
      return;
    }
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // FULL: a committed decision survives a power cut too, not only a crash; approvals are rare, the fsync is cheap.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    this.migrate();
  }

  private migrate(): void {
    const current = this.db.pragma('user_version', { simple: true }) as number;
    for (let v = current; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]);
        this.db.pragma(`user_version = ${v + 1}`);
      }).immediate();
    }
  }

  create(request: NewAccessRequest, audit: AuditEntry): CreateRequestResult {
    const created = this.db.transaction((): CreateRequestResult => {
      const existing = this.findOpenByMail(request.instanceId, request.userMail);
      if (existing) return { ok: false, reason: 'duplicate_open', existing };
      const at = request.createdAt.getTime();
      this.db
        .prepare(
          `INSERT INTO requests (id, status, requester_id, region_id, instance_id, user_mail, user_mail_key, bandwidth_kbps,
             client_ip, user_name, reason, created_at, updated_at, approved_by_rule, attempts)
           VALUES (@id, 'pending', @requesterId, @regionId, @instanceId, @userMail, @userMailKey, @bandwidthKbps,
             @clientIp, @userName, @reason, @at, @at, @approvedByRule, 0)`,
        )
        .run({
          id: request.id,
          requesterId: request.requesterId,
          regionId: request.regionId,
          instanceId: request.instanceId,
          userMail: request.userMail,
          userMailKey: request.userMail.toLowerCase(),
          bandwidthKbps: request.bandwidthKbps,
          clientIp: request.clientIp ?? null,
          userName: request.userName ?? null,
          reason: request.reason ?? null,
          approvedByRule: request.approvedByRule ?? null,
          at,
        });
      this.insertAudit(audit);
      return { ok: true, request: this.get(request.id)! };
    }).immediate();
    if (created.ok) this.emitChange(created.request);
    return created;
  }

  get(id: string): AccessRequest | undefined {
    const row = this.db.prepare('SELECT * FROM requests WHERE id = ?').get(id) as RequestRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  findOpenByMail(instanceId: string, userMail: string): AccessRequest | undefined {
    const marks = OPEN_STATUSES.map(() => '?').join(',');
    const row = this.db
      .prepare(`SELECT * FROM requests WHERE instance_id = ? AND user_mail_key = ? AND status IN (${marks}) LIMIT 1`)
      .get(instanceId, userMail.toLowerCase(), ...OPEN_STATUSES) as RequestRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  transition(
    id: string,
    from: readonly RequestStatus[],
    to: RequestStatus,
    patch: Partial<AccessRequest>,
    audit: AuditEntry,
  ): AccessRequest | undefined {
    for (const f of from) {
      if (!canTransition(f, to)) throw new Error(`Illegal transition ${f} → ${to}`);
    }
    const sets = ['status = @to', 'updated_at = @at', 'version = version + 1'];
    const params: Record<string, unknown> = { id, to, at: audit.at.getTime() };
    for (const [key, value] of Object.entries(patch)) {
      const column = PATCHABLE[key as keyof AccessRequest];
      if (!column) throw new Error(`Field ${key} cannot change in a transition`);
      const [name, v] = column(value);
      sets.push(`${name} = @${name}`);
      params[name] = v;
    }
    const fromMarks = from.map((_, i) => `@from${i}`).join(',');
    from.forEach((f, i) => (params[`from${i}`] = f));
    const changed = this.db.transaction(() => {
      const result = this.db
        .prepare(`UPDATE requests SET ${sets.join(', ')} WHERE id = @id AND status IN (${fromMarks})`)
        .run(params);
      if (result.changes !== 1) return undefined;
      this.insertAudit(audit);
      return this.get(id);
    }).immediate();
    if (changed) this.emitChange(changed);
    return changed;
  }

  setAdminMessage(id: string, channelId: string, messageTs: string): void {
    this.db.prepare('UPDATE requests SET admin_channel_id = ?, admin_message_ts = ? WHERE id = ?').run(channelId, messageTs, id);
  }

  listByRequester(requesterId: string, limit = 20): AccessRequest[] {
    const rows = this.db
      .prepare('SELECT * FROM requests WHERE requester_id = ? ORDER BY created_at DESC, id LIMIT ?')
      .all(requesterId, limit) as RequestRow[];
    return rows.map(fromRow);
  }

  listUnannounced(since: Date): AccessRequest[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM requests r WHERE r.status IN ('provisioned', 'failed', 'denied', 'cancelled', 'expired') AND r.updated_at >= ?
           AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.request_id = r.id AND a.action = 'announced')
         ORDER BY r.updated_at, r.id`,
      )
      .all(since.getTime()) as RequestRow[];
    return rows.map(fromRow);
  }

  listByStatus(statuses: readonly RequestStatus[], limit = 500): AccessRequest[] {
    if (statuses.length === 0) return [];
    const marks = statuses.map(() => '?').join(',');
    const rows = this.db
      .prepare(`SELECT * FROM requests WHERE status IN (${marks}) ORDER BY created_at, id LIMIT ?`)
      .all(...statuses, limit) as RequestRow[];
    return rows.map(fromRow);
  }

  appendAudit(entry: AuditEntry): void {
    this.insertAudit(entry);
  }

  listAudit(since?: Date, requestId?: string): StoredAuditEntry[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM audit WHERE at >= @since AND (@requestId IS NULL OR request_id = @requestId) ORDER BY seq`,
      )
      .all({ since: since ? since.getTime() : 0, requestId: requestId ?? null }) as AuditRow[];
    return rows.map((r) => ({
      seq: r.seq,
      at: new Date(r.at),
      requestId: orUndefined(r.request_id),
      actorId: orUndefined(r.actor_id),
      action: r.action,
      detail: r.detail_json ? JSON.parse(r.detail_json) : undefined,
    }));
  }

  rememberDelivery(key: string, at: Date, forgetBefore: Date): boolean {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM deliveries WHERE at < ?').run(forgetBefore.getTime());
      return this.db.prepare('INSERT OR IGNORE INTO deliveries (key, at) VALUES (?, ?)').run(key, at.getTime()).changes === 1;
    }).immediate();
  }

  // ---------- self-service: follow-ups, welcome, App Home viewers ----------

  scheduleFollowUps(times: FollowUpTimes): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO follow_ups (request_id, reminders_sent, next_reminder_at, expires_at)
           SELECT r.id, 0, CASE WHEN @after < @ttl THEN r.created_at + @after END, r.created_at + @ttl
             FROM requests r
            WHERE r.status = 'pending' AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.request_id = r.id)`,
        )
        .run({ after: times.reminderAfterMs, ttl: times.requestTtlMs });
      this.db
        .prepare(`DELETE FROM follow_ups WHERE NOT EXISTS (SELECT 1 FROM requests r WHERE r.id = follow_ups.request_id AND r.status = 'pending')`)
        .run();
    }).immediate();
  }

  dueReminders(now: Date, limit = 50): DueReminder[] {
    const rows = this.db
      .prepare(
        `SELECT r.*, f.reminders_sent AS f_sent, f.next_reminder_at AS f_due, f.expires_at AS f_expires
           FROM follow_ups f JOIN requests r ON r.id = f.request_id
          WHERE r.status = 'pending' AND f.next_reminder_at <= @now AND f.expires_at > @now
          ORDER BY f.next_reminder_at, r.id LIMIT @limit`,
      )
      .all({ now: now.getTime(), limit }) as Array<RequestRow & { f_sent: number; f_due: number; f_expires: number }>;
    return rows.map((r) => ({ request: fromRow(r), remindersSent: r.f_sent, dueAt: new Date(r.f_due), expiresAt: new Date(r.f_expires) }));
  }

  claimReminder(requestId: string, remindersSent: number, nextAt: Date | undefined): boolean {
    const result = this.db
      .prepare('UPDATE follow_ups SET reminders_sent = reminders_sent + 1, next_reminder_at = ? WHERE request_id = ? AND reminders_sent = ?')
      .run(nextAt ? nextAt.getTime() : null, requestId, remindersSent);
    return result.changes === 1;
  }

  dueExpiries(now: Date, limit = 50): AccessRequest[] {
    const rows = this.db
      .prepare(
        `SELECT r.* FROM follow_ups f JOIN requests r ON r.id = f.request_id
          WHERE r.status = 'pending' AND f.expires_at <= ? ORDER BY f.expires_at, r.id LIMIT ?`,
      )
      .all(now.getTime(), limit) as RequestRow[];
    return rows.map(fromRow);
  }

  approveByRule(id: string, rule: string, cap: { max: number; since: Date }, at: Date): ApproveByRuleResult {
    return this.db.transaction((): ApproveByRuleResult => {
      if (this.get(id)?.status !== 'pending') return { ok: false, reason: 'not_pending' };
      const { count } = this.db
        .prepare(`SELECT COUNT(*) AS count FROM audit WHERE action = 'auto_approved' AND at >= ?`)
        .get(cap.since.getTime()) as { count: number };
      if (!capAllows(cap, count)) {
        this.insertAudit({ at, requestId: id, action: 'auto_approval_capped', detail: { rule, count, max: cap.max } });
        return { ok: false, reason: 'cap_reached', count };
      }
      const request = this.transition(id, ['pending'], 'approved', { approvedByRule: rule, decidedAt: at }, { at, requestId: id, action: 'auto_approved', detail: { rule } });
      return request ? { ok: true, request } : { ok: false, reason: 'not_pending' };
    }).immediate();
  }

  markWelcomed(userId: string, at: Date): boolean {
    return this.db.prepare('INSERT OR IGNORE INTO welcomed_people (user_id, welcomed_at) VALUES (?, ?)').run(userId, at.getTime()).changes === 1;
  }

  recordHomeViewer(userId: string, at: Date): void {
    this.db
      .prepare('INSERT INTO home_viewers (user_id, last_opened_at) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET last_opened_at = MAX(last_opened_at, excluded.last_opened_at)')
      .run(userId, at.getTime());
  }

  listHomeViewers(since: Date): string[] {
    const rows = this.db.prepare('SELECT user_id FROM home_viewers WHERE last_opened_at >= ? ORDER BY user_id').all(since.getTime()) as Array<{ user_id: string }>;
    return rows.map((r) => r.user_id);
  }

  onChange(listener: (request: AccessRequest) => void): () => void {
    this.changeListeners.push(listener);
    return () => {
      this.changeListeners = this.changeListeners.filter((l) => l !== listener);
    };
  }

  /** A listener's mistake never undoes or fails the committed change. */
  private emitChange(request: AccessRequest): void {
    for (const listener of this.changeListeners) {
      try {
        listener(request);
      } catch {
        // Listeners report their own errors; the change is committed either way.
      }
    }
  }

  /** For /healthz: true when a trivial query answers. */
  ping(): boolean {
    return this.db.open && this.db.prepare('SELECT 1 AS ok').get() !== undefined;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private insertAudit(entry: AuditEntry): void {
    this.db
      .prepare('INSERT INTO audit (at, request_id, actor_id, action, detail_json) VALUES (?, ?, ?, ?, ?)')
      .run(
        entry.at.getTime(),
        entry.requestId ?? null,
        entry.actorId ?? null,
        entry.action,
        entry.detail ? JSON.stringify(entry.detail) : null,
      );
  }
}
