// Every seed error code, produced by the emulator over HTTP, as the requester, the approvers and the store see it;
// retries that heal on their own, and the Retry button when they do not.
import { describeCloudFailure, SEED_CREATE_ERROR_CODES } from '../../src/domain/cloud-errors';
import { ACTION, FIELD_BLOCK } from '../../src/slack/blocks/ids';
import { escapeMrkdwn } from '../../src/slack/mrkdwn';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/sandbox';
import type { FakeMessage } from '../../src/sandbox/fake-slack';
import { PEOPLE, SANDBOX } from '../../src/sandbox/world';
import type { CreateClientUserInput, SmartagApi } from '../../src/services/ports';

const { requester, approver, newHire, bystander } = PEOPLE;
const CREATE = 'CreateSmartAccessGatewayClientUser';

type Form = Partial<Record<keyof typeof FIELD_BLOCK, string>>;

function form(values: Form): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(values)) out[FIELD_BLOCK[k as keyof typeof FIELD_BLOCK]] = v ?? null;
  return out;
}

const textOf = (m: FakeMessage | undefined) => (m ? `${m.text}\n${JSON.stringify(m.blocks)}` : '');
const requestIdIn = (m: FakeMessage) => /sagr_[0-9A-Za-z]{12}/.exec(JSON.stringify(m.blocks))![0];
const buttonsOf = (m: FakeMessage | undefined) =>
  (m?.blocks ?? []).filter((b) => b.type === 'actions').flatMap((b) => (b.elements as Array<{ action_id: string }>).map((e) => e.action_id));

/** Changes what reaches the real client: the bot's own validation would never send these values. */
function tamper(change: (input: CreateClientUserInput) => CreateClientUserInput): SandboxOptions['wrapSmartag'] {
  return (api: SmartagApi): SmartagApi => ({
    createClientUser: (input) => api.createClientUser(change(input)),
    describeClientUsers: (query) => api.describeClientUsers(query),
  });
}

async function submit(sb: Sandbox, userId: string, values: Form): Promise<{ id: string; admin: FakeMessage }> {
  const before = sb.slack.messages(SANDBOX.adminChannelId).length;
  const res = await sb.submitRequest(userId, form(values));
  expect(res.body).toBe('');
  const admin = await sb.waitUntil(() => sb.slack.messages(SANDBOX.adminChannelId)[before], 'the admin message');
  return { id: requestIdIn(admin), admin };
}

/** Submits, approves and waits until the outcome reached the requester's DMs. */
async function approveAndSettle(sb: Sandbox, userId: string, values: Form): Promise<{ id: string; dm: FakeMessage; admin: FakeMessage }> {
  const { id, admin } = await submit(sb, userId, values);
  await sb.click(approver.id, admin, ACTION.approve);
  const dm = await sb.waitUntil(
    () => sb.slack.dmsTo(userId).find((m) => m.text.includes(id) && /:red_circle:|:large_green_circle:/.test(m.text)),
    `the outcome DM for ${id}`,
  );
  return { id, dm, admin: sb.adminMessageFor(id)! };
}

const shownCodes = new Set<string>();

function expectFailureShown(sb: Sandbox, outcome: { id: string; dm: FakeMessage; admin: FakeMessage }, code: string): void {
  shownCodes.add(code);
  const stored = sb.bot.store.get(outcome.id)!;
  // (c) the store
  expect(stored).toMatchObject({ status: 'failed', failure: { code, retryable: false } });
  const requestId = stored.failure!.cloudRequestId!;
  expect(requestId).toMatch(/^[0-9A-F-]{36}$/);
  // The emulator answered it over HTTP with this very code.
  expect(sb.emulator.calls.filter((c) => c.action === CREATE).map((c) => [c.httpStatus, c.code])).toContainEqual([400, code]);
  const said = describeCloudFailure(code, 'en');
  // (a) the requester's DM: their sentence, the code and the RequestId for support
  expect(outcome.dm.text).toContain(escapeMrkdwn(said.requester));
  expect(outcome.dm.text).toContain(`code \`${code}\``);
  expect(outcome.dm.text).toContain(requestId);
  expect(outcome.dm.text).not.toContain(escapeMrkdwn(said.operator));
  // (b) the admin message: what to fix, the code, the RequestId, and no Retry since a retry cannot help
  const admin = textOf(outcome.admin);
  expect(admin).toContain('VPN account could not be created');
  expect(admin).toContain(escapeMrkdwn(said.operator));
  expect(admin).toContain(requestId);
  expect(admin).toContain('a retry will not help');
  expect(buttonsOf(outcome.admin)).toEqual([]);
}

