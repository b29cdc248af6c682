// Auto-approval rules from APPROVAL_POLICY_FILE, the cap per period, and who may request for whom.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIELD_BLOCK } from '../../src/slack/blocks/ids';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/sandbox';
import { PEOPLE, SANDBOX } from '../../src/sandbox/world';
import { form, requestIdIn, submitAndFindAdminMessage } from './helpers';

const { requester, approver, groupApprover, newHire, bystander } = PEOPLE;
const HOUR = 3_600_000;

function policyFile(policy: unknown): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'policy-')), 'approval-policy.json');
  fs.writeFileSync(file, JSON.stringify(policy));
  return file;
}

async function withPolicy(policy: unknown, options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ followUpEveryMs: 0, ...options, env: { APPROVAL_POLICY_FILE: policyFile(policy), ...options.env } });
}

/** Submits and waits until the request is either waiting for a person or provisioned by a rule. */
async function submit(sb: Sandbox, userId: string, values: Partial<Record<keyof typeof FIELD_BLOCK, string>>) {
  const admin = await submitAndFindAdminMessage(sb, userId, form(values));
  const id = requestIdIn(admin);
  const request = await sb.waitUntil(() => {
    const r = sb.bot.store.get(id)!;
    return r.status === 'pending' || r.status === 'provisioned' || r.status === 'failed' ? r : undefined;
  }, 'a settled request');
  return { id, status: request.status, request };
}

describe('auto-approval policy', () => {
  let sb: Sandbox;
  afterEach(async () => {
    await sb?.stop();
  });

  it('needs a person for everything without a policy file', async () => {
    sb = await startSandbox({ followUpEveryMs: 0 });
    expect((await submit(sb, requester.id, { userMail: requester.email, bandwidthKbps: '1' })).status).toBe('pending');
  });

  it('auto-approves a self-request, shows the rule in the admin channel and the audit log, and provisions it', async () => {
    sb = await withPolicy({ rules: [{ name: 'staff for themselves', requestFor: 'self', action: 'auto-approve' }] });
    const own = await submit(sb, requester.id, { userMail: requester.email.toUpperCase(), bandwidthKbps: '500' });
    expect(own.status).toBe('provisioned');
    expect(own.request).toMatchObject({ approvedByRule: 'staff for themselves' });
    expect(own.request.decidedBy).toBeUndefined();
    // The own e-mail is recognised whatever its case.
    expect(sb.emulator.users(SANDBOX.instanceId).map((u) => u.userMail.toLowerCase())).toEqual([requester.email]);

    const posted = sb.slack.calls('chat.postMessage').find((c) => c.args.channel === SANDBOX.adminChannelId)!;
    expect(JSON.stringify(posted.args.blocks)).toContain('Approved by rule “staff for themselves”');
    expect(JSON.stringify(posted.args.blocks)).not.toContain('approve_request');
    await sb.waitUntil(() => JSON.stringify(sb.adminMessageFor(own.id)!.blocks).includes('VPN account created'), 'the rewrite');
    expect(JSON.stringify(sb.adminMessageFor(own.id)!.blocks)).toContain('rule “staff for themselves”');
    const audit = sb.bot.store.listAudit(undefined, own.id);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['requested', 'auto_approved', 'provisioning', 'provisioned']));
    expect(audit.find((a) => a.action === 'auto_approved')!.detail).toEqual({ rule: 'staff for themselves' });
    await sb.waitUntil(() => sb.slack.dmsTo(requester.id).find((m) => m.text.includes('is ready')), 'the ready DM');
    expect(sb.slack.dmsTo(requester.id).some((m) => m.text.includes('waiting for an approver'))).toBe(false);

    // On behalf of someone else: a person decides.
    expect((await submit(sb, requester.id, { userMail: newHire.email, bandwidthKbps: '500' })).status).toBe('pending');
  });

  it('matches requests on behalf of others', async () => {
    sb = await withPolicy({ rules: [{ name: 'managers for reports', requestFor: 'others', action: 'auto-approve' }] });
    expect((await submit(sb, requester.id, { userMail: newHire.email, bandwidthKbps: '100' })).status).toBe('provisioned');
    expect((await submit(sb, requester.id, { userMail: requester.email, bandwidthKbps: '100' })).status).toBe('pending');
  });

  it('matches the e-mail domain', async () => {
    sb = await withPolicy({ rules: [{ name: 'our domain', emailDomains: ['example.com'], action: 'auto-approve' }] });
    expect((await submit(sb, requester.id, { userMail: 'contractor@partner.example.net', bandwidthKbps: '100' })).status).toBe('pending');
    expect((await submit(sb, requester.id, { userMail: newHire.email, bandwidthKbps: '100' })).status).toBe('provisioned');
  });

  it('matches bandwidth up to the rule\'s cap', async () => {
    sb = await withPolicy({ rules: [{ name: 'small', maxBandwidthKbps: 1000, action: 'auto-approve' }] });
    expect((await submit(sb, requester.id, { userMail: requester.email, bandwidthKbps: '1001' })).status).toBe('pending');
    expect((await submit(sb, bystander.id, { userMail: bystander.email, bandwidthKbps: '1000' })).status).toBe('provisioned');
  });

  it('matches a fixed IP being absent or present, and the first matching rule wins', async () => {
    sb = await withPolicy({
      rules: [
        { name: 'fixed IPs need a person', staticIp: 'present', action: 'require-approval' },
        { name: 'pool only', staticIp: 'absent', action: 'auto-approve' },
        { name: 'never reached', action: 'auto-approve' },
      ],
    });
    expect((await submit(sb, requester.id, { userMail: requester.email, bandwidthKbps: '100', clientIp: '10.10.0.30' })).status).toBe('pending');
    const pooled = await submit(sb, bystander.id, { userMail: bystander.email, bandwidthKbps: '100' });
    expect(pooled).toMatchObject({ status: 'provisioned', request: { approvedByRule: 'pool only' } });
  });

  it('stops auto-approving at the cap for the period and leaves the rest to a person, then starts again', async () => {
    const clock = { current: new Date('2026-12-03T09:00:00Z'), now() { return new Date(this.current); } };
    sb = await withPolicy({ autoApprovalCap: { max: 2, per: '24h' }, rules: [{ name: 'everyone', action: 'auto-approve' }] }, { clock });
    const results = [];
    for (const person of [requester, bystander, newHire]) results.push(await submit(sb, person.id, { userMail: person.email, bandwidthKbps: '100' }));
    expect(results.map((r) => r.status)).toEqual(['provisioned', 'provisioned', 'pending']);
    const capped = sb.bot.store.listAudit(undefined, results[2].id).find((a) => a.action === 'auto_approval_capped');
    expect(capped?.detail).toEqual({ rule: 'everyone', count: 2, max: 2 });
    expect(JSON.stringify(sb.adminMessageFor(results[2].id)!.blocks)).toContain('approve_request');

    clock.current = new Date(clock.current.getTime() + 24 * HOUR + 1);
    expect((await submit(sb, approver.id, { userMail: approver.email, bandwidthKbps: '100' })).status).toBe('provisioned');
  });
});

