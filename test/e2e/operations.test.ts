// Operating the bot: health and readiness probes, a stop that finishes provisioning in flight, start-up lines without secrets.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ACTION, FIELD_BLOCK } from '../../src/slack/blocks/ids';
import { RESTARTING_TEXT } from '../../src/slack/draining-gate';
import { startSandbox, sandboxEnv, type Sandbox } from '../../src/sandbox/sandbox';
import { FakeSlack, type FakeMessage } from '../../src/sandbox/fake-slack';
import { SlackDriver } from '../../src/sandbox/slack-driver';
import { SmartagEmulator } from '../../src/sandbox/smartag-emulator';
import { SqliteRequestStore } from '../../src/store/sqlite-store';
import { PEOPLE, SANDBOX, SANDBOX_USERS } from '../../src/sandbox/world';
import { waitUntil } from '../../src/sandbox/wait';

const { requester, approver } = PEOPLE;
const ROOT = path.resolve(__dirname, '../..');
const CREATE = 'CreateSmartAccessGatewayClientUser';

async function get(port: number | undefined, route: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${port}${route}`);
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const until = <T>(probe: () => T | undefined | false, what: string): Promise<T> => waitUntil(probe, what, 20_000, 20);

describe('health and readiness (HTTP mode)', () => {
  let sb: Sandbox;
  afterEach(async () => {
    await sb.stop();
  });

  it('is healthy and ready once Slack auth and the SmartAG check passed, and unhealthy when the database is gone', async () => {
    sb = await startSandbox();
    expect(sb.slack.calls('auth.test').length).toBeGreaterThan(0);
    expect(await get(sb.bot.port, '/healthz')).toEqual({ status: 200, json: { status: 'ok', database: 'ok' } });
    expect(await get(sb.bot.port, '/readyz')).toEqual({ status: 200, json: { ready: true, draining: false, checks: { database: 'ok', slack: 'ok', smartag: 'ok' } } });
    sb.bot.store.close();
    expect(await get(sb.bot.port, '/healthz')).toEqual({ status: 503, json: { status: 'failing', database: 'unreachable' } });
    expect((await get(sb.bot.port, '/readyz')).status).toBe(503);
  });

  it('is alive but not ready while the SmartAG instance cannot be reached', async () => {
    sb = await startSandbox({ env: { SAG_INSTANCE_ID: 'sag-doesnotexist' } });
    expect((await get(sb.bot.port, '/healthz')).status).toBe(200);
    const ready = await get(sb.bot.port, '/readyz');
    expect(ready).toEqual({ status: 503, json: { ready: false, draining: false, checks: { database: 'ok', slack: 'ok', smartag: 'not ready' } } });
    // The body names states only: the port is public, the instance id and the reason go to the log.
    expect(JSON.stringify(ready.json)).not.toContain('sag-doesnotexist');
  });
});

describe('stopping in process', () => {
  let sb: Sandbox;
  afterEach(async () => {
    await sb.stop().catch(() => undefined);
  });

  it('finishes the provisioning in flight and turns new work away with a sentence while it does', async () => {
    sb = await startSandbox();
    const view = await sb.openRequestModal(requester.id);
    await sb.submitRequest(requester.id, { [FIELD_BLOCK.userMail]: requester.email, [FIELD_BLOCK.bandwidthKbps]: '300' }, view);
    const admin = await sb.waitUntil(() => sb.latestAdminMessage(), 'the admin message');
    sb.emulator.setFaults({ latencyMs: 1500 });
    await sb.click(approver.id, admin, ACTION.approve);
    await sb.waitUntil(() => sb.emulator.calls.find((c) => c.action === CREATE), 'the Create call');

    const stopped = sb.bot.stop();
    await sb.waitUntil(() => sb.bot.inFlight.draining, 'draining');
    expect(await get(sb.bot.port, '/readyz')).toMatchObject({ status: 503, json: { ready: false, draining: true } });
    const command = await sb.driver.slashCommand({ userId: PEOPLE.bystander.id });
    expect(command.json).toEqual({ response_type: 'ephemeral', text: RESTARTING_TEXT });
    const submission = await sb.driver.submitView({ userId: PEOPLE.bystander.id, view, values: { [FIELD_BLOCK.userMail]: PEOPLE.bystander.email, [FIELD_BLOCK.bandwidthKbps]: '100' } });
    expect(submission.json).toEqual({ response_action: 'errors', errors: { [FIELD_BLOCK.userMail]: RESTARTING_TEXT } });
    expect(sb.slack.calls('views.open')).toHaveLength(1);

    await stopped;
    expect(sb.emulator.users(SANDBOX.instanceId)).toEqual([expect.objectContaining({ userMail: requester.email, bandwidthKbps: 300 })]);
    expect(sb.slack.dmsTo(requester.id).some((m) => m.text.includes('is ready'))).toBe(true);
    const store = new SqliteRequestStore(sb.databasePath, { readonly: true });
    try {
      expect(store.listByRequester(requester.id).map((r) => r.status)).toEqual(['provisioned']);
      expect(store.listByRequester(PEOPLE.bystander.id)).toEqual([]);
    } finally {
      store.close();
    }
  });
});

// ---------- the real process: `tsx src/main.ts` ----------

interface World {
  slack: FakeSlack;
  emulator: SmartagEmulator;
  env: Record<string, string>;
  databasePath: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startWorld(extraEnv: Record<string, string> = {}, socketMode = false): Promise<World> {
  const emulator = new SmartagEmulator({
    accessKeys: [{ id: SANDBOX.accessKeyId, secret: SANDBOX.accessKeySecret }],
    instances: [{ regionId: SANDBOX.regionId, instanceId: SANDBOX.instanceId, clientCidr: SANDBOX.clientCidr }],
  });
  const slack = new FakeSlack({ botToken: SANDBOX.botToken, users: SANDBOX_USERS, appToken: socketMode ? SANDBOX.appToken : undefined });
  const [{ url: emulatorUrl }, { apiUrl }] = await Promise.all([emulator.start(), slack.start()]);
  const databasePath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sag-bot-proc-')), 'bot.db');
  const env: Record<string, string> = { ...sandboxEnv({ slackApiUrl: apiUrl, emulatorUrl, databasePath }), PORT: String(await freePort()), ...extraEnv };
  if (socketMode) env.SLACK_APP_TOKEN = SANDBOX.appToken;
  return { slack, emulator, env, databasePath, stop: async () => void (await Promise.all([slack.stop(), emulator.stop()])) };
}

interface BotProcess {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
}

function spawnBot(env: Record<string, string>): BotProcess {
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['src/main.ts'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env } });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

const messages = (out: string) =>
  out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => (JSON.parse(l) as { msg: string }).msg);

describe('the bot process', () => {
  let world: World | undefined;
  let bot: BotProcess | undefined;
  afterEach(async () => {
    if (bot && bot.child.exitCode === null) bot.child.kill('SIGKILL');
    await world?.stop();
    world = undefined;
    bot = undefined;
  });

  it('prints one line per operator fact at start-up and no secret', async () => {
    world = await startWorld();
    bot = spawnBot(world.env);
    await until(() => bot!.output().includes('database '), 'the start-up lines');
    const lines = messages(bot.output());
    expect(lines).toEqual(
      expect.arrayContaining([
        'SAG Access Bot started in HTTP mode',
        `port ${world.env.PORT}: POST /slack/events, GET /healthz, GET /readyz`,
        `admin channel ${SANDBOX.adminChannelId}`,
        `SmartAG instance ${SANDBOX.instanceId} in ${SANDBOX.regionId}`,
        `SmartAG endpoint ${world.env.SAG_ENDPOINT}`,
        `database ${world.databasePath}`,
      ]),
    );
    bot.child.kill('SIGINT');
    expect(await bot.exited).toBe(0);
    for (const secret of [SANDBOX.botToken, SANDBOX.signingSecret, SANDBOX.accessKeySecret]) expect(bot.output()).not.toContain(secret);
  });

  it('says it opens no port in Socket Mode, and stops on SIGTERM', async () => {
    world = await startWorld({}, true);
    bot = spawnBot(world.env);
    await until(() => bot!.output().includes('database '), 'the start-up lines');
    expect(messages(bot.output())).toEqual(expect.arrayContaining(['SAG Access Bot started in Socket Mode', expect.stringMatching(/^port: none/)]));
    await expect(fetch(`http://127.0.0.1:${world.env.PORT}/healthz`)).rejects.toThrow();
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    for (const secret of [SANDBOX.botToken, SANDBOX.signingSecret, SANDBOX.accessKeySecret, SANDBOX.appToken]) expect(bot.output()).not.toContain(secret);
  });

  it('on SIGTERM mid-provisioning finishes the account, stores the outcome, sends the DM and exits 0', async () => {
    world = await startWorld();
    const w = world;
    bot = spawnBot(w.env);
    const port = Number(w.env.PORT);
    await until(() => bot!.output().includes('database '), 'the start-up lines');
    const driver = new SlackDriver({ url: `http://127.0.0.1:${port}/slack/events`, signingSecret: SANDBOX.signingSecret, fakeSlack: w.slack });

    expect((await driver.slashCommand({ userId: requester.id })).status).toBe(200);
    const opened = await w.slack.waitForCall('views.open');
    await w.slack.waitForCall('views.update');
    const view = w.slack.view((opened.response.view as { id: string }).id)!;
    await driver.submitView({ userId: requester.id, view, values: { [FIELD_BLOCK.userMail]: requester.email, [FIELD_BLOCK.bandwidthKbps]: '700' } });
    const admin = await until(() => w.slack.messages(SANDBOX.adminChannelId)[0], 'the admin message');

    w.emulator.setFaults({ latencyMs: 2000 });
    await driver.clickButton({ userId: approver.id, message: admin as FakeMessage, actionId: ACTION.approve });
    await until(() => w.emulator.calls.find((c) => c.action === CREATE), 'the Create call');
    bot.child.kill('SIGTERM');
    await until(() => bot!.output().includes('SIGTERM: taking no new work'), 'the stop to begin');
    const during = await driver.slashCommand({ userId: PEOPLE.bystander.id });
    expect(during.json).toEqual({ response_type: 'ephemeral', text: RESTARTING_TEXT });

    expect(await bot.exited).toBe(0);
    expect(w.emulator.users(SANDBOX.instanceId)).toEqual([expect.objectContaining({ userMail: requester.email, bandwidthKbps: 700 })]);
    expect(w.slack.dmsTo(requester.id).some((m) => m.text.includes('is ready'))).toBe(true);
    const store = new SqliteRequestStore(w.databasePath, { readonly: true });
    try {
      const [request] = store.listByRequester(requester.id);
      expect(request).toMatchObject({ status: 'provisioned', decidedBy: approver.id });
      expect(store.listAudit(undefined, request.id).map((a) => a.action)).toEqual(expect.arrayContaining(['approved', 'provisioning', 'provisioned']));
    } finally {
      store.close();
    }
    expect(messages(bot.output())).toEqual(expect.arrayContaining(['work in flight finished', 'stopped']));
  }, 40_000);
});
