// Use case: a person submits the request modal.
import type { AccessRequest } from '../domain/request';
import { validateRequestForm, type FormField, type RequestFormInput } from '../domain/validation';
import { checkRequestFor } from '../domain/policy';
import { formMessages } from '../domain/form-messages';
import { selfService, type BotDeps } from './deps';
import { tellSafely } from './announce';

/** Who is asking, when requests for others are restricted: their Slack e-mail and whether they approve. */
export interface RequesterFacts {
  mail?: string;
  isApprover: boolean;
  /** Slack did not answer within the acknowledgement budget. */
  unknown?: boolean;
}

/** Budget for the look-ups before the modal's 3-second acknowledgement; usually answered from cache (filled at modal open). */
const REQUESTER_LOOKUP_BUDGET_MS = 1500;

/** The facts `submitRequest` needs, or undefined when requests for others are allowed and nothing must be looked up. */
export async function requesterFacts(deps: BotDeps, userId: string): Promise<RequesterFacts | undefined> {
  if (selfService(deps).allowRequestsForOthers) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const unknown: RequesterFacts = { isApprover: false, unknown: true };
  const lookup = Promise.all([deps.notifier.findMailOfUser(userId), deps.approvers.isApprover(userId)])
    .then(([mail, isApprover]): RequesterFacts => ({ mail, isApprover }))
    .catch((err): RequesterFacts => {
      deps.logger.warn({ err, userId }, 'could not look up the requester');
      return unknown;
    });
  const late = new Promise<RequesterFacts>((resolve) => (timer = setTimeout(() => resolve(unknown), REQUESTER_LOOKUP_BUDGET_MS)));
  try {
    return await Promise.race([lookup, late]);
  } finally {
    clearTimeout(timer);
  }
}

export type SubmitResult =
  | { ok: true; request: AccessRequest }
  | { ok: false; fieldErrors: Partial<Record<FormField, string>> };

/** Validates and stores the request; fast and synchronous so the modal can be acknowledged with errors. */
export function submitRequest(deps: BotDeps, requesterId: string, input: RequestFormInput, requester?: RequesterFacts): SubmitResult {
  const validation = validateRequestForm(input, deps.settings.limits, deps.settings.locale);
  if (!validation.ok) return { ok: false, fieldErrors: validation.errors };
  const say = formMessages(deps.settings.locale).requester;
  const forWhom = requester ? checkRequestFor(validation.form.userMail, requester, selfService(deps).allowRequestsForOthers) : { allowed: true as const };
  if (!forWhom.allowed) {
    return {
      ok: false,
      fieldErrors: {
        userMail: forWhom.reason === 'not_own_mail' ? say.notOwnMail(requester?.mail) : requester?.unknown ? say.mailNotInTime : say.noProfileMail,
      },
    };
  }

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
        userMail: say.openRequestExists(open.id, open.status, open.createdAt.toISOString().slice(0, 16).replace('T', ' ')),
      },
    };
  }
  return { ok: true, request: created.request };
}

/** Posts the stored request to the admin channel and tells the requester it is waiting. */
export async function announceRequest(deps: BotDeps, request: AccessRequest): Promise<void> {
  // An auto-approved request skips the wait; the provisioning outcome follows in its own message.
  // Sent alongside the admin post: in a burst that channel drains at ~1 post a second, the DM need not wait.
  const told = request.status === 'pending' ? tellSafely(deps, request.requesterId, { kind: 'submitted', request }) : undefined;
  try {
    const where = await deps.notifier.announceRequest(request);
    deps.store.setAdminMessage(request.id, where.channelId, where.messageTs);
  } catch (err) {
    // The request is stored; approvers will still see it in App Home and the reminder will retry the post.
    deps.logger.error({ err, requestId: request.id }, 'could not post the request to the admin channel');
  }
  await told;
}

