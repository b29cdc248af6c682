// Use case: on start, finish what a crash left between an approval and a stored outcome, without creating twice.
//
// A request found `approved` or `provisioning` belonged to a process that died. The cloud is asked
// (DescribeSmartAccessGatewayClientUsers, by user name, or by e-mail when none was given) whether the
// account exists:
// - it exists → recorded as provisioned (audit 'recovered') and everyone is told. The password generated
//   for a named account died with the process (it is never stored), so a new one is set with
//   ResetSmartAccessGatewayClientUserPassword and sent by DM like the first would have been; if the reset
//   is impossible the audit says `credentials_undelivered` and an approver must reset it by hand.
// - it does not → the interrupted attempt created nothing; the request goes back to `approved`
//   (the one legal recovery-only transition) and is provisioned once, by the normal path.
// - the cloud cannot be asked → the request is left as it is and tried again at the next start.
// A request that reached its end (provisioned, failed, denied, cancelled, expired) but was never announced
// (no audit 'announced': the process died before the DMs) is announced now, within 7 days of its end.
// One bot process per database is assumed: a second live process's in-flight request would look crashed.
import { generatePassword } from '../domain/password';
import type { AccessRequest } from '../domain/request';
import type { BotDeps } from './deps';
import type { ClientUserCredentials, ClientUserRecord } from './ports';
import { announceOutcome, provisionRequest } from './provision-request';
import { announceClosed, isClosedStatus } from './announce';

export type RecoveryAction = 'found' | 'provisioned_again' | 'failed_again' | 'announced_again' | 'unresolved' | 'skipped';

export interface RecoveryOutcome {
  requestId: string;
  /** The status the crash left the request in. */
  from: AccessRequest['status'];
  action: RecoveryAction;
  /** For found named accounts: whether a new password reached the account holder's DM path. */
  passwordReset?: boolean;
}

const UNFINISHED = ['approved', 'provisioning'] as const;
const DESCRIBE_PAGE_SIZE = 50;

/** Requests of this instance that a dead process left unfinished; read before the bot takes clicks. */
export function findUnfinished(deps: BotDeps): AccessRequest[] {
  return deps.store
    .listByStatus(UNFINISHED)
    .filter((r) => r.instanceId === deps.settings.instanceId && r.regionId === deps.settings.regionId);
}

/** How far back a finished outcome that nobody was told about is still worth announcing. */
const ANNOUNCE_WITHIN_MS = 7 * 24 * 3600_000;

/** Outcomes a dead process stored but did not get to announce (no audit 'announced'); read before the bot takes clicks. */
export function findUnannounced(deps: BotDeps): AccessRequest[] {
  return deps.store
    .listUnannounced(new Date(deps.clock.now().getTime() - ANNOUNCE_WITHIN_MS))
    .filter((r) => r.instanceId === deps.settings.instanceId && r.regionId === deps.settings.regionId);
}

/** Tells everyone the stored end; a named account's password died with the process, so it is reset first. */
export async function announceAgain(deps: BotDeps, requests: readonly AccessRequest[]): Promise<RecoveryOutcome[]> {
  const outcomes: RecoveryOutcome[] = [];
  for (const request of requests) {
    const from = request.status;
    if (isClosedStatus(from)) {
      deps.store.appendAudit({ at: deps.clock.now(), requestId: request.id, action: 'recovered', detail: { from, next: 'announce' } });
      await announceClosed(deps, { ...request, status: from });
      outcomes.push({ requestId: request.id, from, action: 'announced_again' });
      continue;
    }
    const credentials = request.status === 'provisioned' && request.userName ? await newPassword(deps, request, request.account?.userName ?? request.userName) : undefined;
    deps.store.appendAudit({ at: deps.clock.now(), requestId: request.id, action: 'recovered', detail: { from, next: 'announce', passwordReset: request.userName && from === 'provisioned' ? !!credentials : undefined } });
    if (request.status === 'provisioned' && request.userName && !credentials) {
      deps.store.appendAudit({ at: deps.clock.now(), requestId: request.id, action: 'credentials_undelivered', detail: { why: 'password lost in a crash and could not be reset' } });
    }
    await announceOutcome(deps, request, credentials);
    outcomes.push({ requestId: request.id, from, action: 'announced_again', ...(request.userName && from === 'provisioned' ? { passwordReset: !!credentials } : {}) });
  }
  return outcomes;
}

/** One at a time, so a burst of leftovers does not become a burst of cloud calls. */
export async function recoverUnfinished(deps: BotDeps, requests: readonly AccessRequest[] = findUnfinished(deps)): Promise<RecoveryOutcome[]> {
  const outcomes: RecoveryOutcome[] = [];
  for (const request of requests) {
    try {
      outcomes.push(await recoverOne(deps, request));
    } catch (err) {
      deps.logger.error({ err, requestId: request.id }, 'crash recovery failed for a request; it will be tried again at the next start');
      outcomes.push({ requestId: request.id, from: request.status as RecoveryOutcome['from'], action: 'unresolved' });
    }
  }
  if (outcomes.length > 0) {
    deps.logger.info({ recovered: outcomes.map((o) => ({ requestId: o.requestId, from: o.from, action: o.action })) }, `crash recovery looked at ${outcomes.length} unfinished request(s)`);
  }
  return outcomes;
}

