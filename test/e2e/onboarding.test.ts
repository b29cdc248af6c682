// New members are welcomed once; `/sag-access help | status | cancel <id>` answer privately.
import { ACTION } from '../../src/slack/blocks/ids';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox';
import { PEOPLE, SANDBOX } from '../../src/sandbox/world';
import { form, requestIdIn, submitAndFindAdminMessage } from './helpers';

const { requester, approver, newHire, bystander } = PEOPLE;

const teamJoin = (id: string, extra: Record<string, unknown> = {}) => ({
  type: 'team_join',
  user: { id, team_id: 'T0001', name: id.toLowerCase(), deleted: false, is_bot: false, is_restricted: false, is_ultra_restricted: false, profile: {}, ...extra },
});
const welcomes = (sb: Sandbox, userId: string) => sb.slack.dmsTo(userId).filter((m) => m.text.includes('Welcome'));

describe('the welcome message on team_join', () => {
  let sb: Sandbox;
  afterEach(async () => {
    await sb.stop();
  });

  it('greets a new member once with the request button, however often the event arrives', async () => {
    sb = await startSandbox({ followUpEveryMs: 0 });
    await sb.driver.sendEvent(teamJoin(newHire.id), { eventId: 'Ev0JOIN1' });
    await sb.driver.sendEvent(teamJoin(newHire.id), { eventId: 'Ev0JOIN1', retryNum: 1, retryReason: 'http_timeout' });
    // Slack has sent team_join twice under different event ids; the person still gets one message.
    await sb.driver.sendEvent(teamJoin(newHire.id), { eventId: 'Ev0JOIN2' });
    const welcome = await sb.waitUntil(() => welcomes(sb, newHire.id)[0], 'the welcome DM');
    await sb.driver.sendEvent(teamJoin(bystander.id));
    await sb.waitUntil(() => welcomes(sb, bystander.id)[0], 'a later welcome, so the duplicates had their chance');
    expect(welcomes(sb, newHire.id)).toHaveLength(1);
    expect(sb.bot.store.listAudit().filter((a) => a.action === 'welcomed').map((a) => a.actorId).sort()).toEqual([bystander.id, newHire.id].sort());

    // Its button opens the same request form, with the person's e-mail.
    await sb.click(newHire.id, welcome, ACTION.openRequestModal);
    const update = await sb.slack.waitForCall('views.update');
    expect(JSON.stringify(update.args.view)).toContain(newHire.email);
  });

  it('sends nothing to guests, bots, deleted accounts, or anyone when switched off', async () => {
    sb = await startSandbox({ followUpEveryMs: 0 });
    const others = [
      { id: 'U0GUEST1', name: 'guest1', isRestricted: true, flags: { is_restricted: true } },
      { id: 'U0GUEST2', name: 'guest2', isUltraRestricted: true, flags: { is_ultra_restricted: true } },
      { id: 'U0ROBOT', name: 'robot', isBot: true, flags: { is_bot: true } },
      { id: 'U0GONE', name: 'gone', flags: { deleted: true } },
    ];
    for (const o of others) {
      sb.slack.addUser({ id: o.id, name: o.name, isBot: o.isBot, isRestricted: o.isRestricted, isUltraRestricted: o.isUltraRestricted });
      await sb.driver.sendEvent(teamJoin(o.id, o.flags));
    }
    await sb.driver.sendEvent(teamJoin(newHire.id));
    await sb.waitUntil(() => welcomes(sb, newHire.id)[0], 'the member welcome');
    for (const o of others) expect(sb.slack.dmsTo(o.id)).toEqual([]);
    await sb.stop();

    sb = await startSandbox({ followUpEveryMs: 0, env: { ONBOARDING_WELCOME: 'false' } });
    await sb.driver.sendEvent(teamJoin(newHire.id));
    await sb.driver.sendEvent({ type: 'app_home_opened', user: newHire.id, channel: sb.slack.dmChannelFor(newHire.id), tab: 'home' });
    await sb.slack.waitForCall('views.publish');
    expect(sb.slack.calls('chat.postMessage')).toEqual([]);
  });
});

