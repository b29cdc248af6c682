// The spine: slash command → modal → admin approval → CreateSmartAccessGatewayClientUser → DMs, over real HTTP.
import { ACTION, FIELD_BLOCK, DENY_REASON_BLOCK } from '../../src/slack/blocks/ids';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox';
import { PEOPLE, SANDBOX } from '../../src/sandbox/world';
import type { FakeMessage } from '../../src/sandbox/fake-slack';
import { form, requestIdIn, submitAndFindAdminMessage } from './helpers';

const { requester, approver, groupApprover, newHire, bystander } = PEOPLE;

const textOf = (m: FakeMessage | undefined) => (m ? `${m.text}\n${JSON.stringify(m.blocks)}` : '');

describe('the request flow end to end', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await startSandbox();
  });
  afterEach(async () => {
    await sb.stop();
  });

  it('opens the modal at once and pre-fills the requester e-mail afterwards', async () => {
    const view = await sb.openRequestModal(requester.id);
    const open = sb.slack.calls('views.open')[0];
    const info = sb.slack.calls('users.info')[0];
    // The modal is opened before the profile lookup, so the trigger_id is used while fresh.
    expect(open.at).toBeLessThanOrEqual(info.at);
    const mailBlock = view.blocks.find((b) => b.block_id === FIELD_BLOCK.userMail) as unknown as { element: { initial_value?: string } };
    expect(mailBlock.element.initial_value).toBe(requester.email);
    const bandwidth = view.blocks.find((b) => b.block_id === FIELD_BLOCK.bandwidthKbps) as unknown as { element: { initial_value?: string; max_value?: string } };
    expect(bandwidth.element).toMatchObject({ initial_value: '1000', max_value: '2000' });
  });

  it('opens an already pre-filled modal with a single Slack call when the e-mail was looked up recently', async () => {
    await sb.openRequestModal(requester.id);
    const calls = sb.slack.calls().length;
    const again = await sb.openRequestModal(requester.id);
    expect(sb.slack.calls().slice(calls).map((c) => c.method)).toEqual(['views.open']);
    const mailBlock = again.blocks.find((b) => b.block_id === FIELD_BLOCK.userMail) as unknown as { element: { initial_value?: string } };
    expect(mailBlock.element.initial_value).toBe(requester.email);
  });

  it('provisions a pooled-IP account named after the e-mail and tells the requester', async () => {
    const admin = await submitAndFindAdminMessage(sb, requester.id, form({ userMail: requester.email, bandwidthKbps: '500', reason: 'Working from home' }));
    const id = requestIdIn(admin);
    expect(textOf(admin)).toContain('waiting for approval');
    expect(admin.blocks.some((b) => b.type === 'actions')).toBe(true);
    await sb.waitUntil(() => sb.slack.dmsTo(requester.id).find((m) => m.text.includes('waiting for an approver')), 'the waiting DM');

    const click = await sb.click(approver.id, admin, ACTION.approve);
    expect(click.status).toBe(200);
    const ready = await sb.waitUntil(() => sb.slack.dmsTo(requester.id).find((m) => m.text.includes('is ready')), 'the ready DM');
    expect(ready.text).toContain(requester.email);

    const users = sb.emulator.users(SANDBOX.instanceId);
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ userName: requester.email, userMail: requester.email, bandwidthKbps: 500 });
    const rewritten = sb.adminMessageFor(id)!;
    expect(textOf(rewritten)).toContain('VPN account created');
    expect(rewritten.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(sb.bot.store.get(id)).toMatchObject({ status: 'provisioned', decidedBy: approver.id });
    // No user name was given: no password is generated or sent.
    expect(sb.slack.calls('chat.postMessage').some((c) => String(c.args.text).includes('Password'))).toBe(false);
  });

  it('provisions a named account with a fixed IP for someone else and sends the password only to that person', async () => {
    const admin = await submitAndFindAdminMessage(sb, requester.id, form({ userMail: newHire.email, bandwidthKbps: '2000', clientIp: '10.10.0.25', userName: 'nina.vpn' }));
    await sb.click(groupApprover.id, admin, ACTION.approve);
    const creds = await sb.waitUntil(() => sb.slack.dmsTo(newHire.id).find((m) => m.text.includes('Password')), 'the credentials DM');
    const password = /Password: `([^`]+)`/.exec(creds.text)![1];
    expect(password).toMatch(/^[A-Za-z0-9][A-Za-z0-9_@-]{7,31}$/);

    const users = sb.emulator.users(SANDBOX.instanceId);
    expect(users).toEqual([expect.objectContaining({ userName: 'nina.vpn', userMail: newHire.email, clientIp: '10.10.0.25', bandwidthKbps: 2000 })]);
    await sb.waitUntil(() => sb.slack.dmsTo(requester.id).find((m) => m.text.includes('is ready')), 'the requester DM');
    expect(sb.slack.dmsTo(newHire.id).some((m) => m.text.includes('requested a VPN account for you'))).toBe(true);
    // The password reaches nobody else: not the requester, not the channel, not the database, not the logs.
    const everythingElse = sb.slack.calls().filter((c) => c.args.channel !== sb.slack.dmChannelFor(newHire.id));
    expect(JSON.stringify(everythingElse.map((c) => c.args))).not.toContain(password);
    expect(sb.logs.join('\n')).not.toContain(password);
    const rows = (sb.bot.store as unknown as { db: { prepare(s: string): { all(): unknown[] } } }).db.prepare('SELECT * FROM requests').all();
    const audit = sb.bot.store.listAudit();
    expect(JSON.stringify([rows, audit])).not.toContain(password);
    expect(textOf(sb.latestAdminMessage())).toContain('10.10.0.25');
  });

  it('shows every field error inline at once and stores nothing', async () => {
    const res = await sb.submitRequest(requester.id, form({ userMail: 'not-an-email', bandwidthKbps: '2001', clientIp: '8.8.8.8', userName: '_bad', reason: 'x'.repeat(3001) }));
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body);
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors).sort()).toEqual([FIELD_BLOCK.bandwidthKbps, FIELD_BLOCK.clientIp, FIELD_BLOCK.reason, FIELD_BLOCK.userMail, FIELD_BLOCK.userName].sort());
    expect(body.errors[FIELD_BLOCK.bandwidthKbps]).toMatch(/2000/);
    expect(body.errors[FIELD_BLOCK.clientIp]).toMatch(/10\.10\.0\.0\/24|private/);
    expect(sb.bot.store.listByRequester(requester.id)).toHaveLength(0);
    expect(sb.slack.messages(SANDBOX.adminChannelId)).toHaveLength(0);
  });

  it.each([
    ['an address outside the configured block', { clientIp: '10.20.0.5' }, FIELD_BLOCK.clientIp],
    ['a zero bandwidth', { bandwidthKbps: '0' }, FIELD_BLOCK.bandwidthKbps],
    ['a fractional bandwidth', { bandwidthKbps: '20.5' }, FIELD_BLOCK.bandwidthKbps],
    ['a six-character user name', { userName: 'abcdef' }, FIELD_BLOCK.userName],
    ['an empty e-mail', { userMail: '   ' }, FIELD_BLOCK.userMail],
  ])('refuses %s with a field error', async (_what, override, block) => {
    const res = await sb.submitRequest(requester.id, form({ userMail: requester.email, bandwidthKbps: '100', ...override }));
    const body = JSON.parse(res.body);
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors)).toEqual([block]);
  });

  it('refuses a second open request for the same e-mail, naming the open one', async () => {
    const admin = await submitAndFindAdminMessage(sb, requester.id, form({ userMail: newHire.email, bandwidthKbps: '100' }));
    const id = requestIdIn(admin);
    const res = await sb.submitRequest(bystander.id, form({ userMail: newHire.email.toUpperCase(), bandwidthKbps: '200' }));
    const body = JSON.parse(res.body);
    expect(body.errors[FIELD_BLOCK.userMail]).toContain(id);
    expect(sb.slack.messages(SANDBOX.adminChannelId)).toHaveLength(1);
  });

  it('denies with a reason the requester receives', async () => {
    const admin = await submitAndFindAdminMessage(sb, requester.id, form({ userMail: requester.email, bandwidthKbps: '100' }));
    const id = requestIdIn(admin);
    await sb.click(approver.id, admin, ACTION.deny);
    const denyView = await sb.waitUntil(() => sb.slack.openedViews().find((v) => v.private_metadata === id), 'the deny modal');

    const empty = await sb.driver.submitView({ userId: approver.id, view: denyView, values: { [DENY_REASON_BLOCK]: '  ' } });
    expect(JSON.parse(empty.body).errors[DENY_REASON_BLOCK]).toBeTruthy();

    const res = await sb.driver.submitView({ userId: approver.id, view: denyView, values: { [DENY_REASON_BLOCK]: 'Contractors use the jump host <!channel>' } });
    expect(res.body).toBe('');
    const dm = await sb.waitUntil(() => sb.slack.dmsTo(requester.id).find((m) => m.text.includes('denied')), 'the denial DM');
    expect(textOf(dm)).toContain('Contractors use the jump host');
    expect(textOf(sb.adminMessageFor(id))).toContain('VPN access denied');
    expect(sb.bot.store.get(id)).toMatchObject({ status: 'denied', decidedBy: approver.id, denyReason: 'Contractors use the jump host <!channel>' });
    expect(sb.emulator.users(SANDBOX.instanceId)).toHaveLength(0);
    // The reason is shown as plain_text or escaped, so the mention never pings.
    const posted = sb.slack.calls('chat.postMessage').concat(sb.slack.calls('chat.update'));
    for (const c of posted) {
      for (const block of (c.args.blocks as Array<{ text?: { type: string; text: string } }>) ?? []) {
        if (block.text?.type === 'mrkdwn') expect(block.text.text).not.toContain('<!channel>');
      }
      expect(String(c.args.text)).not.toContain('<!channel>');
    }
  });

  it('refuses a non-approver, the requester approving their own request, and a second click', async () => {
    const admin = await submitAndFindAdminMessage(sb, approver.id, form({ userMail: approver.email, bandwidthKbps: '100' }));
    const id = requestIdIn(admin);

    await sb.click(bystander.id, admin, ACTION.approve);
    const notAllowed = await sb.waitUntil(() => sb.slack.ephemerals(bystander.id)[0], 'the bystander refusal');
    expect(notAllowed.text).toMatch(/Only configured approvers/);

    await sb.click(approver.id, admin, ACTION.approve);
    const own = await sb.waitUntil(() => sb.slack.ephemerals(approver.id)[0], 'the self-approval refusal');
    expect(own.text).toMatch(/your own request/);
    expect(sb.bot.store.get(id)!.status).toBe('pending');

    await sb.click(groupApprover.id, admin, ACTION.approve);
    await sb.waitUntil(() => sb.bot.store.get(id)!.status === 'provisioned', 'provisioning');
    await sb.click(groupApprover.id, admin, ACTION.approve);
    const second = await sb.waitUntil(() => sb.slack.ephemerals(groupApprover.id)[0], 'the second-click refusal');
    expect(second.text).toContain(`already handled by <@${groupApprover.id}>`);
    expect(sb.emulator.calls.filter((c) => c.action === 'CreateSmartAccessGatewayClientUser')).toHaveLength(1);
    const refused = sb.bot.store.listAudit(undefined, id).filter((a) => a.action === 'refused_click');
    expect(refused.map((a) => a.detail?.refusal)).toEqual(['not_approver', 'own_request', 'already_handled']);
  });

  it('refuses clicks from outside the admin channel and forged button values', async () => {
    const admin = await submitAndFindAdminMessage(sb, requester.id, form({ userMail: requester.email, bandwidthKbps: '100' }));
    await sb.driver.clickButton({ userId: approver.id, message: admin, actionId: ACTION.approve, channelId: 'C0ELSEWHERE' });
    await sb.waitUntil(() => sb.slack.ephemerals(approver.id)[0], 'the wrong-channel refusal');
    await sb.driver.clickButton({ userId: approver.id, message: admin, actionId: ACTION.approve, value: 'sagr_doesnotexist' });
    await sb.waitUntil(() => sb.slack.ephemerals(approver.id)[1], 'the forged-id refusal');
    expect(sb.slack.ephemerals(approver.id).map((e) => e.text)).toEqual([expect.stringMatching(/admin channel/), expect.stringMatching(/does not exist/)]);
    expect(sb.bot.store.get(requestIdIn(admin))!.status).toBe('pending');
  });

  it('rejects a request signed with the wrong secret or an old timestamp and changes nothing', async () => {
    const wrong = await sb.driver.slashCommand({ userId: requester.id }, { signingSecret: 'not-the-secret' });
    expect(wrong.status).toBe(401);
    const stale = await sb.driver.slashCommand({ userId: requester.id }, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale.status).toBe(401);
    expect(sb.slack.calls('views.open')).toHaveLength(0);
  });
});
