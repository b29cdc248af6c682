import { canTransition, isFinal, isOpen, REQUEST_STATUSES, TRANSITIONS } from '../../../src/domain/request';
import { checkDecider } from '../../../src/domain/policy';
import type { AccessRequest } from '../../../src/domain/request';

describe('the request state machine', () => {
  it('allows exactly the transitions of the product', () => {
    const allowed = REQUEST_STATUSES.flatMap((from) => REQUEST_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`));
    expect(allowed.sort()).toEqual(
      ['pending→approved', 'pending→denied', 'pending→cancelled', 'pending→expired', 'approved→provisioning', 'provisioning→provisioned', 'provisioning→failed', 'provisioning→approved', 'failed→approved'].sort(),
    );
  });

  it('never leaves a final state and never returns to pending', () => {
    for (const s of REQUEST_STATUSES) {
      if (isFinal(s)) expect(TRANSITIONS[s]).toHaveLength(0);
      expect(canTransition(s, 'pending')).toBe(false);
    }
    expect(['provisioned', 'denied', 'cancelled', 'expired'].every((s) => isFinal(s as never))).toBe(true);
  });

  it('counts only pending, approved and provisioning as open', () => {
    expect(REQUEST_STATUSES.filter(isOpen)).toEqual(['pending', 'approved', 'provisioning']);
  });
});

describe('who may decide', () => {
  const request = { id: 'sagr_000000000001', status: 'pending', requesterId: 'U1' } as AccessRequest;

  it('lets an approver decide someone else’s pending request', () => {
    expect(checkDecider(request, { userId: 'U2', isApprover: true })).toEqual({ allowed: true });
  });
  it('refuses non-approvers, self-decisions, unknown and handled requests', () => {
    expect(checkDecider(request, { userId: 'U2', isApprover: false })).toMatchObject({ refusal: { kind: 'not_approver' } });
    expect(checkDecider(request, { userId: 'U1', isApprover: true })).toMatchObject({ refusal: { kind: 'own_request' } });
    expect(checkDecider(undefined, { userId: 'U2', isApprover: true })).toMatchObject({ refusal: { kind: 'not_found' } });
    expect(checkDecider({ ...request, status: 'denied', decidedBy: 'U3' }, { userId: 'U2', isApprover: true })).toEqual({
      allowed: false,
      refusal: { kind: 'already_handled', status: 'denied', by: 'U3' },
    });
  });
});
