// Use case: a person submits the request modal.
import type { AccessRequest } from '../domain/request';
import { validateRequestForm, type FormField, type RequestFormInput } from '../domain/validation';
import type { BotDeps } from './deps';

export type SubmitResult =
  | { ok: true; request: AccessRequest }
  | { ok: false; fieldErrors: Partial<Record<FormField, string>> };

/** Validates and stores the request; fast and synchronous so the modal can be acknowledged with errors. */
export function submitRequest(deps: BotDeps, requesterId: string, input: RequestFormInput): SubmitResult {
  const validation = validateRequestForm(input, deps.settings.limits);
  if (!validation.ok) return { ok: false, fieldErrors: validation.errors };

  const now = deps.clock.now();
  const id = deps.newRequestId();
  const created = deps.store.create(
    {
      id,
      requesterId,
      regionId: deps.settings.regionId,
      instanceId: deps.settings.instanceId,
      ...validation.form,
      createdAt: now,
    },
    { at: now, requestId: id, actorId: requesterId, action: 'requested', detail: { userMail: validation.form.userMail, bandwidthKbps: validation.form.bandwidthKbps } },
  );
  if (!created.ok) {
    const open = created.existing;
    return {
      ok: false,
      fieldErrors: {
        userMail: `There is already an open request for this e-mail: ${open.id} (${open.status}, since ${open.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC).`,
      },
    };
  }
  return { ok: true, request: created.request };
}

/** Posts the stored request to the admin channel and tells the requester it is waiting. */
export async function announceRequest(deps: BotDeps, request: AccessRequest): Promise<void> {
  try {
    const where = await deps.notifier.announceRequest(request);
    deps.store.setAdminMessage(request.id, where.channelId, where.messageTs);
  } catch (err) {
    // The request is stored; approvers will still see it in App Home and the reminder will retry the post.
    deps.logger.error({ err, requestId: request.id }, 'could not post the request to the admin channel');
  }
  await tellSafely(deps, request.requesterId, { kind: 'submitted', request });
}

export async function tellSafely(deps: BotDeps, userId: string, message: Parameters<BotDeps['notifier']['tellPerson']>[1]): Promise<void> {
  try {
    await deps.notifier.tellPerson(userId, message);
  } catch (err) {
    deps.logger.warn({ err, userId, kind: message.kind, requestId: message.request.id }, 'could not send a direct message');
  }
}
