// The ports the use cases need; adapters in slack/, smartag/ and store/ implement them.
import type { AccessRequest, ProvisionedAccount, RequestStatus } from '../domain/request';
import type { CloudAccessCheck } from '../domain/cloud-access';
import type { FollowUpTimes } from '../domain/follow-up';

// ---------- SmartAG (cloud) ----------

/** UserName and Password travel together or not at all, as the API requires. */
export interface ClientUserCredentials {
  userName: string;
  password: string;
}

export interface CreateClientUserInput {
  regionId: string;
  instanceId: string;
  userMail: string;
  bandwidthKbps: number;
  clientIp?: string;
  credentials?: ClientUserCredentials;
}

export interface ClientUserRecord {
  userName: string;
  userMail: string;
  bandwidthKbps: number;
  clientIp?: string;
  isStaticIp?: boolean;
  state?: string;
}

export interface ClientUserQuery {
  regionId: string;
  instanceId: string;
  userName?: string;
  userMail?: string;
  pageNumber?: number;
  pageSize?: number;
}

export interface ClientUserPage {
  totalCount: number;
  pageNumber: number;
  pageSize: number;
  users: ClientUserRecord[];
  cloudRequestId?: string;
}

/** Failures are thrown as CloudApiError (domain/cloud-error.ts). */
export interface SmartagApi {
  createClientUser(input: CreateClientUserInput): Promise<ProvisionedAccount>;
  describeClientUsers(query: ClientUserQuery): Promise<ClientUserPage>;
  /** Sets a new password; crash recovery uses it when the generated one died with the process. */
  resetClientUserPassword?(input: { regionId: string; instanceId: string; credentials: ClientUserCredentials }): Promise<{ cloudRequestId?: string }>;
  /** A cheap call proving key, region, instance and permission; run once at start-up. */
  checkAccess?(regionId: string, instanceId: string): Promise<CloudAccessCheck>;
}

// ---------- Store ----------

export interface AuditEntry {
  at: Date;
  requestId?: string;
  actorId?: string;
  /** requested, approved, auto_approved, auto_approval_capped, denied, cancelled, expired, refused_click, provisioning, provisioned, failed, recovered, reminded, welcomed */
  action: string;
  detail?: Record<string, unknown>;
}

export interface StoredAuditEntry extends AuditEntry {
  seq: number;
}

export type NewAccessRequest = Omit<AccessRequest, 'status' | 'createdAt' | 'updatedAt' | 'attempts'> & {
  createdAt: Date;
};

export type CreateRequestResult =
  | { ok: true; request: AccessRequest }
  | { ok: false; reason: 'duplicate_open'; existing: AccessRequest };

export interface RequestStore {
  /** Creates a pending request unless an open one exists for the same e-mail on the same instance. */
  create(request: NewAccessRequest, audit: AuditEntry): CreateRequestResult;
  get(id: string): AccessRequest | undefined;
  findOpenByMail(instanceId: string, userMail: string): AccessRequest | undefined;
  /**
   * Compare-and-set: moves the request from one of `from` to `to` and applies `patch`,
   * in one transaction with the audit entry. Returns the updated request, or undefined
   * when the request was not in one of `from` (someone else changed it first).
   */
  transition(
    id: string,
    from: readonly RequestStatus[],
    to: RequestStatus,
    patch: Partial<AccessRequest>,
    audit: AuditEntry,
  ): AccessRequest | undefined;
  /** Saves where the admin message lives; not a state change. */
  setAdminMessage(id: string, channelId: string, messageTs: string): void;
  listByRequester(requesterId: string, limit?: number): AccessRequest[];
  listByStatus(statuses: readonly RequestStatus[], limit?: number): AccessRequest[];
  appendAudit(entry: AuditEntry): void;
  listAudit(since?: Date, requestId?: string): StoredAuditEntry[];
  /** Finished requests (provisioned, failed, denied, cancelled, expired) since `since` whose end was never announced (audit 'announced'). */
  listUnannounced(since: Date): AccessRequest[];
  /**
   * Records that a Slack delivery (an event_id, an interaction's trigger_id) was handled; true the first
   * time only, so retries and replays are recognised. Keys older than `forgetBefore` are dropped.
   */
  rememberDelivery(key: string, at: Date, forgetBefore: Date): boolean;