describe('seed error codes as people see them', () => {
  let sb: Sandbox | undefined;
  afterEach(async () => {
    await sb?.stop();
    sb = undefined;
  });

  it('ClientUser.UserExist: the same user name asked for twice', async () => {
    sb = await startSandbox();
    const first = await approveAndSettle(sb, newHire.id, { userMail: newHire.email, bandwidthKbps: '100', userName: 'shared.vpn' });
    expect(sb.bot.store.get(first.id)!.status).toBe('provisioned');
    const second = await approveAndSettle(sb, bystander.id, { userMail: bystander.email, bandwidthKbps: '100', userName: 'shared.vpn' });
    expectFailureShown(sb, second, 'ClientUser.UserExist');
    expect(sb.emulator.users(SANDBOX.instanceId).map((u) => u.userMail)).toEqual([newHire.email]);
  });

  it('ClientUser.UserOverLimit: the instance quota is used up', async () => {
    sb = await startSandbox({ instance: { userQuota: 1 } });
    await approveAndSettle(sb, newHire.id, { userMail: newHire.email, bandwidthKbps: '100' });
    const second = await approveAndSettle(sb, bystander.id, { userMail: bystander.email, bandwidthKbps: '100' });
    expectFailureShown(sb, second, 'ClientUser.UserOverLimit');
    expect(textOf(second.admin)).toMatch(/quota/);
  });

  it('SAG.CidrEmpty: neither the instance nor the bot has a client CIDR', async () => {
    sb = await startSandbox({ instance: { clientCidr: null }, env: { SAG_CLIENT_CIDR: '' } });
    expectFailureShown(sb, await approveAndSettle(sb, requester.id, { userMail: requester.email, bandwidthKbps: '100' }), 'SAG.CidrEmpty');
  });

  it('ClientUser.InvalidClientIp: the bot knows no CIDR and the address lies outside the instance block', async () => {
    sb = await startSandbox({ env: { SAG_CLIENT_CIDR: '' } });
    const outcome = await approveAndSettle(sb, requester.id, { userMail: requester.email, bandwidthKbps: '100', clientIp: '192.168.50.7' });
    expectFailureShown(sb, outcome, 'ClientUser.InvalidClientIp');
  });

  it('ClientUser.BandwidthInvalid: the instance allows less than the bot offers', async () => {
    sb = await startSandbox({ instance: { maxBandwidthKbps: 1000 } });
    expectFailureShown(sb, await approveAndSettle(sb, requester.id, { userMail: requester.email, bandwidthKbps: '1500' }), 'ClientUser.BandwidthInvalid');
  });

  it.each([
    ['ClientUser.EmailEmpty', 'the e-mail blanked', (i: CreateClientUserInput) => ({ ...i, userMail: '' })],
    ['ClientUser.EmailInvalid', 'the e-mail mangled', (i: CreateClientUserInput) => ({ ...i, userMail: 'steve@@example' })],
    ['ClientUser.IpEmpty', 'the fixed IP blanked', (i: CreateClientUserInput) => ({ ...i, clientIp: '' })],
    ['ClientUser.IpInvalid', 'the fixed IP mangled', (i: CreateClientUserInput) => ({ ...i, clientIp: '10.10.0.999' })],
    ['ClientUser.NameEmpty', 'the user name blanked, password kept', (i: CreateClientUserInput) => ({ ...i, credentials: { userName: '', password: i.credentials!.password } })],
    ['ClientUser.NameInvalid', 'the user name mangled', (i: CreateClientUserInput) => ({ ...i, credentials: { userName: '-x', password: i.credentials!.password } })],
  ])('%s (tampered after the bot validated: %s)', async (code, _how, change) => {
    sb = await startSandbox({ wrapSmartag: tamper(change) });
    const outcome = await approveAndSettle(sb, requester.id, { userMail: requester.email, bandwidthKbps: '100', clientIp: '10.10.0.30', userName: 'steve.vpn' });
    expectFailureShown(sb, outcome, code);
    // A failed create never hands out the generated password.
    expect(sb.slack.dmsTo(requester.id).some((m) => m.text.includes('Password'))).toBe(false);
  });

  // Last in this block: every seed code was produced and shown by one of the tests above.
  it('has shown all eleven seed codes', () => {
    expect([...shownCodes].sort()).toEqual([...SEED_CREATE_ERROR_CODES].sort());
    expect(shownCodes.size).toBe(11);
  });
});

