// Use case: after a request is stored, the approval policy decides whether a person must approve it.
import { evaluateApprovalPolicy, isOwnMail } from '../domain/policy';
import type { AccessRequest } from '../domain/request';
import { selfService, type BotDeps } from './deps';
import { provisionRequest } from './provision-request';
import { announceRequest } from './submit-request';

/** Auto-approves when a rule says so and the cap allows, then announces; auto-approved requests are provisioned at once. */
export async function routeNewRequest(deps: BotDeps, request: AccessRequest): Promise<AccessRequest> {
  const approved = await applyApprovalPolicy(deps, request);
  await announceRequest(deps, approved ?? request);
  if (!approved) return request;
  // Re-read so provisioning's rewrite finds the admin message just posted.
  return provisionRequest(deps, deps.store.get(approved.id) ?? approved);
}

/** The approved request when a rule approved it, otherwise undefined (a person decides). */
export async function applyApprovalPolicy(deps: BotDeps, request: AccessRequest): Promise<AccessRequest | undefined> {
  const policy = selfService(deps).approvalPolicy;
  if (!policy.rules.some((r) => r.action === 'auto-approve')) return undefined;
  const requesterMail = await requesterMailOrNothing(deps, request);
  const outcome = evaluateApprovalPolicy(policy, {
    userMail: request.userMail,
    bandwidthKbps: request.bandwidthKbps,
    clientIp: request.clientIp,
    forSelf: isOwnMail(requesterMail, request.userMail),
  });
  if (outcome.action !== 'auto-approve') return undefined;
  const at = deps.clock.now();
  const result = deps.store.approveByRule(request.id, outcome.rule, { max: policy.cap.max, since: new Date(at.getTime() - policy.cap.periodMs) }, at);
  if (result.ok) {
    deps.logger.info({ requestId: request.id, rule: outcome.rule }, 'request approved by rule');
    return result.request;
  }
  if (result.reason === 'cap_reached') {
    deps.logger.warn({ requestId: request.id, rule: outcome.rule, count: result.count, max: policy.cap.max }, 'auto-approval cap reached; a person must decide');
  }
  return undefined;
}

/** Unknown (lookup failed, no e-mail on the profile) counts as on behalf of someone else, the cautious reading. */
async function requesterMailOrNothing(deps: BotDeps, request: AccessRequest): Promise<string | undefined> {
  try {
    return await deps.notifier.findMailOfUser(request.requesterId);
  } catch (err) {
    deps.logger.warn({ err, requestId: request.id }, 'could not read the requester e-mail; treating the request as on behalf of someone else');
    return undefined;
  }
}
