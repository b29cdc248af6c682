// Telling people what became of a request, and marking that they were told, so a crash in between is caught up at start.
import type { AccessRequest } from '../domain/request';
import type { BotDeps } from './deps';
import type { PersonMessage } from './ports';

/** The statuses that end a request without provisioning; each has a DM of the same name. */
export type ClosedStatus = 'denied' | 'cancelled' | 'expired';

export function isClosedStatus(status: AccessRequest['status']): status is ClosedStatus {
  return status === 'denied' || status === 'cancelled' || status === 'expired';
}

/** Rewrites the admin message (the buttons go), tells the requester, and marks the request announced. */
export async function announceClosed(deps: BotDeps, request: AccessRequest & { status: ClosedStatus }): Promise<void> {
  await refreshSafely(deps, request);
  await tellSafely(deps, request.requesterId, { kind: request.status, request });
  markAnnounced(deps, request);
}

/** The outcome reached the people it concerns; crash recovery re-announces requests without this mark. */
export function markAnnounced(deps: BotDeps, request: AccessRequest): void {
  deps.store.appendAudit({ at: deps.clock.now(), requestId: request.id, action: 'announced', detail: { status: request.status } });
}

/** A DM that could not be sent is logged, never thrown: the decision stands either way. */
export async function tellSafely(deps: BotDeps, userId: string, message: PersonMessage): Promise<void> {
  try {
    await deps.notifier.tellPerson(userId, message);
  } catch (err) {
    deps.logger.warn({ err, userId, kind: message.kind, requestId: message.request.id }, 'could not send a direct message');
  }
}

/** The admin message is a view of the stored state; failing to rewrite it is logged, never thrown. */
export async function refreshSafely(deps: BotDeps, request: AccessRequest): Promise<void> {
  try {
    await deps.notifier.refreshAdminMessage(request);
  } catch (err) {
    deps.logger.warn({ err, requestId: request.id }, 'could not rewrite the admin message');
  }
}
