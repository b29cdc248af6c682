// Use case: a requester withdraws their own request while it still waits for approval.
import { isRequestId, type AccessRequest, type RequestStatus } from '../domain/request';
import type { BotDeps } from './deps';
import { announceClosed } from './announce';

export type CancelRefusal = 'missing_id' | 'not_found' | 'not_yours' | 'not_pending';

export type CancelResult = { ok: true; request: AccessRequest } | { ok: false; refusal: CancelRefusal; status?: RequestStatus };

/** The compare-and-set only; fast enough to answer inside the acknowledgement. Refusals are audited. */
export function cancelRequest(deps: BotDeps, requestId: string, userId: string): CancelResult {
  const refuse = (refusal: CancelRefusal, request?: AccessRequest): CancelResult => {
    deps.store.appendAudit({ at: deps.clock.now(), requestId: request?.id, actorId: userId, action: 'refused_cancel', detail: { refusal, ...(request ? {} : { claimedId: requestId.slice(0, 64) }) } });
    return { ok: false, refusal, status: request?.status };
  };
  if (requestId.trim() === '') return { ok: false, refusal: 'missing_id' };
  const stored = isRequestId(requestId) ? deps.store.get(requestId) : undefined;
  // Requests of another SmartAG instance in a shared database are not ours to touch.
  const request = stored && stored.instanceId === deps.settings.instanceId ? stored : undefined;
  if (!request) return refuse('not_found');
  if (request.requesterId !== userId) return refuse('not_yours', request);
  if (request.status !== 'pending') return refuse('not_pending', request);
  const at = deps.clock.now();
  const cancelled = deps.store.transition(request.id, ['pending'], 'cancelled', {}, { at, requestId: request.id, actorId: userId, action: 'cancelled' });
  if (!cancelled) return refuse('not_pending', deps.store.get(request.id));
  return { ok: true, request: cancelled };
}

/** Rewrites the admin message (the buttons go) and confirms to the requester by DM. */
export async function announceCancellation(deps: BotDeps, request: AccessRequest): Promise<void> {
  await announceClosed(deps, { ...request, status: 'cancelled' });
}
