// App Home: where people start. The request button, "My requests", and approvers' "Waiting for you" with the same buttons.
import { ACTION, FIELD_BLOCK } from '../../src/slack/blocks/ids';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox';
import type { FakeView } from '../../src/sandbox/fake-slack';
import { PEOPLE, SANDBOX } from '../../src/sandbox/world';
import { form, requestIdIn, submitAndFindAdminMessage } from './helpers';

const { requester, approver, groupApprover, bystander } = PEOPLE;
const text = (v: FakeView | undefined) => (v ? JSON.stringify(v.blocks) : '');

async function openHome(sb: Sandbox, userId: string): Promise<FakeView> {
  const before = sb.slack.calls('views.publish').filter((c) => c.args.user_id === userId).length;
  const res = await sb.driver.sendEvent({ type: 'app_home_opened', user: userId, channel: sb.slack.dmChannelFor(userId), tab: 'home' });
  expect(res.status).toBe(200);
  await sb.waitUntil(() => sb.slack.calls('views.publish').filter((c) => c.args.user_id === userId).length > before, `${userId}'s home`);
  return sb.slack.homeView(userId)!;
}

/** The home as it stands once it shows `what` (homes refresh after each change, asynchronously). */
const homeShowing = (sb: Sandbox, userId: string, what: (blocks: string) => boolean, label: string) =>
  sb.waitUntil(() => {
    const v = sb.slack.homeView(userId);
    return v && what(text(v)) ? v : undefined;
  }, label);

describe('App Home', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await startSandbox({ followUpEveryMs: 0 });
  });
  afterEach(async () => {
    await sb.stop();
  });

  it('shows a newcomer the request button, whose form comes with their e-mail, and no approver section', async () => {
    const home = await openHome(sb, requester.id);
    expect(home.type).toBe('home');
    expect(text(home)).toContain(ACTION.openRequestModal);
    expect(text(home)).toContain('No requests yet');
    expect(text(home)).not.toContain('Waiting for you');

    await sb.driver.clickViewButton({ userId: requester.id, view: home, actionId: ACTION.openRequestModal });
    const update = await sb.slack.waitForCall('views.update');
    const modal = sb.slack.view(update.args.view_id as string)!;
    const mail = modal.blocks.find((b) => b.block_id === FIELD_BLOCK.userMail) as unknown as { element: { initial_value?: string } };
    expect(mail.element.initial_value).toBe(requester.email);

    // Submitting that very form lists the request under "My requests" with a Cancel button.
    const res = await sb.driver.submitView({ userId: requester.id, view: modal, values: form({ userMail: requester.email, bandwidthKbps: '300' }) });
    expect(res.body).toBe('');
    const id = requestIdIn(await sb.waitUntil(() => sb.latestAdminMessage(), 'the admin message'));
    const mine = await homeShowing(sb, requester.id, (b) => b.includes(id), 'the request in My requests');
    expect(text(mine)).toContain('Waiting for approval');
    expect(text(mine)).toContain(ACTION.cancelRequest);
  });

  it('lets an approver approve from "Waiting for you", then refreshes both homes and the admin message', async () => {
    await openHome(sb, requester.id);
    const empty = await openHome(sb, approver.id);
    expect(text(empty)).toContain('Waiting for you (0)');

    const admin = await submitAndFindAdminMessage(sb, requester.id, form({ userMail: requester.email, bandwidthKbps: '500' }));
    const id = requestIdIn(admin);
    const waiting = await homeShowing(sb, approver.id, (b) => b.includes(`home_decide:${id}`), 'the request waiting in the approver home');
    expect(text(waiting)).toContain('Waiting for you (1)');

    const click = await sb.driver.clickViewButton({ userId: approver.id, view: waiting, actionId: ACTION.approve, value: id });
    expect(click.status).toBe(200);
    await sb.waitUntil(() => sb.bot.store.get(id)?.status === 'provisioned', 'provisioning');
    expect(sb.bot.store.get(id)).toMatchObject({ decidedBy: approver.id });
    expect(sb.emulator.users(SANDBOX.instanceId)).toEqual([expect.objectContaining({ userMail: requester.email, bandwidthKbps: 500 })]);

    await homeShowing(sb, approver.id, (b) => b.includes('Waiting for you (0)'), 'the decided request gone from Waiting for you');
    const mine = await homeShowing(sb, requester.id, (b) => b.includes('Account ready'), 'the outcome in My requests');
    expect(text(mine)).toContain(`<@${approver.id}>`);
    expect(JSON.stringify(sb.adminMessageFor(id)!.blocks)).toContain('VPN account created');
  });

  it('shows approvers in a user group the waiting requests, never their own', async () => {
    await submitAndFindAdminMessage(sb, groupApprover.id, form({ userMail: groupApprover.email, bandwidthKbps: '100' }));
    const admin = await submitAndFindAdminMessage(sb, bystander.id, form({ userMail: bystander.email, bandwidthKbps: '100' }));
    const home = await openHome(sb, groupApprover.id);
    expect(text(home)).toContain(`home_decide:${requestIdIn(admin)}`);
    expect(text(home)).toContain('Waiting for you (1)');
    expect(text(await openHome(sb, bystander.id))).not.toContain('Waiting for you');
  });

  it('answers a click on a stale home with the same compare-and-set: a DM saying who decided, and a fresh home', async () => {
    const admin = await submitAndFindAdminMessage(sb, requester.id, form({ userMail: requester.email, bandwidthKbps: '100' }));
    const id = requestIdIn(admin);
    const stale = await openHome(sb, groupApprover.id);
    await sb.click(approver.id, admin, ACTION.approve);
    await sb.waitUntil(() => sb.bot.store.get(id)?.status === 'provisioned', 'provisioning');

    await sb.driver.clickViewButton({ userId: groupApprover.id, view: stale, actionId: ACTION.approve, value: id });
    const dm = await sb.waitUntil(() => sb.slack.dmsTo(groupApprover.id).find((m) => m.text.includes('already handled')), 'the refusal DM');
    expect(dm.text).toContain(`<@${approver.id}>`);
    await homeShowing(sb, groupApprover.id, (b) => !b.includes(`home_decide:${id}`), 'the stale buttons gone');
    expect(sb.emulator.calls.filter((c) => c.action === 'CreateSmartAccessGatewayClientUser')).toHaveLength(1);
  });

  it('lets a requester cancel a pending request from My requests', async () => {
    const admin = await submitAndFindAdminMessage(sb, requester.id, form({ userMail: requester.email, bandwidthKbps: '100' }));
    const id = requestIdIn(admin);
    const home = await openHome(sb, requester.id);
    expect(text(home)).toContain(ACTION.cancelRequest);
    await sb.driver.clickViewButton({ userId: requester.id, view: home, actionId: ACTION.cancelRequest, value: id });
    await sb.waitUntil(() => sb.bot.store.get(id)?.status === 'cancelled', 'the cancellation');
    await sb.waitUntil(() => JSON.stringify(sb.adminMessageFor(id)!.blocks).includes('cancelled'), 'the admin message rewritten');
    expect(sb.adminMessageFor(id)!.blocks.some((b) => b.type === 'actions')).toBe(false);
    await sb.waitUntil(() => sb.slack.dmsTo(requester.id).find((m) => m.text.includes('cancelled')), 'the cancellation DM');
    await homeShowing(sb, requester.id, (b) => b.includes('Cancelled') && !b.includes(ACTION.cancelRequest), 'the home showing it cancelled');
  });
});
