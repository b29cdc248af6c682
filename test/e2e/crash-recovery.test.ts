// Crash recovery with a real SIGKILL: the bot runs as its own process, dies at each point between the
// approval and the stored outcome, and a fresh process on the same database finishes the request once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ACTION } from '../../src/slack/blocks/ids';
import { startBotProcess, type BotProcess } from '../../src/sandbox/bot-process';
import { FakeSlack, type FakeMessage, type FakeView } from '../../src/sandbox/fake-slack';
import { sandboxEnv } from '../../src/sandbox/sandbox';
import { SlackDriver } from '../../src/sandbox/slack-driver';
import { SmartagEmulator } from '../../src/sandbox/smartag-emulator';
import { PEOPLE, SANDBOX, SANDBOX_USERS } from '../../src/sandbox/world';
import { SqliteRequestStore } from '../../src/store/sqlite-store';
import type { AccessRequest } from '../../src/domain/request';
import { form } from './helpers';
import { waitUntil } from '../../src/sandbox/wait';

jest.setTimeout(90_000);

const { requester, approver, newHire } = PEOPLE;
const CREATE = 'CreateSmartAccessGatewayClientUser';

interface World {
  emulator: SmartagEmulator;
  slack: FakeSlack;
  env: Record<string, string>;
  databasePath: string;
  processes: BotProcess[];
}

async function startWorld(): Promise<World> {
  const emulator = new SmartagEmulator({
    accessKeys: [{ id: SANDBOX.accessKeyId, secret: SANDBOX.accessKeySecret }],
    instances: [{ regionId: SANDBOX.regionId, instanceId: SANDBOX.instanceId, clientCidr: SANDBOX.clientCidr }],
  });
  const slack = new FakeSlack({ botToken: SANDBOX.botToken, users: SANDBOX_USERS, usergroups: { [SANDBOX.approverGroupId]: [PEOPLE.groupApprover.id] } });
  const [{ url: emulatorUrl }, { apiUrl }] = await Promise.all([emulator.start(), slack.start()]);
  const databasePath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sag-crash-')), 'bot.db');
  return { emulator, slack, env: sandboxEnv({ slackApiUrl: apiUrl, emulatorUrl, databasePath }), databasePath, processes: [] };
}

const until = <T>(probe: () => T | undefined | false, what: string): Promise<T> => waitUntil(probe, what, 15_000, 20);

/** Reads the database the way an operator would while the bot runs: read-only, beside the live process. */
function readDb<T>(world: World, read: (store: SqliteRequestStore) => T): T {
  const store = new SqliteRequestStore(world.databasePath, { readonly: true });
  try {
    return read(store);
  } finally {
    store.close();
  }
}

/** Slash command, form, admin message, approval: the person's side, against a bot process. */
async function requestAndApprove(world: World, bot: BotProcess, values: Record<string, string | null>): Promise<string> {
  const driver = new SlackDriver({ url: bot.url, signingSecret: SANDBOX.signingSecret, fakeSlack: world.slack });
  const opened = world.slack.calls('views.open').length;
  expect((await driver.slashCommand({ userId: requester.id })).status).toBe(200);
  const open = await until(() => world.slack.calls('views.open').slice(opened).find((c) => c.response.ok), 'the modal');
  const viewId = (open.response.view as { id: string }).id;
  await until(() => world.slack.calls('views.update').some((c) => c.args.view_id === viewId), 'the e-mail pre-fill');
  const view = world.slack.view(viewId) as FakeView;
  const before = world.slack.messages(SANDBOX.adminChannelId).length;
  expect((await driver.submitView({ userId: requester.id, view, values })).body).toBe('');
  const admin: FakeMessage = await until(() => world.slack.messages(SANDBOX.adminChannelId)[before], 'the admin message');
  const id = /sagr_[0-9A-Za-z]{12}/.exec(JSON.stringify(admin.blocks))![0];
  expect((await driver.clickButton({ userId: approver.id, message: admin, actionId: ACTION.approve })).status).toBe(200);
  return id;
}

const readyDms = (world: World) => world.slack.dmsTo(requester.id).filter((m) => m.text.includes('is ready'));
const creates = (world: World) => world.emulator.calls.filter((c) => c.action === CREATE);
// Recovery asks about one account; the start-up access check asks about none.
const accountLookups = (world: World) => world.emulator.calls.filter((c) => c.action === 'DescribeSmartAccessGatewayClientUsers' && (c.params.UserName || c.params.UserMail));