async function recoverOne(deps: BotDeps, request: AccessRequest): Promise<RecoveryOutcome> {
  const from = request.status as RecoveryOutcome['from'];
  let account: ClientUserRecord | undefined;
  let cloudRequestId: string | undefined;
  try {
    ({ account, cloudRequestId } = await findAccount(deps, request));
  } catch (err) {
    deps.logger.warn({ err, requestId: request.id }, 'could not ask SmartAG whether an interrupted request created its account; left for the next start');
    return { requestId: request.id, from, action: 'unresolved' };
  }
  if (account) return recordFound(deps, request, account, cloudRequestId);

  const at = deps.clock.now();
  let approved: AccessRequest | undefined = request;
  const audit = { at, requestId: request.id, action: 'recovered', detail: { from, accountFound: false, next: 'provision' } };
  if (from === 'provisioning') {
    approved = deps.store.transition(request.id, ['provisioning'], 'approved', {}, audit);
  } else {
    deps.store.appendAudit(audit);
  }
  if (!approved) return { requestId: request.id, from, action: 'skipped' };
  const finished = await provisionRequest(deps, approved);
  return { requestId: request.id, from, action: finished.status === 'provisioned' ? 'provisioned_again' : finished.status === 'failed' ? 'failed_again' : 'skipped' };
}

/** The account this request would have created: same user name (the e-mail when none was given) and same e-mail. */
async function findAccount(deps: BotDeps, request: AccessRequest): Promise<{ account?: ClientUserRecord; cloudRequestId?: string }> {
  const userName = request.userName ?? request.userMail;
  const page = await deps.smartag.describeClientUsers({
    regionId: request.regionId,
    instanceId: request.instanceId,
    ...(request.userName ? { userName: request.userName } : { userMail: request.userMail }),
    pageSize: DESCRIBE_PAGE_SIZE,
  });
  const mail = request.userMail.toLowerCase();
  // Same name but another e-mail is someone else's account, not ours.
  const account = page.users.find((u) => u.userName.toLowerCase() === userName.toLowerCase() && u.userMail.toLowerCase() === mail);
  return { account, cloudRequestId: page.cloudRequestId };
}

async function recordFound(deps: BotDeps, request: AccessRequest, found: ClientUserRecord, cloudRequestId: string | undefined): Promise<RecoveryOutcome> {
  const from = request.status as RecoveryOutcome['from'];
  // The lost password is replaced before the outcome is stored: a crash in between only means another reset.
  const credentials = request.userName ? await newPassword(deps, request, found.userName) : undefined;
  let provisioning: AccessRequest | undefined = request;
  if (from === 'approved') {
    provisioning = deps.store.transition(request.id, ['approved'], 'provisioning', { attempts: request.attempts + 1 }, { at: deps.clock.now(), requestId: request.id, action: 'provisioning', detail: { attempt: request.attempts + 1, recovery: true } });
  }
  const account = { userName: found.userName, userMail: found.userMail, bandwidthKbps: found.bandwidthKbps, ...(found.clientIp ? { clientIp: found.clientIp } : {}), isStaticIp: found.isStaticIp, cloudRequestId };
  const finished = provisioning && deps.store.transition(request.id, ['provisioning'], 'provisioned', { account }, {
    at: deps.clock.now(),
    requestId: request.id,
    action: 'recovered',
    detail: { from, accountFound: true, userName: found.userName, clientIp: found.clientIp, cloudRequestId, passwordReset: credentials ? true : request.userName ? false : undefined },
  });
  if (!finished) return { requestId: request.id, from, action: 'skipped' };
  if (request.userName && !credentials) {
    deps.store.appendAudit({ at: deps.clock.now(), requestId: request.id, action: 'credentials_undelivered', detail: { why: 'password lost in a crash and could not be reset' } });
  }
  await announceOutcome(deps, finished, credentials);
  return { requestId: request.id, from, action: 'found', ...(request.userName ? { passwordReset: !!credentials } : {}) };
}

/** A fresh password set in the cloud, or undefined (logged) when that is impossible. */
async function newPassword(deps: BotDeps, request: AccessRequest, userName: string): Promise<ClientUserCredentials | undefined> {
  if (!deps.smartag.resetClientUserPassword) {
    deps.logger.error({ requestId: request.id }, 'the password of a recovered account was lost and this SmartAG client cannot reset it; an approver must reset it');
    return undefined;
  }
  const credentials = { userName, password: generatePassword(deps.randomBytes) };
  try {
    await deps.smartag.resetClientUserPassword({ regionId: request.regionId, instanceId: request.instanceId, credentials });
    return credentials;
  } catch (err) {
    deps.logger.error({ err, requestId: request.id }, 'could not reset the password of a recovered account; an approver must reset it');
    return undefined;
  }
}
