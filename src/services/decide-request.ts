// Use cases: an approver approves, denies or retries a request.
import { checkDecider, type DecisionRefusal } from '../domain/policy';
import type { AccessRequest, RequestStatus } from '../domain/request';
import { failpoint } from '../failpoint';
import type { BotDeps } from './deps';
import { provisionRequest } from './provision-request';
import { announceClosed, refreshSafely } from './announce';

export type DecisionResult = { ok: true; request: AccessRequest } | { ok: false; refusal: DecisionRefusal };

/** Checks the clicker may decide now; refusals are audited. Used before opening the deny modal too. */
export async function authorizeDecision(
  deps: BotDeps,
  requestId: string,
  userId: string,
  expectedStatus: AccessRequest['status'] = 'pending',
): Promise<DecisionResult> {
  const stored = deps.store.get(requestId);
  // A request for another SmartAG instance (a shared or reused database) is not ours to decide or provision.
  const request = stored && stored.instanceId === deps.settings.instanceId && stored.regionId === deps.settings.regionId ? stored : undefined;
  const isApprover = await deps.approvers.isApprover(userId);
  const check = checkDecider(request, { userId, isApprover }, expectedStatus);
  if (!check.allowed) {
    deps.store.appendAudit({ at: deps.clock.now(), requestId: request?.id, actorId: userId, action: 'refused_click', detail: { refusal: check.refusal.kind, ...(request ? {} : { claimedId: requestId.slice(0, 64) }) } });
    return { ok: false, refusal: check.refusal };
  }
  return { ok: true, request: request! };
}

/** The refusal to show when the compare-and-set lost to someone else. */
function lostRace(deps: BotDeps, requestId: string): DecisionResult {
  const now = deps.store.get(requestId);
  return { ok: false, refusal: { kind: 'already_handled', status: now?.status ?? 'pending', by: now?.decidedBy ?? now?.approvedByRule } };
}

interface Decision {
  from: RequestStatus;
  to: RequestStatus;
  action: string;
  patch?: Partial<AccessRequest>;
  detail?: Record<string, unknown>;
  /** A further condition on the request as it stands (e.g. only a retryable failure may be retried). */
  allows?: (request: AccessRequest) => boolean;
}

/** Authorizes the clicker and moves the request by compare-and-set; a lost race is audited. */
async function decide(deps: BotDeps, requestId: string, approverId: string, d: Decision): Promise<DecisionResult> {
  const allowed = await authorizeDecision(deps, requestId, approverId, d.from);
  if (!allowed.ok) return allowed;
  if (d.allows && !d.allows(allowed.request)) return { ok: false, refusal: { kind: 'already_handled', status: allowed.request.status, by: allowed.request.decidedBy } };
  const at = deps.clock.now();
  const moved = deps.store.transition(requestId, [d.from], d.to, { decidedBy: approverId, decidedAt: at, ...d.patch }, { at, requestId, actorId: approverId, action: d.action, detail: d.detail });
  if (!moved) {
    deps.store.appendAudit({ at, requestId, actorId: approverId, action: 'refused_click', detail: { refusal: 'already_handled' } });
    return lostRace(deps, requestId);
  }
  return { ok: true, request: moved };
}

/** Approves and provisions; returns once the outcome is stored and everyone is told. */
export async function approveRequest(deps: BotDeps, requestId: string, approverId: string): Promise<DecisionResult> {
  const approved = await decide(deps, requestId, approverId, { from: 'pending', to: 'approved', action: 'approved' });
  if (!approved.ok) return approved;
  await refreshSafely(deps, approved.request);
  await failpoint('after-approve');
  return { ok: true, request: await provisionRequest(deps, approved.request) };
}

/** Denies with the approver's reason and tells the requester. */
export async function denyRequest(deps: BotDeps, requestId: string, approverId: string, reason: string): Promise<DecisionResult> {
  const denied = await decide(deps, requestId, approverId, { from: 'pending', to: 'denied', action: 'denied', patch: { denyReason: reason }, detail: { reason } });
  if (denied.ok) await announceClosed(deps, { ...denied.request, status: 'denied' });
  return denied;
}

/** A failed request whose failure a retry can help is approved again and provisioned once more. */
export async function retryRequest(deps: BotDeps, requestId: string, approverId: string): Promise<DecisionResult> {
  const again = await decide(deps, requestId, approverId, { from: 'failed', to: 'approved', action: 'retried', allows: (r) => r.failure?.retryable === true });
  if (!again.ok) return again;
  await refreshSafely(deps, again.request);
  return { ok: true, request: await provisionRequest(deps, again.request) };
}
