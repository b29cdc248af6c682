// Use cases: an approver approves, denies or retries a request.
import { checkDecider, type DecisionRefusal } from '../domain/policy';
import type { AccessRequest } from '../domain/request';
import { failpoint } from '../failpoint';
import type { BotDeps } from './deps';
import { provisionRequest } from './provision-request';
import { tellSafely } from './submit-request';

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

/** Approves and provisions; returns once the outcome is stored and everyone is told. */
export async function approveRequest(deps: BotDeps, requestId: string, approverId: string): Promise<DecisionResult> {
  const allowed = await authorizeDecision(deps, requestId, approverId);
  if (!allowed.ok) return allowed;
  const at = deps.clock.now();
  const approved = deps.store.transition(requestId, ['pending'], 'approved', { decidedBy: approverId, decidedAt: at }, { at, requestId, actorId: approverId, action: 'approved' });
  if (!approved) {
    deps.store.appendAudit({ at, requestId, actorId: approverId, action: 'refused_click', detail: { refusal: 'already_handled' } });
    return lostRace(deps, requestId);
  }
  await refreshSafely(deps, approved);
  await failpoint('after-approve');
  return { ok: true, request: await provisionRequest(deps, approved) };
}

/** Denies with the approver's reason and tells the requester. */
export async function denyRequest(deps: BotDeps, requestId: string, approverId: string, reason: string): Promise<DecisionResult> {
  const allowed = await authorizeDecision(deps, requestId, approverId);
  if (!allowed.ok) return allowed;
  const at = deps.clock.now();
  const denied = deps.store.transition(requestId, ['pending'], 'denied', { decidedBy: approverId, decidedAt: at, denyReason: reason }, { at, requestId, actorId: approverId, action: 'denied', detail: { reason } });
  if (!denied) {
    deps.store.appendAudit({ at, requestId, actorId: approverId, action: 'refused_click', detail: { refusal: 'already_handled' } });
    return lostRace(deps, requestId);
  }
  await refreshSafely(deps, denied);
  await tellSafely(deps, denied.requesterId, { kind: 'denied', request: denied });
  return { ok: true, request: denied };
}

/** A failed request whose failure a retry can help is approved again and provisioned once more. */
export async function retryRequest(deps: BotDeps, requestId: string, approverId: string): Promise<DecisionResult> {
  const allowed = await authorizeDecision(deps, requestId, approverId, 'failed');
  if (!allowed.ok) return allowed;
  if (!allowed.request.failure?.retryable) return { ok: false, refusal: { kind: 'already_handled', status: 'failed', by: allowed.request.decidedBy } };
  const at = deps.clock.now();
  const again = deps.store.transition(requestId, ['failed'], 'approved', { decidedBy: approverId, decidedAt: at }, { at, requestId, actorId: approverId, action: 'retried' });
  if (!again) {
    deps.store.appendAudit({ at, requestId, actorId: approverId, action: 'refused_click', detail: { refusal: 'already_handled' } });
    return lostRace(deps, requestId);
  }
  await refreshSafely(deps, again);
  return { ok: true, request: await provisionRequest(deps, again) };
}

export async function refreshSafely(deps: BotDeps, request: AccessRequest): Promise<void> {
  try {
    await deps.notifier.refreshAdminMessage(request);
  } catch (err) {
    deps.logger.warn({ err, requestId: request.id }, 'could not rewrite the admin message');
  }
}
