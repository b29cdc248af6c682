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
