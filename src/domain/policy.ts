// Who may decide on a request: approvers only, never on their own request, and only while it is pending.
import type { AccessRequest } from './request';

export type DecisionRefusal =
  | { kind: 'not_found' }
  | { kind: 'not_approver' }
  | { kind: 'own_request' }
  | { kind: 'wrong_channel' }
  | { kind: 'already_handled'; status: AccessRequest['status']; by?: string };

export type DecisionCheck = { allowed: true } | { allowed: false; refusal: DecisionRefusal };

export interface Decider {
  userId: string;
  isApprover: boolean;
}

/** The rule for every Approve, Deny and Retry click; state is re-checked by the store's compare-and-set. */
export function checkDecider(request: AccessRequest | undefined, decider: Decider, expectedStatus: AccessRequest['status'] = 'pending'): DecisionCheck {
  if (!request) return { allowed: false, refusal: { kind: 'not_found' } };
  if (!decider.isApprover) return { allowed: false, refusal: { kind: 'not_approver' } };
  if (request.requesterId === decider.userId) return { allowed: false, refusal: { kind: 'own_request' } };
  if (request.status !== expectedStatus) {
    return { allowed: false, refusal: { kind: 'already_handled', status: request.status, by: request.decidedBy ?? request.approvedByRule } };
  }
  return { allowed: true };
}

// ---------- Who may ask for whom ----------

export type RequestForCheck = { allowed: true } | { allowed: false; reason: 'not_own_mail' | 'own_mail_unknown' };

/** Whether the target e-mail is the requester's own Slack e-mail (case-insensitive); unknown counts as not own. */
export function isOwnMail(requesterMail: string | undefined, targetMail: string): boolean {
  return requesterMail !== undefined && requesterMail.trim().toLowerCase() === targetMail.trim().toLowerCase();
}

/** With requests for others switched off, only approvers may ask for an e-mail that is not their own. */
export function checkRequestFor(
  targetMail: string,
  requester: { mail?: string; isApprover: boolean },
  allowRequestsForOthers: boolean,
): RequestForCheck {
  if (allowRequestsForOthers || requester.isApprover || isOwnMail(requester.mail, targetMail)) return { allowed: true };
  return { allowed: false, reason: requester.mail === undefined ? 'own_mail_unknown' : 'not_own_mail' };
}

// ---------- Auto-approval ----------

/** One ordered rule of the approval policy; every condition given must hold, absent ones match anything. */
export interface ApprovalRule {
  name: string;
  /** `self`: the e-mail is the requester's own; `others`: on behalf of someone else. */
  requestFor?: 'self' | 'others';
  /** The e-mail's domain is one of these (exact, case-insensitive). */
  emailDomains?: readonly string[];
  /** Bandwidth at most this many Kbps. */
  maxBandwidthKbps?: number;
  /** `absent`: IP from the pool; `present`: a fixed client IP. */
  staticIp?: 'absent' | 'present';
  action: 'auto-approve' | 'require-approval';
}

export interface AutoApprovalCap {
  max: number;
  periodMs: number;
}

export interface ApprovalPolicy {
  rules: readonly ApprovalRule[];
  /** At most `max` auto-approvals in any `periodMs`; beyond it a person decides. */
  cap: AutoApprovalCap;
}

export const DEFAULT_AUTO_APPROVAL_CAP: AutoApprovalCap = { max: 20, periodMs: 24 * 3_600_000 };

/** No rules: every request needs a person. */
export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = { rules: [], cap: DEFAULT_AUTO_APPROVAL_CAP };

/** The facts of a request the rules look at. */
export interface PolicySubject {
  userMail: string;
  bandwidthKbps: number;
  clientIp?: string;
  forSelf: boolean;
}

export type PolicyOutcome =
  | { action: 'auto-approve'; rule: string }
  | { action: 'require-approval'; rule?: string };

export function ruleMatches(rule: ApprovalRule, subject: PolicySubject): boolean {
  if (rule.requestFor === 'self' && !subject.forSelf) return false;
  if (rule.requestFor === 'others' && subject.forSelf) return false;
  if (rule.emailDomains && !rule.emailDomains.some((d) => d.toLowerCase() === mailDomain(subject.userMail))) return false;
  if (rule.maxBandwidthKbps !== undefined && subject.bandwidthKbps > rule.maxBandwidthKbps) return false;
  if (rule.staticIp === 'absent' && subject.clientIp) return false;
  if (rule.staticIp === 'present' && !subject.clientIp) return false;
  return true;
}

/** The first matching rule decides; when none matches, a person approves. */
export function evaluateApprovalPolicy(policy: ApprovalPolicy, subject: PolicySubject): PolicyOutcome {
  const rule = policy.rules.find((r) => ruleMatches(r, subject));
  if (!rule) return { action: 'require-approval' };
  return rule.action === 'auto-approve' ? { action: 'auto-approve', rule: rule.name } : { action: 'require-approval', rule: rule.name };
}

/** Whether one more auto-approval fits under the cap, given how many the current period already had. */
export function capAllows(cap: Pick<AutoApprovalCap, 'max'>, autoApprovalsInPeriod: number): boolean {
  return autoApprovalsInPeriod < cap.max;
}

function mailDomain(mail: string): string {
  const at = mail.lastIndexOf('@');
  return at < 0 ? '' : mail.slice(at + 1).trim().toLowerCase();
}
