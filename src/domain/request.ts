// An access request and the only transitions it may make.

export const REQUEST_STATUSES = [
  'pending',
  'approved',
  'provisioning',
  'provisioned',
  'failed',
  'denied',
  'cancelled',
  'expired',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Statuses in which a request still blocks a second request for the same e-mail. */
export const OPEN_STATUSES: readonly RequestStatus[] = ['pending', 'approved', 'provisioning'];

/** The table of legal transitions; anything not listed is impossible. */
export const TRANSITIONS: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  pending: ['approved', 'denied', 'cancelled', 'expired'],
  approved: ['provisioning'],
  // → approved only for crash recovery, after Describe showed the interrupted attempt created nothing:
  // the approved → provisioning claim stays the one door to Create.
  provisioning: ['provisioned', 'failed', 'approved'],
  // A failed request may be approved again when a retry can help.
  failed: ['approved'],
  provisioned: [],
  denied: [],
  cancelled: [],
  expired: [],
};

export function canTransition(from: RequestStatus, to: RequestStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isOpen(status: RequestStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export function isFinal(status: RequestStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

/** What the person asked for, after validation. */
export interface AccessRequestForm {
  userMail: string;
  bandwidthKbps: number;
  clientIp?: string;
  userName?: string;
  reason?: string;
}

/** What the cloud answered when the account was created. */
export interface ProvisionedAccount {
  userName: string;
  userMail: string;
  bandwidthKbps: number;
  clientIp?: string;
  isStaticIp?: boolean;
  cloudRequestId?: string;
}

/** Why provisioning failed, in terms a person can act on. */
export interface ProvisioningFailure {
  code: string;
  message: string;
  retryable: boolean;
  cloudRequestId?: string;
}

export interface AccessRequest extends AccessRequestForm {
  id: string;
  status: RequestStatus;
  requesterId: string;
  regionId: string;
  instanceId: string;
  createdAt: Date;
  updatedAt: Date;
  decidedBy?: string;
  decidedAt?: Date;
  denyReason?: string;
  /** Name of the auto-approval rule that approved it, when no person did. */
  approvedByRule?: string;
  adminChannelId?: string;
  adminMessageTs?: string;
  account?: ProvisionedAccount;
  failure?: ProvisioningFailure;
  /** How many times provisioning was attempted (retries after failure count). */
  attempts: number;
}

/** The prefix makes ids recognisable in Slack messages and logs. */
export const REQUEST_ID_PREFIX = 'sagr_';
export const REQUEST_ID_PATTERN = /^sagr_[0-9A-Za-z]{12}$/;

export function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && REQUEST_ID_PATTERN.test(value);
}