describe('retries', () => {
  let sb: Sandbox;
  afterEach(async () => {
    await sb.stop();
  });

  it('heals a 503 and a throttled answer without anyone noticing, creating one account', async () => {
    sb = await startSandbox();
    sb.emulator.setFaults({ serverErrorNext: 1, throttleEveryNth: 2 });
    const outcome = await approveAndSettle(sb, requester.id, { userMail: requester.email, bandwidthKbps: '100' });
    expect(outcome.dm.text).toContain('is ready');
    expect(sb.emulator.calls.filter((c) => c.action === CREATE).map((c) => [c.httpStatus, c.code ?? null])).toEqual([
      [503, 'ServiceUnavailable'],
      [400, 'Throttling.User'],
      [200, null],
    ]);
    expect(sb.emulator.users(SANDBOX.instanceId)).toHaveLength(1);
    expect(sb.bot.store.get(outcome.id)).toMatchObject({ status: 'provisioned', attempts: 1 });
    expect(textOf(outcome.admin)).toContain('VPN account created');
  });

  it('settles a create whose answer was lost by asking Describe, not by creating again', async () => {
    sb = await startSandbox();
    sb.emulator.setFaults({ loseResponseNext: 1 });
    const outcome = await approveAndSettle(sb, requester.id, { userMail: requester.email, bandwidthKbps: '100' });
    expect(outcome.dm.text).toContain('is ready');
    expect(sb.emulator.calls.filter((c) => c.action === CREATE).map((c) => c.outcome)).toEqual(['lost']);
    expect(sb.emulator.users(SANDBOX.instanceId)).toHaveLength(1);
  });

  it('gives up on a silent endpoint within the configured read timeout, never creating twice, and offers Retry', async () => {
    sb = await startSandbox({ env: { SAG_READ_TIMEOUT_MS: '200', SAG_MAX_ATTEMPTS: '2' } });
    sb.emulator.setFaults({ hangNext: 10 });
    const atStart = sb.emulator.calls.length;
    const started = Date.now();
    const failed = await approveAndSettle(sb, requester.id, { userMail: requester.email, bandwidthKbps: '100' });
    const tookMs = Date.now() - started;
    expect(sb.bot.store.get(failed.id)).toMatchObject({ status: 'failed', failure: { code: 'Timeout', retryable: true } });
    // One create, then only Describe asks whether it happened: an unanswered create is never sent again blind.
    expect(sb.emulator.calls.slice(atStart).map((c) => `${c.action.replace(/SmartAccessGatewayClientUsers?/, '')} ${c.outcome}`)).toEqual(['Create hung', 'Describe hung', 'Describe hung']);
    expect(tookMs).toBeLessThan(3000);
    expect(buttonsOf(failed.admin)).toEqual([ACTION.retry]);
  });

  it('shows Retry when the service stays unavailable beyond the retry budget; only an approver may use it, and it provisions once', async () => {
    sb = await startSandbox({ env: { SAG_MAX_ATTEMPTS: '2' } });
    sb.emulator.setFaults({ serverErrorNext: 2 });
    const failed = await approveAndSettle(sb, requester.id, { userMail: requester.email, bandwidthKbps: '100' });
    expect(sb.bot.store.get(failed.id)).toMatchObject({ status: 'failed', failure: { code: 'ServiceUnavailable', retryable: true } });
    expect(failed.dm.text).toContain(escapeMrkdwn(describeCloudFailure('ServiceUnavailable', 'en').requester));
    expect(textOf(failed.admin)).toContain('a retry can help');
    expect(buttonsOf(failed.admin)).toEqual([ACTION.retry]);
    expect(sb.emulator.calls.filter((c) => c.action === CREATE)).toHaveLength(2);

    await sb.click(bystander.id, failed.admin, ACTION.retry);
    const refusal = await sb.waitUntil(() => sb.slack.ephemerals(bystander.id)[0], 'the refusal');
    expect(refusal.text).toMatch(/Only configured approvers/);
    expect(sb.bot.store.get(failed.id)!.status).toBe('failed');
    expect(sb.emulator.calls.filter((c) => c.action === CREATE)).toHaveLength(2);

    await sb.click(approver.id, failed.admin, ACTION.retry);
    await sb.waitUntil(() => sb.slack.dmsTo(requester.id).find((m) => m.text.includes('is ready')), 'the ready DM');
    expect(sb.bot.store.get(failed.id)).toMatchObject({ status: 'provisioned', attempts: 2 });
    expect(sb.emulator.calls.filter((c) => c.action === CREATE).map((c) => c.httpStatus)).toEqual([503, 503, 200]);
    expect(sb.emulator.users(SANDBOX.instanceId)).toHaveLength(1);
    expect(buttonsOf(sb.adminMessageFor(failed.id))).toEqual([]);
    expect(sb.bot.store.listAudit(undefined, failed.id).map((a) => a.action)).toEqual(expect.arrayContaining(['failed', 'retried', 'provisioned']));

    // A second click on the old Retry button changes nothing.
    await sb.click(approver.id, failed.admin, ACTION.retry);
    await sb.waitUntil(() => sb.slack.ephemerals(approver.id)[0], 'the already-handled refusal');
    expect(sb.emulator.calls.filter((c) => c.action === CREATE)).toHaveLength(3);
  });
});

