// The ports the use cases need; adapters in slack/, smartag/ and store/ implement them.
import type { AccessRequest, ProvisionedAccount, RequestStatus } from '../domain/request';

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
}

// ---------- Store ----------

export interface AuditEntry {
  at: Date;
  requestId?: string;
  actorId?: string;
  /** requested, approved, denied, cancelled, expired, refused_click, provisioning, provisioned, failed, recovered, reminded */
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
  close(): void;
}

// ---------- Slack (people) ----------

/** What a person is told in a direct message; the Slack adapter renders it. */
export type PersonMessage =
  | { kind: 'submitted'; request: AccessRequest }
  | { kind: 'approved'; request: AccessRequest }
  | { kind: 'provisioned'; request: AccessRequest; forTarget: boolean }
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