interface KillPoint {
  name: string;
  /** Set on the first process only. */
  failpoint?: string;
  /** Arms the emulator before the approval. */
  faults?: Parameters<SmartagEmulator['setFaults']>[0];
  /** How the test knows the process stands at the kill point. */
  reached: (world: World, bot: BotProcess) => Promise<unknown>;
  values: Record<string, string | null>;
  leftIn: AccessRequest['status'];
  /** Create calls the emulator sees in all, and how many of them it performed. */
  createCalls: number;
  recoveredAs: 'found' | 'provisioned again';
}

const unnamed = form({ userMail: requester.email, bandwidthKbps: '256' });
const named = form({ userMail: newHire.email, bandwidthKbps: '512', userName: 'nina.vpn', clientIp: '10.10.0.9' });

const KILL_POINTS: KillPoint[] = [
  {
    name: 'after the approval is stored, before provisioning is claimed',
    failpoint: 'after-approve',
    reached: (_w, bot) => bot.waitForStderr(/FAILPOINT after-approve reached/),
    values: unnamed,
    leftIn: 'approved',
    createCalls: 1,
    recoveredAs: 'provisioned again',
  },
  {
    name: 'after provisioning is claimed, before the API call',
    failpoint: 'before-create',
    reached: (_w, bot) => bot.waitForStderr(/FAILPOINT before-create reached/),
    values: named,
    leftIn: 'provisioning',
    createCalls: 1,
    recoveredAs: 'provisioned again',
  },
  {
    name: 'during the API call (the cloud never answers and never performs it)',
    faults: { hangNext: 1 },
    reached: (w) => until(() => w.emulator.calls.some((c) => c.action === CREATE && c.outcome === 'hung'), 'the hung create'),
    values: unnamed,
    leftIn: 'provisioning',
    createCalls: 2,
    recoveredAs: 'provisioned again',
  },
  {
    name: 'after the account was created, before the outcome is stored (user name: the password is lost)',
    failpoint: 'after-create',
    reached: (_w, bot) => bot.waitForStderr(/FAILPOINT after-create reached/),
    values: named,
    leftIn: 'provisioning',
    createCalls: 1,
    recoveredAs: 'found',
  },
  {
    name: 'after the account was created, before the outcome is stored (no user name: found by e-mail)',
    failpoint: 'after-create',
    reached: (_w, bot) => bot.waitForStderr(/FAILPOINT after-create reached/),
    values: unnamed,
    leftIn: 'provisioning',
    createCalls: 1,
    recoveredAs: 'found',
  },
];

