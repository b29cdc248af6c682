// Pieces the benchmark is built from: the sandbox world, app processes, one person's full request, statistics.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FakeSlack, type FakeMessage, type FakeSlackOptions, type FakeSlackUser, type RecordedCall } from '../src/sandbox/fake-slack';
import { SlackDriver, type DriverResponse } from '../src/sandbox/slack-driver';
import { SmartagEmulator } from '../src/sandbox/smartag-emulator';
import { sandboxEnv } from '../src/sandbox/sandbox';
import { PEOPLE, SANDBOX, SANDBOX_USERS } from '../src/sandbox/world';
import { ACTION, FIELD_BLOCK } from '../src/slack/blocks/ids';

export const ROOT = path.resolve(__dirname, '..');
export const CREATE = 'CreateSmartAccessGatewayClientUser';
/** Wall-clock milliseconds with sub-millisecond resolution, shared by the bench and its fakes. */
export const now = (): number => performance.timeOrigin + performance.now();
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------- statistics ----------

export interface Stats {
  n: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  const mean = sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1);
  return { n: sorted.length, p50: round(at(0.5)), p99: round(at(0.99)), max: round(sorted[sorted.length - 1] ?? NaN), mean: round(mean) };
}

export function median(samples: number[]): number {
  return stats(samples).p50;
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Runs task(0..total-1) with at most `concurrency` at a time. */
export async function runConcurrent(total: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
}

// ---------- the world: fake Slack, SmartAG emulator, bench people ----------

/** Requesters beyond the sandbox's five, so thousands of requests do not all come from one person. */
export const BENCH_REQUESTERS: FakeSlackUser[] = Array.from({ length: 200 }, (_, i) => {
  const n = String(i).padStart(3, '0');
  return { id: `U0BENCH${n}`, name: `bench${n}`, email: `bench${n}@example.com` };
});

export function newFakeSlack(extra: Partial<FakeSlackOptions> = {}): FakeSlack {
  return new FakeSlack({
    botToken: SANDBOX.botToken,
    users: [...SANDBOX_USERS, ...BENCH_REQUESTERS],
    usergroups: { [SANDBOX.approverGroupId]: [PEOPLE.groupApprover.id] },
    now,
    ...extra,
  });
}

export function newEmulator(): SmartagEmulator {
  return new SmartagEmulator({
    accessKeys: [{ id: SANDBOX.accessKeyId, secret: SANDBOX.accessKeySecret }],
    instances: [{ regionId: SANDBOX.regionId, instanceId: SANDBOX.instanceId, clientCidr: SANDBOX.clientCidr, userQuota: 1_000_000 }],
  });
}

const tempDirs: string[] = [];

export function tempDatabase(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sag-bench-${label}-`));
  tempDirs.push(dir);
  return path.join(dir, 'bot.db');
}

export function removeTempDatabases(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export function envFor(slack: FakeSlack, emulatorUrl: string, databasePath: string, port: number): Record<string, string> {
  return { ...sandboxEnv({ slackApiUrl: slack.apiUrl, emulatorUrl, databasePath }), PORT: String(port), LOG_LEVEL: 'warn' };
}

/** A driver whose slash commands report the trigger_id they carried, to match them with views.open. */
export function driverFor(slack: FakeSlack, port: number): { driver: SlackDriver; lastTrigger: () => string } {
  let last = '';
  const issuer = {
    teamId: slack.teamId,
    botUserId: slack.botUserId,
    issueTriggerId: () => (last = slack.issueTriggerId()),
    newResponseUrl: (kind: 'commands' | 'actions') => slack.newResponseUrl(kind),
  } as unknown as FakeSlack;
  return { driver: new SlackDriver({ url: `http://127.0.0.1:${port}/slack/events`, signingSecret: SANDBOX.signingSecret, fakeSlack: issuer }), lastTrigger: () => last };
}

// ---------- app processes ----------

export type AppKind = 'ours' | 'bare';

export interface AppProcess {
  kind: AppKind;
  port: number;
  child: ChildProcess;
  /** Last output, for diagnostics. */
  tail(): string;
  /** The Node process running the app (tsx runs it as its child). */
  appPid(): number;
  stop(): Promise<number | null>;
}

export function spawnApp(kind: AppKind, env: Record<string, string>): AppProcess {
  const script = kind === 'ours' ? 'src/main.ts' : 'bench/bare-bolt.ts';
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (c: Buffer) => (tail = (tail + c.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    kind,
    port: Number(env.PORT),
    child,
    tail: () => tail,
    appPid: () => childPids(child.pid!)[0] ?? child.pid!,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

function childPids(pid: number): number[] {
  try {
    return fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((tid) => fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/))
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** Resident set size in MB, from /proc. */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return round(kb / 1024, 1);
}

/** Time from spawn until a signed slash command is acknowledged (and, for the bot, /readyz says ready). */
export async function startAndWaitReady(kind: AppKind, env: Record<string, string>, slack: FakeSlack, timeoutMs = 60_000): Promise<{ app: AppProcess; servingMs: number; readyMs?: number }> {
  const t0 = now();
  const app = spawnApp(kind, env);
  const { driver } = driverFor(slack, app.port);
  const deadline = t0 + timeoutMs;
  let servingMs: number | undefined;
  let readyMs: number | undefined;
  while (servingMs === undefined || (kind === 'ours' && readyMs === undefined)) {
    if (now() > deadline || app.child.exitCode !== null) throw new Error(`${kind} did not become ready: ${app.tail()}`);
    if (servingMs === undefined) {
      const res = await driver.slashCommand({ userId: PEOPLE.requester.id }).catch(() => undefined);
      if (res?.status === 200) servingMs = now() - t0;
    }
    if (kind === 'ours' && readyMs === undefined) {
      const ready = await fetch(`http://127.0.0.1:${app.port}/readyz`).catch(() => undefined);
      if (ready?.status === 200) readyMs = now() - t0;
    }
    if (servingMs === undefined || (kind === 'ours' && readyMs === undefined)) await sleep(5);
  }
  return { app, servingMs: servingMs!, readyMs };
}

// ---------- waiting on the fakes ----------

export function waitForCall(slack: FakeSlack, method: string, predicate: (c: RecordedCall) => boolean, timeoutMs = 30_000): Promise<RecordedCall> {
  return slack.waitForCall(method, predicate, timeoutMs);
}

/** Polls the emulator's call log from `from` on; cheap because the log only grows between resets. */
export async function waitForEmulatorCall(emulator: SmartagEmulator, predicate: (params: Record<string, string>, action: string) => boolean, timeoutMs = 30_000): Promise<{ at: number }> {
  const deadline = Date.now() + timeoutMs;
  let from = 0;
  for (;;) {
    const calls = emulator.calls;
    for (let i = from; i < calls.length; i++) if (predicate(calls[i].params, calls[i].action)) return { at: calls[i].at.getTime() };
    from = calls.length;
    if (Date.now() > deadline) throw new Error('emulator: no matching call');
    await sleep(2);
  }
}

// ---------- one person's request, end to end ----------

export interface FlowTimes {
  ackMs: number;
  commandToViewsOpenMs: number;
  approveToCreateMs: number;
  submitToDmMs: number;
  approveToDmMs: number;
}

const adminMessageFrom = (call: RecordedCall): FakeMessage => {
  const m = call.response.message as { ts: string; text: string; blocks?: FakeMessage['blocks'] };
  return { channel: call.response.channel as string, ts: m.ts, text: m.text, blocks: m.blocks ?? [], user: 'U0BOT' };
};

/** Slash command → modal (pre-filled) → submission → admin message → Approve → account → the requester's "ready" DM. */
export async function fullRequest(ctx: { slack: FakeSlack; emulator: SmartagEmulator; port: number }, requesterId: string, accountMail: string): Promise<FlowTimes> {
  const { slack, emulator } = ctx;
  const { driver, lastTrigger } = driverFor(slack, ctx.port);
  const tCommand = now();
  const pending = driver.slashCommand({ userId: requesterId });
  const trigger = lastTrigger();
  const ack = await pending;
  if (ack.status !== 200) throw new Error(`slash command answered ${ack.status}`);
  const opened = await waitForCall(slack, 'views.open', (c) => c.args.trigger_id === trigger);
  const viewId = (opened.response.view as { id: string }).id;
  // A person seen recently gets the modal pre-filled at once; otherwise the pre-fill follows as views.update.
  const mailInput = slack.view(viewId)!.blocks.find((b) => b.block_id === FIELD_BLOCK.userMail) as { element?: { initial_value?: string } } | undefined;
  if (!mailInput?.element?.initial_value) {
    await waitForCall(slack, 'views.update', (c) => c.args.view_id === viewId);
  }
  const view = slack.view(viewId)!;

  const tSubmit = now();
  const submitted = await driver.submitView({ userId: requesterId, view, values: { [FIELD_BLOCK.userMail]: accountMail, [FIELD_BLOCK.bandwidthKbps]: '100' } });
  if (submitted.body !== '') throw new Error(`submission refused: ${submitted.body}`);
  const posted = await waitForCall(slack, 'chat.postMessage', (c) => c.args.channel === SANDBOX.adminChannelId && c.status === 200 && String(c.args.text).includes(accountMail));

  const tClickWall = Date.now();
  const tClick = now();
  await click(driver, adminMessageFrom(posted));
  const create = await waitForEmulatorCall(emulator, (p, action) => action === CREATE && p.UserMail === accountMail);
  const dm = slack.dmChannelFor(requesterId);
  const ready = await waitForCall(slack, 'chat.postMessage', (c) => c.args.channel === dm && String(c.args.text).includes('is ready') && String(c.args.text).includes(accountMail));
  return {
    ackMs: ack.elapsedMs,
    commandToViewsOpenMs: opened.at - tCommand,
    approveToCreateMs: create.at - tClickWall,
    submitToDmMs: ready.at - tSubmit,
    approveToDmMs: ready.at - tClick,
  };
}

async function click(driver: SlackDriver, message: FakeMessage): Promise<DriverResponse> {
  const res = await driver.clickButton({ userId: PEOPLE.approver.id, message, actionId: ACTION.approve });
  if (res.status !== 200) throw new Error(`approve click answered ${res.status}`);
  return res;
}
