// Use cases: the requests a person sees — their own, and for approvers those waiting for a decision.
import type { AccessRequest } from '../domain/request';
import type { BotDeps } from './deps';

const WAITING_READ_MAX = 500;

/** The person's own requests, newest first. */
export function myRequests(deps: BotDeps, userId: string, limit = 10): AccessRequest[] {
  return deps.store.listByRequester(userId, limit);
}

/** Pending requests of this instance an approver may decide (never their own), oldest first. */
export function waitingFor(deps: BotDeps, approverId: string): AccessRequest[] {
  return deps.store
    .listByStatus(['pending'], WAITING_READ_MAX)
    .filter((r) => r.requesterId !== approverId && r.instanceId === deps.settings.instanceId && r.regionId === deps.settings.regionId);
}