describe('requests on behalf of others, when restricted', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await startSandbox({ followUpEveryMs: 0, env: { ALLOW_REQUESTS_FOR_OTHERS: 'false' } });
  });
  afterEach(async () => {
    await sb.stop();
  });

  it('lets a non-approver request only for their own e-mail, with the reason under the e-mail field', async () => {
    const view = await sb.openRequestModal(requester.id);
    const infoCalls = sb.slack.calls('users.info').length;
    const refused = await sb.submitRequest(requester.id, form({ userMail: newHire.email, bandwidthKbps: '100' }), view);
    expect(JSON.parse(refused.body)).toEqual({ response_action: 'errors', errors: { [FIELD_BLOCK.userMail]: expect.stringContaining(requester.email) } });
    expect(sb.bot.store.listByRequester(requester.id)).toEqual([]);
    // Answered from the e-mail read when the form opened: no extra Slack call before the 3-second acknowledgement.
    expect(sb.slack.calls('users.info')).toHaveLength(infoCalls);
    expect(refused.elapsedMs).toBeLessThan(3000);

    const own = await sb.submitRequest(requester.id, form({ userMail: requester.email, bandwidthKbps: '100' }), view);
    expect(own.body).toBe('');
  });

  it('lets approvers, directly or through their group, request for someone else', async () => {
    expect((await sb.submitRequest(approver.id, form({ userMail: newHire.email, bandwidthKbps: '100' }))).body).toBe('');
    expect((await sb.submitRequest(groupApprover.id, form({ userMail: bystander.email, bandwidthKbps: '100' }))).body).toBe('');
    expect(sb.bot.store.listByStatus(['pending']).map((r) => r.userMail).sort()).toEqual([bystander.email, newHire.email].sort());
  });

  it('refuses politely when the requester\'s profile shows no e-mail', async () => {
    sb.slack.addUser({ id: 'U0NOMAIL', name: 'nomail' });
    const res = await sb.submitRequest('U0NOMAIL', form({ userMail: newHire.email, bandwidthKbps: '100' }));
    expect(JSON.parse(res.body).errors[FIELD_BLOCK.userMail]).toMatch(/no e-mail/);
  });
});