  /** Gives every pending request without one its reminder and expiry times; drops those of decided requests. */
  scheduleFollowUps(times: FollowUpTimes): void;
  /** Pending requests whose next reminder is due by `now` (and that have not expired). */
  dueReminders(now: Date, limit?: number): DueReminder[];
  /** Compare-and-set on the reminder count: exactly one caller wins each reminder, whatever the number of processes. */
  claimReminder(requestId: string, remindersSent: number, nextAt: Date | undefined): boolean;
  /** Pending requests whose expiry time has come. */
  dueExpiries(now: Date, limit?: number): AccessRequest[];
  /**
   * Approves a pending request by the named rule unless `cap.max` auto-approvals happened since `cap.since`;
   * the count and the compare-and-set are one transaction, so two processes cannot both take the last slot.
   */
  approveByRule(id: string, rule: string, cap: { max: number; since: Date }, at: Date): ApproveByRuleResult;
  /** True the first time only: each person gets the welcome message once. */
  markWelcomed(userId: string, at: Date): boolean;
  recordHomeViewer(userId: string, at: Date): void;
  /** People who opened App Home since `since`, whose home is refreshed when what they see changes. */
  listHomeViewers(since: Date): string[];
  /** Called after every committed create and transition; returns the unsubscribe. */
  onChange?(listener: (request: AccessRequest) => void): () => void;
  close(): void;
}

export interface DueReminder {
  request: AccessRequest;
  remindersSent: number;
  dueAt: Date;
  expiresAt: Date;
}

export type ApproveByRuleResult =
  | { ok: true; request: AccessRequest }
  | { ok: false; reason: 'cap_reached'; count: number }
  | { ok: false; reason: 'not_pending' };

// ---------- Slack (people) ----------

/** What a person is told in a direct message; the Slack adapter renders it. */
export type PersonMessage =
  | { kind: 'submitted'; request: AccessRequest }
  | { kind: 'approved'; request: AccessRequest }
  /** passwordFollows: a credentials DM comes next; false when a named account's password could not be delivered. */
  | { kind: 'provisioned'; request: AccessRequest; forTarget: boolean; passwordFollows: boolean }
  | { kind: 'failed'; request: AccessRequest }
  | { kind: 'denied'; request: AccessRequest }
  | { kind: 'cancelled'; request: AccessRequest }
  | { kind: 'expired'; request: AccessRequest }
  | { kind: 'credentials'; request: AccessRequest; userName: string; password: string; forTarget: boolean };

export interface Notifier {
  /** Posts the request to the admin channel; returns where it lives. */
  announceRequest(request: AccessRequest): Promise<{ channelId: string; messageTs: string }>;
  /** Rewrites the admin message to show the request's current state. */
  refreshAdminMessage(request: AccessRequest): Promise<void>;
  /** Sends a direct message to a Slack user. */
  tellPerson(userId: string, message: PersonMessage): Promise<void>;
  /** The Slack user id that owns this e-mail, if any. */
  findUserIdByMail(userMail: string): Promise<string | undefined>;
  /** Posts a notice about the bot itself (not one request) to the admin channel. */
  tellAdmins(notice: AdminNotice): Promise<void>;
  /** The e-mail on a person's Slack profile, if any; from a short cache unless `fresh` (which refills it). */
  findMailOfUser(userId: string, options?: { fresh?: boolean }): Promise<string | undefined>;
  /** The profile e-mail from the short cache only, without a Slack call (undefined when not cached). */
  cachedMailOfUser(userId: string): string | undefined;
  /** Posts a reminder in the admin message's thread that the request still waits. */
  remindApprovers(request: AccessRequest, reminder: { number: number; waitingMs: number }): Promise<void>;
  /** The greeting a new member gets, with the button that opens the request form. */
  welcome(userId: string): Promise<void>;
  /** Publishes a person's App Home. */
  publishHome(home: HomeContent): Promise<void>;
}

/** A notice to approvers about the bot's own set-up; failed checks carry the code only, the adapter words it. */
export type AdminNotice =
  | { kind: 'cloud_access_failed'; check: Extract<CloudAccessCheck, { ok: false }>; regionId: string; instanceId: string }
  | { kind: 'cloud_access_restored'; regionId: string; instanceId: string; totalUsers: number };

/** What a person's App Home shows. */
export interface HomeContent {
  userId: string;
  /** Newest first. */
  myRequests: AccessRequest[];
  /** Approvers only: the pending requests they may decide, oldest first, and how many there are in all. */
  waitingForYou?: { requests: AccessRequest[]; total: number };
}

/** Who may decide; group membership is resolved by the adapter. */
export interface ApproverDirectory {
  isApprover(userId: string): Promise<boolean>;
}

// ---------- Process ----------

export interface Clock {
  now(): Date;
}

export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const systemClock: Clock = { now: () => new Date() };
