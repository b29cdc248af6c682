// RequestStore on SQLite: WAL, every state change a compare-and-set inside one transaction with its audit entry.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { canTransition, OPEN_STATUSES, type AccessRequest, type RequestStatus } from '../domain/request';
import type { AuditEntry, CreateRequestResult, NewAccessRequest, RequestStore, StoredAuditEntry } from '../services/ports';
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

  constructor(file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
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
    return this.db.transaction((): CreateRequestResult => {
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
    return this.db.transaction(() => {
      const result = this.db
        .prepare(`UPDATE requests SET ${sets.join(', ')} WHERE id = @id AND status IN (${fromMarks})`)
        .run(params);
      if (result.changes !== 1) return undefined;
      this.insertAudit(audit);
      return this.get(id);
    }).immediate();
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
