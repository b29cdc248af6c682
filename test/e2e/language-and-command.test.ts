// The bot speaks BOT_LOCALE everywhere a person reads it, and names the slash command as SLASH_COMMAND configures it.
import { validateRequestForm } from '../../src/domain/validation';
import { ACTION, DENY_REASON_BLOCK, FIELD_BLOCK } from '../../src/slack/blocks/ids';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox';
import type { FakeView } from '../../src/sandbox/fake-slack';
import { PEOPLE, SANDBOX } from '../../src/sandbox/world';
import { form, requestIdIn, submitAndFindAdminMessage } from './helpers';

const { requester, approver, newHire } = PEOPLE;
const HAN = /[\u4e00-\u9fff]/;

const teamJoin = (id: string) => ({
  type: 'team_join',
  user: { id, team_id: 'T0001', name: id.toLowerCase(), deleted: false, is_bot: false, is_restricted: false, is_ultra_restricted: false, profile: {} },
});

async function openHome(sb: Sandbox, userId: string): Promise<FakeView> {
  const before = sb.slack.calls('views.publish').filter((c) => c.args.user_id === userId).length;
  await sb.driver.sendEvent({ type: 'app_home_opened', user: userId, channel: sb.slack.dmChannelFor(userId), tab: 'home' });
  await sb.waitUntil(() => sb.slack.calls('views.publish').filter((c) => c.args.user_id === userId).length > before, `${userId}'s home`);
  return sb.slack.homeView(userId)!;
}

describe('BOT_LOCALE=zh-CN', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await startSandbox({ followUpEveryMs: 0, env: { BOT_LOCALE: 'zh-CN', ALLOW_REQUESTS_FOR_OTHERS: 'false' } });
  });
  afterEach(async () => {
    await sb.stop();
  });

  it('answers a bad form inline with Chinese field errors that name the same limits and range', async () => {
    const view = await sb.openRequestModal(requester.id);
    const bad = form({ userMail: requester.email, bandwidthKbps: '5000', clientIp: '10.9.0.1', userName: 'ab' });
    const res = await sb.submitRequest(requester.id, bad, view);
    const body = JSON.parse(res.body) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors).sort()).toEqual([FIELD_BLOCK.bandwidthKbps, FIELD_BLOCK.clientIp, FIELD_BLOCK.userName].sort());
    for (const message of Object.values(body.errors)) {
      expect(message).toMatch(HAN);
      expect(message).not.toMatch(/Enter|address|characters|leave it empty|maximum/);
    }
    expect(body.errors[FIELD_BLOCK.bandwidthKbps]).toBe('5000 Kbps 超过了上限；请输入 1 到 2000 Kbps 之间的整数。');
    expect(body.errors[FIELD_BLOCK.clientIp]).toContain(`不在客户端地址段 ${SANDBOX.clientCidr} 内`);
    expect(body.errors[FIELD_BLOCK.userName]).toContain('7–33 个字符');
    // The same words the domain gives in Chinese, and nothing stored.
    const expected = validateRequestForm({ userMail: requester.email, bandwidthKbps: '5000', clientIp: '10.9.0.1', userName: 'ab' }, { maxBandwidthKbps: 2000, clientCidr: SANDBOX.clientCidr }, 'zh-CN');
    expect(expected.ok === false && expected.errors.clientIp).toBe(body.errors[FIELD_BLOCK.clientIp]);
    expect(sb.bot.store.listByRequester(requester.id)).toEqual([]);

    // Only one's own e-mail (ALLOW_REQUESTS_FOR_OTHERS=false), and only one open request per e-mail: said in Chinese too.
    const forOther = await sb.submitRequest(requester.id, form({ userMail: newHire.email, bandwidthKbps: '100' }), view);
    expect(JSON.parse(forOther.body).errors[FIELD_BLOCK.userMail]).toBe(`您只能为自己的邮箱（${requester.email}）申请访问权限；为他人申请需由审批人提交。`);
    const admin = await submitAndFindAdminMessage(sb, requester.id, form({ userMail: requester.email, bandwidthKbps: '100' }));
    const id = requestIdIn(admin);
    const again = await sb.submitRequest(requester.id, form({ userMail: requester.email, bandwidthKbps: '100' }));
    expect(JSON.parse(again.body).errors[FIELD_BLOCK.userMail]).toMatch(new RegExp(`^该邮箱已有一个未完成的申请：${id}（待审批，提交于 .+ UTC）。$`));

    // The approver's deny form wants a reason, in Chinese.
    await sb.click(approver.id, admin, ACTION.deny);
    const denyView = await sb.waitUntil(() => sb.slack.openedViews().find((v) => v.private_metadata === id), 'the deny modal');
    const empty = await sb.driver.submitView({ userId: approver.id, view: denyView, values: { [DENY_REASON_BLOCK]: '  ' } });
    expect(JSON.parse(empty.body).errors[DENY_REASON_BLOCK]).toBe('请告诉申请人拒绝的理由。');
  });

  it('shows App Home, the status reply and the welcome in Chinese', async () => {
    await submitAndFindAdminMessage(sb, requester.id, form({ userMail: requester.email, bandwidthKbps: '100' }));
    const home = JSON.stringify((await openHome(sb, requester.id)).blocks);
    expect(home).toContain('我的申请');
    expect(home).toContain('等待审批');
    expect(home).toContain('申请 VPN 访问');
    expect(home).not.toMatch(/My requests|Waiting for approval|Request VPN access|Submitted/);

    const status = (await sb.driver.slashCommand({ userId: requester.id, text: 'status' })).json as { text: string; blocks: unknown[] };
    expect(status.text).toContain('您的 VPN 访问申请');
    expect(JSON.stringify(status.blocks)).toContain('提交于');

    await sb.driver.sendEvent(teamJoin(newHire.id));
    const welcome = await sb.waitUntil(() => sb.slack.dmsTo(newHire.id)[0], 'the welcome DM');
    expect(welcome.text).toContain('欢迎加入');
    expect(JSON.stringify(welcome.blocks)).toContain('申请 VPN 访问');
  });
});