describe('in Chinese (BOT_LOCALE=zh-CN)', () => {
  let sb: Sandbox;
  afterEach(async () => {
    await sb.stop();
  });

  it('tells the requester and the approvers about a failure in Chinese, templates included', async () => {
    sb = await startSandbox({ env: { BOT_LOCALE: 'zh-CN' }, instance: { userQuota: 0 } });
    const outcome = await approveAndSettle(sb, requester.id, { userMail: requester.email, bandwidthKbps: '100' });
    const zh = describeCloudFailure('ClientUser.UserOverLimit', 'zh-CN');
    expect(outcome.dm.text).toContain(escapeMrkdwn(zh.requester));
    expect(outcome.dm.text).toContain('未能创建');
    expect(outcome.dm.text).toContain('错误码 `ClientUser.UserOverLimit`');
    expect(outcome.dm.text).not.toMatch(/could not be created|request `/);
    const admin = textOf(outcome.admin);
    expect(admin).toContain(escapeMrkdwn(zh.operator));
    expect(admin).toContain('VPN 账号未能创建');
    expect(admin).toContain('需要处理');
    expect(admin).not.toMatch(/What to fix|could not be created|Requested by|a retry will not help/);
    // The waiting DM and the form were Chinese too.
    expect(sb.slack.dmsTo(requester.id).some((m) => m.text.includes('正在等待审批'))).toBe(true);
    expect(JSON.stringify(sb.slack.openedViews()[0]?.title)).toContain('VPN 访问');
  });

  it('refuses a non-approver in Chinese', async () => {
    sb = await startSandbox({ env: { BOT_LOCALE: 'zh-CN' } });
    const { admin } = await submit(sb, requester.id, { userMail: requester.email, bandwidthKbps: '100' });
    await sb.click(bystander.id, admin, ACTION.approve);
    const refusal = await sb.waitUntil(() => sb.slack.ephemerals(bystander.id)[0], 'the refusal');
    expect(refusal.text).toContain('只有配置的审批人');
  });
});