describe('the slash command\'s subcommands', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await startSandbox({ followUpEveryMs: 0 });
  });
  afterEach(async () => {
    await sb.stop();
  });

  const run = async (userId: string, text: string) => {
    const res = await sb.driver.slashCommand({ userId, text });
    expect(res.status).toBe(200);
    return res.json as { response_type: string; text: string; blocks?: unknown[] };
  };

  it('explains itself on help, and on an unknown word instead of failing', async () => {
    const help = await run(requester.id, 'help');
    expect(help.response_type).toBe('ephemeral');
    for (const word of ['status', 'cancel <request id>', 'help']) expect(help.text).toContain(word);
    const unknown = await run(requester.id, 'approve-everything <!channel>');
    expect(unknown.text).toContain("I don't know `approve-everything`");
    expect(unknown.text).toContain('cancel <request id>');
    expect(sb.slack.calls('views.open')).toEqual([]);
  });

  it('lists my requests, newest first, with status and outcome', async () => {
    expect((await run(requester.id, 'status')).text).toContain('no VPN access requests');
    const first = requestIdIn(await submitAndFindAdminMessage(sb, requester.id, form({ userMail: requester.email, bandwidthKbps: '100' })));
    await sb.click(approver.id, sb.adminMessageFor(first)!, ACTION.approve);
    await sb.waitUntil(() => sb.bot.store.get(first)?.status === 'provisioned', 'provisioning');
    const second = requestIdIn(await submitAndFindAdminMessage(sb, requester.id, form({ userMail: newHire.email, bandwidthKbps: '200' })));

    const status = await run(requester.id, 'STATUS');
    const shown = JSON.stringify(status.blocks);
    expect(shown.indexOf(second)).toBeLessThan(shown.indexOf(first));
    expect(shown).toContain('Waiting for approval');
    expect(shown).toContain('Account ready');
    expect(shown).toContain(`Approved by <@${approver.id}>`);
    expect((await run(bystander.id, 'status')).text).toContain('no VPN access requests');
  });

  it('cancels my own pending request: the admin message loses its buttons and I am told', async () => {
    const admin = await submitAndFindAdminMessage(sb, requester.id, form({ userMail: requester.email, bandwidthKbps: '100' }));
    const id = requestIdIn(admin);
    const reply = await run(requester.id, `cancel ${id}`);
    expect(reply.text).toContain(`\`${id}\` is cancelled`);
    expect(sb.bot.store.get(id)!.status).toBe('cancelled');
    const rewritten = await sb.waitUntil(() => (JSON.stringify(sb.adminMessageFor(id)!.blocks).includes('cancelled') ? sb.adminMessageFor(id) : undefined), 'the rewrite');
    expect(rewritten!.blocks.some((b) => b.type === 'actions')).toBe(false);
    await sb.waitUntil(() => sb.slack.dmsTo(requester.id).find((m) => m.text.includes('was cancelled')), 'the DM');
    // An approver's click on the old message is now refused and provisions nothing.
    await sb.click(approver.id, admin, ACTION.approve);
    await sb.waitUntil(() => sb.slack.ephemerals(approver.id)[0], 'the refusal');
    expect(sb.emulator.users(SANDBOX.instanceId)).toEqual([]);
  });

  it('refuses to cancel someone else\'s request, a decided one, an unknown id, or no id at all', async () => {
    const mine = requestIdIn(await submitAndFindAdminMessage(sb, requester.id, form({ userMail: requester.email, bandwidthKbps: '100' })));
    expect((await run(bystander.id, `cancel ${mine}`)).text).toContain('is not yours');
    expect(sb.bot.store.get(mine)!.status).toBe('pending');

    await sb.click(approver.id, sb.adminMessageFor(mine)!, ACTION.approve);
    await sb.waitUntil(() => sb.bot.store.get(mine)?.status === 'provisioned', 'provisioning');
    expect((await run(requester.id, `cancel ${mine}`)).text).toContain('no longer waiting for approval (now provisioned)');
    expect((await run(requester.id, 'cancel sagr_000000000000')).text).toContain('There is no request `sagr_000000000000`');
    expect((await run(requester.id, 'cancel <!here>')).text).toContain('There is no request `&lt;!here&gt;`');
    expect((await run(requester.id, 'cancel')).text).toContain('Which request?');
    expect(sb.bot.store.get(mine)!.status).toBe('provisioned');
    expect(sb.bot.store.listAudit().filter((a) => a.action === 'refused_cancel').map((a) => a.detail?.refusal)).toEqual(['not_yours', 'not_pending', 'not_found', 'not_found']);
  });
});