describe('SLASH_COMMAND=/vpn', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await startSandbox({ followUpEveryMs: 0, env: { SLASH_COMMAND: '/vpn' } });
  });
  afterEach(async () => {
    await sb.stop();
  });

  it('names /vpn in the welcome and the help, never /sag-access', async () => {
    await sb.driver.sendEvent(teamJoin(newHire.id));
    const welcome = await sb.waitUntil(() => sb.slack.dmsTo(newHire.id)[0], 'the welcome DM');
    expect(welcome.text).toContain('or type `/vpn`.');
    expect(JSON.stringify(welcome)).not.toContain('/sag-access');

    const help = (await sb.driver.slashCommand({ userId: requester.id, command: '/vpn', text: 'help' })).json as { text: string };
    expect(help.text).toContain('`/vpn status`');
    expect(help.text).not.toContain('/sag-access');
  });

  it('names /vpn when App Home refuses a cancel', async () => {
    // A pending request, so the home shows a Cancel button.
    const home = await openHome(sb, requester.id);
    await sb.driver.clickViewButton({ userId: requester.id, view: home, actionId: ACTION.openRequestModal });
    const update = await sb.slack.waitForCall('views.update');
    const modal = sb.slack.view(update.args.view_id as string)!;
    expect((await sb.driver.submitView({ userId: requester.id, view: modal, values: form({ userMail: requester.email, bandwidthKbps: '100' }) })).body).toBe('');
    const withCancel = await sb.waitUntil(() => {
      const v = sb.slack.homeView(requester.id);
      return v && JSON.stringify(v.blocks).includes(ACTION.cancelRequest) ? v : undefined;
    }, 'the Cancel button in My requests');

    // A click that carries no request id (a stale or tampered button) gets the how-to with the configured command.
    await sb.driver.clickViewButton({ userId: requester.id, view: withCancel, actionId: ACTION.cancelRequest, value: '' });
    const refusal = await sb.waitUntil(() => sb.slack.dmsTo(requester.id).find((m) => m.text.startsWith('Which request?')), 'the refusal DM');
    expect(refusal.text).toBe('Which request? `/vpn cancel <request id>` — `/vpn status` lists your requests and their ids.');
  });
});
