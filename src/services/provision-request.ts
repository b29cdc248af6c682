// Use case: create the SmartAG client account for an approved request, exactly once, and tell everyone.
import { describeCloudFailure } from '../domain/cloud-errors';
import { isCloudApiError } from '../domain/cloud-error';
import { generatePassword } from '../domain/password';
import type { AccessRequest, ProvisioningFailure } from '../domain/request';
import { failpoint } from '../failpoint';
import type { BotDeps } from './deps';
import type { ClientUserCredentials } from './ports';
import { markAnnounced, refreshSafely, tellSafely } from './announce';

/** Takes an approved request through provisioning to provisioned or failed. */
export async function provisionRequest(deps: BotDeps, approved: AccessRequest): Promise<AccessRequest> {
  const at = deps.clock.now();
  const claimed = deps.store.transition(approved.id, ['approved'], 'provisioning', { attempts: approved.attempts + 1 }, { at, requestId: approved.id, action: 'provisioning', detail: { attempt: approved.attempts + 1 } });
  // Someone else (another process, the recovery sweep) already took it.
  if (!claimed) return deps.store.get(approved.id) ?? approved;

  // Generated only now, sent once with the call and once by DM; never stored or logged.
  const credentials: ClientUserCredentials | undefined = claimed.userName
    ? { userName: claimed.userName, password: generatePassword(deps.randomBytes) }
    : undefined;

  let finished: AccessRequest | undefined;
  try {
    await failpoint('before-create');
    const account = await deps.smartag.createClientUser({
      regionId: claimed.regionId,
      instanceId: claimed.instanceId,
      userMail: claimed.userMail,
      bandwidthKbps: claimed.bandwidthKbps,
      clientIp: claimed.clientIp,
      credentials,
    });
    await failpoint('after-create');
    finished = deps.store.transition(claimed.id, ['provisioning'], 'provisioned', { account }, {
      at: deps.clock.now(),
      requestId: claimed.id,
      action: 'provisioned',
      detail: { userName: account.userName, clientIp: account.clientIp, bandwidthKbps: account.bandwidthKbps, cloudRequestId: account.cloudRequestId },
    });
  } catch (err) {
    const failure = toFailure(deps, err);
    deps.logger.warn({ requestId: claimed.id, code: failure.code, cloudRequestId: failure.cloudRequestId }, 'provisioning failed');
    finished = deps.store.transition(claimed.id, ['provisioning'], 'failed', { failure }, {
      at: deps.clock.now(),
      requestId: claimed.id,
      action: 'failed',
      detail: { code: failure.code, retryable: failure.retryable, cloudRequestId: failure.cloudRequestId },
    });
  }
  if (!finished) return deps.store.get(claimed.id) ?? claimed;
  await failpoint('before-announce');
  await announceOutcome(deps, finished, finished.status === 'provisioned' ? credentials : undefined);
  return finished;
}

export function toFailure(deps: BotDeps, err: unknown): ProvisioningFailure {
  if (isCloudApiError(err)) {
    const known = describeCloudFailure(err.code, deps.settings.locale);
    return { code: err.code, message: err.message, retryable: known.retryable, cloudRequestId: err.cloudRequestId };
  }
  deps.logger.error({ err }, 'unexpected error while provisioning');
  return { code: 'InternalError', message: 'Unexpected error in the bot', retryable: true };
}

/** Rewrites the admin message and tells the requester, the target person and whoever receives the password. */
export async function announceOutcome(deps: BotDeps, request: AccessRequest, credentials?: ClientUserCredentials): Promise<void> {
  await refreshSafely(deps, request);
  const targetId = await findTarget(deps, request);
  if (request.status === 'failed') {
    await tellSafely(deps, request.requesterId, { kind: 'failed', request });
    markAnnounced(deps, request);
    return;
  }
  const passwordFollows = credentials !== undefined;
  await tellSafely(deps, request.requesterId, { kind: 'provisioned', request, forTarget: false, passwordFollows });
  if (targetId && targetId !== request.requesterId) {
    await tellSafely(deps, targetId, { kind: 'provisioned', request, forTarget: true, passwordFollows });
  }
  if (credentials) {
    const recipient = targetId ?? request.requesterId;
    try {
      await deps.notifier.tellPerson(recipient, { kind: 'credentials', request, userName: credentials.userName, password: credentials.password, forTarget: recipient === targetId && targetId !== request.requesterId });
      deps.store.appendAudit({ at: deps.clock.now(), requestId: request.id, actorId: recipient, action: 'credentials_sent' });
    } catch (err) {
      deps.logger.error({ err, requestId: request.id }, 'could not deliver the generated password; an admin must reset it');
      deps.store.appendAudit({ at: deps.clock.now(), requestId: request.id, action: 'credentials_undelivered' });
    }
  }
  markAnnounced(deps, request);
}


async function findTarget(deps: BotDeps, request: AccessRequest): Promise<string | undefined> {
  try {
    return await deps.notifier.findUserIdByMail(request.userMail);
  } catch (err) {
    deps.logger.warn({ err, requestId: request.id }, 'could not look up the target person');
    return undefined;
  }
}
