// Schema changes, applied in order once each; PRAGMA user_version records how far a database got.
export const MIGRATIONS: readonly string[] = [
  // 1: requests and the append-only audit log
  `
  CREATE TABLE requests (
    id               TEXT PRIMARY KEY,
    status           TEXT NOT NULL,
    requester_id     TEXT NOT NULL,
    region_id        TEXT NOT NULL,
    instance_id      TEXT NOT NULL,
    user_mail        TEXT NOT NULL,
    user_mail_key    TEXT NOT NULL,
    bandwidth_kbps   INTEGER NOT NULL,
    client_ip        TEXT,
    user_name        TEXT,
    reason           TEXT,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    decided_by       TEXT,
    decided_at       INTEGER,
    deny_reason      TEXT,
    approved_by_rule TEXT,
    admin_channel_id TEXT,
    admin_message_ts TEXT,
    account_json     TEXT,
    failure_json     TEXT,
    attempts         INTEGER NOT NULL DEFAULT 0,
    version          INTEGER NOT NULL DEFAULT 1
  );
  -- At most one open request per e-mail and instance, enforced by the database itself.
  CREATE UNIQUE INDEX requests_one_open_per_mail
    ON requests (instance_id, user_mail_key)
    WHERE status IN ('pending', 'approved', 'provisioning');
  CREATE INDEX requests_by_requester ON requests (requester_id, created_at);
  CREATE INDEX requests_by_status ON requests (status, created_at);

  CREATE TABLE audit (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    at          INTEGER NOT NULL,
    request_id  TEXT,
    actor_id    TEXT,
    action      TEXT NOT NULL,
    detail_json TEXT
  );
  CREATE INDEX audit_by_time ON audit (at);
  CREATE INDEX audit_by_request ON audit (request_id, seq);
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
  `,
  // 2: Slack deliveries already handled (event_id, trigger_id), so retries and replays never act twice
  `
  CREATE TABLE deliveries (
    key  TEXT PRIMARY KEY,
    at   INTEGER NOT NULL
  );
  CREATE INDEX deliveries_by_time ON deliveries (at);
  `,
  // 3: self-service: reminder and expiry schedule of pending requests, who was welcomed, who looks at App Home
  `
  CREATE TABLE follow_ups (
    request_id       TEXT PRIMARY KEY REFERENCES requests (id),
    reminders_sent   INTEGER NOT NULL DEFAULT 0,
    next_reminder_at INTEGER,
    expires_at       INTEGER NOT NULL
  );
  CREATE INDEX follow_ups_by_reminder ON follow_ups (next_reminder_at);
  CREATE INDEX follow_ups_by_expiry ON follow_ups (expires_at);
  CREATE TABLE welcomed_people (
    user_id     TEXT PRIMARY KEY,
    welcomed_at INTEGER NOT NULL
  );
  CREATE TABLE home_viewers (
    user_id        TEXT PRIMARY KEY,
    last_opened_at INTEGER NOT NULL
  );
  CREATE INDEX audit_by_action ON audit (action, at);
  `,
  // 4: outcomes already finished count as announced, so crash recovery re-announces only what a crash cut off
  `
  INSERT INTO audit (at, request_id, actor_id, action, detail_json)
    SELECT updated_at, id, NULL, 'announced', '{"backfill":true}' FROM requests WHERE status IN ('provisioned', 'failed', 'denied', 'cancelled', 'expired');
  `,
];