describe('crash recovery (the bot is SIGKILLed and started again on the same database)', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld();
  });
  afterEach(async () => {
    await Promise.all(world.processes.map((p) => p.kill('SIGKILL')));
    await Promise.all([world.slack.stop(), world.emulator.stop()]);
  });

  it.each(KILL_POINTS.map((k) => [k.name, k] as const))('killed %s: one account, the requester is told', async (_name, point) => {
    const first = await startBotProcess({ ...world.env, ...(point.failpoint ? { SAG_BOT_FAILPOINT: point.failpoint } : {}) });
    world.processes.push(first);
    if (point.faults) world.emulator.setFaults(point.faults);
    const id = await requestAndApprove(world, first, point.values);
    await point.reached(world, first);
    expect((await first.kill('SIGKILL')).signal).toBe('SIGKILL');

    const left = readDb(world, (s) => ({ request: s.get(id)!, audit: s.listAudit(undefined, id).map((a) => a.action) }));
    expect(left.request.status).toBe(point.leftIn);
    expect(readyDms(world)).toHaveLength(0);
    const performedBeforeRestart = world.emulator.users(SANDBOX.instanceId).length;

    const second = await startBotProcess(world.env);
    world.processes.push(second);
    const finished = await until(() => readDb(world, (s) => (s.get(id)!.status === 'provisioned' ? s.get(id) : undefined)), 'the recovered outcome');
    const dm = await until(() => readyDms(world)[0], 'the ready DM');

    // Exactly one account, the one asked for.
    const users = world.emulator.users(SANDBOX.instanceId);
    expect(users).toHaveLength(1);
    const mail = point.values.user_mail!;
    expect(users[0]).toMatchObject({ userMail: mail, userName: point.values.user_name ?? mail });
    expect(creates(world)).toHaveLength(point.createCalls);
    expect(performedBeforeRestart).toBe(point.recoveredAs === 'found' ? 1 : 0);
    // Recovery asked the cloud once, before anything else: by user name, or by e-mail when none was given.
    expect(accountLookups(world)).toHaveLength(1);
    expect(accountLookups(world)[0].params).toMatchObject(point.values.user_name ? { UserName: point.values.user_name } : { UserMail: mail });
    const lookupAt = world.emulator.calls.indexOf(accountLookups(world)[0]);
    const lastCreateAt = world.emulator.calls.indexOf(creates(world).at(-1)!);
    // Found: nothing was created after the lookup. Not found: the one create came after it.
    if (point.recoveredAs === 'found') expect(lastCreateAt).toBeLessThan(lookupAt);
    else expect(lookupAt).toBeLessThan(lastCreateAt);

    expect(dm.text).toContain(mail);
    expect(readyDms(world)).toHaveLength(1);
    const audit = readDb(world, (s) => s.listAudit(undefined, id));
    // Nothing the first process wrote was lost; recovery wrote what it did.
    expect(audit.slice(0, left.audit.length).map((a) => a.action)).toEqual(left.audit);
    expect(audit.filter((a) => a.action === 'approved')).toHaveLength(1);
    const recovered = audit.filter((a) => a.action === 'recovered');
    expect(recovered).toHaveLength(1);
    expect(recovered[0].detail).toMatchObject({ from: point.leftIn, accountFound: point.recoveredAs === 'found' });
    expect(world.slack.messages(SANDBOX.adminChannelId).at(-1)!.text).toContain('VPN account created');

    if (point.values.user_name) {
      // The account holder gets a password that works, whether it was made now or reset for the found account.
      const creds = await until(() => world.slack.dmsTo(newHire.id).find((m) => m.text.includes('Password:')), 'the credentials DM');
      const password = /Password: `([^`]+)`/.exec(creds.text)![1];
      expect(world.emulator.passwordMatches(SANDBOX.instanceId, 'nina.vpn', password)).toBe(true);
      const resets = world.emulator.calls.filter((c) => c.action === 'ResetSmartAccessGatewayClientUserPassword');
      expect(resets).toHaveLength(point.recoveredAs === 'found' ? 1 : 0);
      expect(finished.account).toMatchObject({ userName: 'nina.vpn', clientIp: '10.10.0.9' });
      expect(second.logs.join('\n')).not.toContain(password);
    }
    expect((await second.kill('SIGTERM')).code).toBe(0);
  });

  it('killed after the outcome is stored, before anyone is told: the next start announces it with a working password', async () => {
    const first = await startBotProcess({ ...world.env, SAG_BOT_FAILPOINT: 'before-announce' });
    world.processes.push(first);
    const id = await requestAndApprove(world, first, named);
    await first.waitForStderr(/FAILPOINT before-announce reached/);
    await first.kill('SIGKILL');
    expect(readDb(world, (s) => s.get(id)!.status)).toBe('provisioned');
    expect(readyDms(world)).toHaveLength(0);

    const second = await startBotProcess(world.env);
    world.processes.push(second);
    const creds = await until(() => world.slack.dmsTo(newHire.id).find((m) => m.text.includes('Password:')), 'the credentials DM');
    const password = /Password: `([^`]+)`/.exec(creds.text)![1];
    // The first password died with the process; the one sent now is the one that works.
    expect(world.emulator.passwordMatches(SANDBOX.instanceId, 'nina.vpn', password)).toBe(true);
    await until(() => readyDms(world)[0], 'the ready DM');
    expect(creates(world)).toHaveLength(1);
    const audit = await until(() => {
      const a = readDb(world, (s) => s.listAudit(undefined, id));
      return a.some((e) => e.action === 'announced') ? a : undefined;
    }, 'the announced mark');
    expect(audit.filter((a) => a.action === 'recovered').map((a) => a.detail)).toEqual([expect.objectContaining({ from: 'provisioned', next: 'announce', passwordReset: true })]);
    expect((await second.kill('SIGTERM')).code).toBe(0);

    // Announced once: a third start has nothing left to tell.
    const third = await startBotProcess(world.env);
    world.processes.push(third);
    expect((await third.kill('SIGTERM')).code).toBe(0);
    expect(readyDms(world)).toHaveLength(1);
  });

  it('a restart with nothing unfinished asks the cloud nothing and changes nothing', async () => {
    const bot = await startBotProcess(world.env);
    world.processes.push(bot);
    const id = await requestAndApprove(world, bot, unnamed);
    await until(() => readyDms(world)[0], 'the ready DM');
    // Everything is finished only once the outcome is marked announced (the last write after the DMs).
    await until(() => readDb(world, (s) => s.listAudit(undefined, id).some((a) => a.action === 'announced')), 'the announced mark');
    await bot.kill('SIGKILL');
    const again = await startBotProcess(world.env);
    world.processes.push(again);
    // SIGTERM waits for the start-up recovery sweep, so whatever it would do is done when the process exits.
    expect((await again.kill('SIGTERM')).code).toBe(0);
    expect(creates(world)).toHaveLength(1);
    expect(accountLookups(world)).toHaveLength(0);
    expect(readDb(world, (s) => s.listAudit(undefined, id).filter((a) => a.action === 'recovered'))).toHaveLength(0);
  });
});
