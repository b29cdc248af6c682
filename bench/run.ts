// `npm run bench`: the bot against a bare Bolt app (the floor on this machine), on the sandbox.
// BENCH_SCALE (default 1) multiplies every request count, e.g. BENCH_SCALE=0.1 for a quick look.
// Prints a table and writes bench/results/latest.json. Not part of `npm test`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logging';
import { startBot } from '../src/run';
import { SlackDriver } from '../src/sandbox/slack-driver';
import { PEOPLE, SANDBOX } from '../src/sandbox/world';
import { ACTION, FIELD_BLOCK } from '../src/slack/blocks/ids';
import type { FakeMessage, FakeSlack } from '../src/sandbox/fake-slack';
import type { SmartagEmulator } from '../src/sandbox/smartag-emulator';
import {
  BENCH_REQUESTERS, CREATE, ROOT, driverFor, envFor, freePort, fullRequest, median, newEmulator, newFakeSlack, now, round,
  removeTempDatabases, rssMb, runConcurrent, sleep, startAndWaitReady, stats, tempDatabase, waitForEmulatorCall, type AppKind, type AppProcess, type FlowTimes, type Stats,
} from './harness';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const scaled = (n: number, min = 1) => Math.max(min, Math.round(n * SCALE));
const COUNTS = {
  starts: Number(process.env.BENCH_STARTS ?? 5),
  warmup: scaled(100, 10),
  ack: { 1: scaled(300, 20), 20: scaled(1000, 40), 100: scaled(2000, 200) } as Record<number, number>,
  approve: scaled(200, 20),
  slowCloud: scaled(100, 10),
  leak: scaled(10_000, 200),
  burst: 200,
};
const LEAK_CONCURRENCY = 16;
const LEAK_BATCH = 500;
// In the burst, one Slack second lasts this many ms (fake rate window and Retry-After, and the bot's waits).
const BURST_SECOND_MS = 50;

const say = (line = '') => process.stdout.write(`${line}\n`);
const results: Record<string, unknown> = {};

interface Subject {
  kind: AppKind;
  slack: FakeSlack;
  emulator: SmartagEmulator;
  emulatorUrl: string;
  databasePath: string;
  app?: AppProcess;
}

async function main(): Promise<void> {
  const began = Date.now();
  // Other work on the machine skews every figure; the load average is recorded with them.
  results.loadAverageAtStart = os.loadavg().map((x) => round(x));
  say(`SAG Access Bot benchmark — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, BENCH_SCALE=${SCALE}`);
  const subjects: Record<AppKind, Subject> = { ours: await subject('ours'), bare: await subject('bare') };
  try {
    await startUp(subjects);
    for (const s of Object.values(subjects)) {
      const started = await startAndWaitReady(s.kind, await env(s), s.slack);
      s.app = started.app;
    }
    await sleep(1000);
    const idle = { ours: rssMb(subjects.ours.app!.appPid()), bare: rssMb(subjects.bare.app!.appPid()) };
    results.rssIdleMb = idle;
    say(`  RSS idle: ours ${idle.ours} MB, bare ${idle.bare} MB`);

    await ackLatency(subjects);
    await approveToCreate(subjects.ours);
    await slowCloud(subjects.ours);
    await leakCheck(subjects.ours, idle.ours);
    for (const s of Object.values(subjects)) await s.app?.stop();
    await burst();
  } finally {
    for (const s of Object.values(subjects)) {
      if (s.app && s.app.child.exitCode === null) s.app.child.kill('SIGKILL');
      await Promise.all([s.slack.stop(), s.emulator.stop()]);
    }
    removeTempDatabases();
  }
  results.durationS = round((Date.now() - began) / 1000, 1);
  results.loadAverageAtEnd = os.loadavg().map((x) => round(x));
  report();
}

async function subject(kind: AppKind): Promise<Subject> {
  const slack = newFakeSlack();
  const emulator = newEmulator();
  const [{ url: emulatorUrl }] = await Promise.all([emulator.start(), slack.start()]);
  return { kind, slack, emulator, emulatorUrl, databasePath: tempDatabase(kind) };
}

async function env(s: Subject): Promise<Record<string, string>> {
  return envFor(s.slack, s.emulatorUrl, s.databasePath, await freePort());
}

// ---------- process start → ready ----------

async function startUp(subjects: Record<AppKind, Subject>): Promise<void> {
  say(`\n· process start → serving (${COUNTS.starts} starts each, tsx as in npm start)`);
  const serving: Record<AppKind, number[]> = { ours: [], bare: [] };
  const ready: number[] = [];
  for (let i = 0; i < COUNTS.starts; i++) {
    for (const s of Object.values(subjects)) {
      const started = await startAndWaitReady(s.kind, await env(s), s.slack);
      serving[s.kind].push(started.servingMs);
      if (started.readyMs !== undefined) ready.push(started.readyMs);
      await started.app.stop();
      s.slack.reset();
    }
  }
  results.startToServingMs = { ours: median(serving.ours), bare: median(serving.bare), samples: serving };
  results.startToReadyzMs = { ours: median(ready), samples: ready };
  say(`  median: ours ${median(serving.ours)} ms (readyz ${median(ready)} ms), bare ${median(serving.bare)} ms`);
}

// ---------- slash-command ack latency and command → views.open ----------

async function ackLatency(subjects: Record<AppKind, Subject>): Promise<void> {
  const out: Record<string, Record<AppKind, { ack: Stats; viewsOpen: Stats; viewsOpenFailed: number }>> = {};
  for (const s of Object.values(subjects)) await commands(s, 1, COUNTS.warmup);
  for (const c of [1, 20, 100]) {
    say(`\n· slash commands at concurrency ${c} (${COUNTS.ack[c]} each)`);
    out[c] = {} as Record<AppKind, { ack: Stats; viewsOpen: Stats; viewsOpenFailed: number }>;
    for (const s of Object.values(subjects)) {
      out[c][s.kind] = await commands(s, c, COUNTS.ack[c]);
      const r = out[c][s.kind];
      say(`  ${s.kind}: ack p50 ${r.ack.p50} / p99 ${r.ack.p99} / max ${r.ack.max} ms; → views.open p50 ${r.viewsOpen.p50} / p99 ${r.viewsOpen.p99} ms; views.open failed ${r.viewsOpenFailed}`);
    }
  }
  results.slashCommands = out;
}

async function commands(s: Subject, concurrency: number, total: number): Promise<{ ack: Stats; viewsOpen: Stats; viewsOpenFailed: number }> {
  s.slack.reset();
  const { driver, lastTrigger } = driverFor(s.slack, s.app!.port);
  const sent: Array<{ trigger: string; at: number }> = [];
  const acks: number[] = [];
  await runConcurrent(total, concurrency, async (i) => {
    const at = now();
    const pending = driver.slashCommand({ userId: BENCH_REQUESTERS[i % BENCH_REQUESTERS.length].id });
    sent.push({ trigger: lastTrigger(), at });
    const res = await pending;
    if (res.status !== 200) throw new Error(`${s.kind}: slash command answered ${res.status}`);
    acks.push(res.elapsedMs);
  });
  const byTrigger = new Map<string, { at: number; ok: boolean }>();
  const deadline = Date.now() + 30_000;
  while (byTrigger.size < total && Date.now() < deadline) {
    for (const c of s.slack.calls('views.open')) byTrigger.set(String(c.args.trigger_id), { at: c.at, ok: c.response.ok });
    if (byTrigger.size < total) await sleep(20);
  }
  const opens = sent.map((x) => ({ ...x, open: byTrigger.get(x.trigger) })).filter((x) => x.open);
  // Let the bot's e-mail pre-fill (views.update) finish before the next round is timed.
  await sleep(200);
  return { ack: stats(acks), viewsOpen: stats(opens.map((x) => x.open!.at - x.at)), viewsOpenFailed: total - opens.filter((x) => x.open!.ok).length };
}

// ---------- approve → CreateSmartAccessGatewayClientUser, and full submission → DM ----------

async function flows(s: Subject, total: number, concurrency: number, label: string, offset = 0): Promise<FlowTimes[]> {
  const times: FlowTimes[] = [];
  await runConcurrent(total, concurrency, async (i) => {
    const n = offset + i;
    const requester = BENCH_REQUESTERS[n % BENCH_REQUESTERS.length];
    times.push(await fullRequest({ slack: s.slack, emulator: s.emulator, port: s.app!.port }, requester.id, `acct-${label}-${n}@example.com`));
  });
  return times;
}

async function approveToCreate(s: Subject): Promise<void> {
  say(`\n· approve click → ${CREATE} at the emulator (${COUNTS.approve} requests, one at a time)`);
  s.slack.reset();
  s.emulator.reset();
  const times = await flows(s, COUNTS.approve, 1, 'approve');
  const r = { approveToCreate: stats(times.map((t) => t.approveToCreateMs)), commandToViewsOpen: stats(times.map((t) => t.commandToViewsOpenMs)) };
  results.approveToCreateMs = r.approveToCreate;
  say(`  approve → Create p50 ${r.approveToCreate.p50} / p99 ${r.approveToCreate.p99} ms (emulator answers at once; its latency is not in this figure)`);
}

async function slowCloud(s: Subject): Promise<void> {
  say(`\n· full submission → requester DM, emulator answering after 200 ms (${COUNTS.slowCloud} requests, one at a time)`);
  s.slack.reset();
  s.emulator.reset();
  s.emulator.setFaults({ latencyMs: 200 });
  const times = await flows(s, COUNTS.slowCloud, 1, 'slow');
  s.emulator.clearFaults();
  const r = { submitToDm: stats(times.map((t) => t.submitToDmMs)), approveToDm: stats(times.map((t) => t.approveToDmMs)) };
  results.slowCloud = { emulatorLatencyMs: 200, ...r };
  say(`  submission → "is ready" DM p50 ${r.submitToDm.p50} / p99 ${r.submitToDm.p99} ms (the bench clicks Approve as soon as the admin message appears)`);
  say(`  of which approve → DM p50 ${r.approveToDm.p50} / p99 ${r.approveToDm.p99} ms`);
}

// ---------- RSS after many full requests ----------

async function leakCheck(s: Subject, idleMb: number): Promise<void> {
  say(`\n· ${COUNTS.leak} full requests (concurrency ${LEAK_CONCURRENCY}), RSS along the way`);
  const pid = s.app!.appPid();
  const series: Array<{ requests: number; rssMb: number }> = [{ requests: 0, rssMb: idleMb }];
  const started = Date.now();
  const checkpoint = Math.max(LEAK_BATCH, Math.round(COUNTS.leak / 4 / LEAK_BATCH) * LEAK_BATCH);
  let done = 0;
  while (done < COUNTS.leak) {
    const batch = Math.min(LEAK_BATCH, COUNTS.leak - done);
    // The fakes forget what they recorded between batches; the bot keeps everything it has.
    s.slack.reset();
    s.emulator.reset();
    await flows(s, batch, LEAK_CONCURRENCY, 'leak', done);
    done += batch;
    if (done % checkpoint === 0 || done === COUNTS.leak) {
      series.push({ requests: done, rssMb: rssMb(pid) });
      say(`  after ${done}: RSS ${series[series.length - 1].rssMb} MB (${round((Date.now() - started) / 1000, 1)} s)`);
    }
  }
  const seconds = (Date.now() - started) / 1000;
  results.leak = { requests: COUNTS.leak, concurrency: LEAK_CONCURRENCY, seconds: round(seconds, 1), requestsPerSecond: round(COUNTS.leak / seconds, 1), rss: series };
}

// ---------- a burst under Slack's per-channel rate limit ----------

async function burst(): Promise<void> {
  say(`\n· burst of ${COUNTS.burst} submissions while chat.postMessage is limited to 1 per second per channel (1 s = ${BURST_SECOND_MS} ms)`);
  const slack = newFakeSlack({ postMessageRatePerChannel: { perSecond: 1, secondMs: BURST_SECOND_MS } });
  const emulator = newEmulator();
  const [{ url: emulatorUrl }] = await Promise.all([emulator.start(), slack.start()]);
  const databasePath = tempDatabase('burst');
  const config = { ...loadConfig(envFor(slack, emulatorUrl, databasePath, 1)) };
  config.slack = { ...config.slack, port: 0 };
  const logs: string[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => logs.push(...c.toString().split('\n').filter(Boolean)));
  const logger = createLogger('warn', [SANDBOX.botToken, SANDBOX.signingSecret, SANDBOX.accessKeySecret], sink);
  // The bot runs in this process so its Retry-After waits can be scaled like the fake's clock.
  const bot = await startBot(config, { logger, followUpEveryMs: 0, sleep: (ms) => sleep((ms * BURST_SECOND_MS) / 1000) });
  const driver = new SlackDriver({ url: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SANDBOX.signingSecret, fakeSlack: slack });
  try {
    const view = await modalView(slack, driver);
    slack.reset();
    const requesters = BENCH_REQUESTERS.slice(0, COUNTS.burst);
    const t0 = now();
    const acks = await Promise.all(
      requesters.map((p, i) => driver.submitView({ userId: p.id, view, values: { [FIELD_BLOCK.userMail]: `acct-burst-${i}@example.com`, [FIELD_BLOCK.bandwidthKbps]: '100' } })),
    );
    const ackStats = stats(acks.map((a) => a.elapsedMs));
    const admin = () => slack.messages(SANDBOX.adminChannelId).filter((m) => !m.threadTs);
    await until(() => admin().length >= COUNTS.burst, 'every request in the admin channel', 600_000);
    const drainMs = now() - t0;
    // The requester's "waiting for an approver" DM follows the admin post, so it waits behind the channel too.
    await until(() => requesters.every((p) => slack.dmsTo(p.id).length > 0), 'every waiting DM', 600_000);
    const waitingDm = stats(requesters.map((p) => slack.calls('chat.postMessage').find((c) => c.args.channel === slack.dmChannelFor(p.id) && c.status === 200)!.at - t0));
    // Approvers work through the channel: every request approved, provisioned and its requester told.
    const clicks = admin().map((m) => driver.clickButton({ userId: PEOPLE.approver.id, message: m as FakeMessage, actionId: ACTION.approve }));
    await Promise.all(clicks);
    await until(() => requesters.every((p) => slack.dmsTo(p.id).some((m) => m.text.includes('is ready'))), 'every ready DM', 600_000);
    const doneMs = now() - t0;
    const statuses = requesters.flatMap((p) => bot.store.listByRequester(p.id).map((r) => r.status));
    const readByAdmins = slack.messages(SANDBOX.adminChannelId);
    const r = {
      requests: COUNTS.burst,
      secondMs: BURST_SECOND_MS,
      submissionAck: ackStats,
      adminChannelDrainMs: round(drainMs),
      adminChannelDrainSlackSeconds: round(drainMs / BURST_SECOND_MS, 1),
      waitingDmSlackSeconds: { p50: round(waitingDm.p50 / BURST_SECOND_MS, 1), max: round(waitingDm.max / BURST_SECOND_MS, 1) },
      allProvisionedAndToldMs: round(doneMs),
      adminChannelMessages: readByAdmins.length,
      adminThreadReplies: readByAdmins.filter((m) => m.threadTs).length,
      rateLimited429: slack.calls('chat.postMessage').filter((c) => c.status === 429).length,
      provisioned: statuses.filter((s) => s === 'provisioned').length,
      notProvisioned: statuses.filter((s) => s !== 'provisioned').length,
      failureLogLines: logs.filter((l) => /could not|failed/i.test(l)).length,
      accountsInEmulator: emulator.users(SANDBOX.instanceId).length,
    };
    results.burst = r;
    say(`  submissions acked p50 ${ackStats.p50} / max ${ackStats.max} ms; admin channel drained in ${r.adminChannelDrainMs} ms = ${r.adminChannelDrainSlackSeconds} Slack seconds`);
    say(`  ${r.provisioned}/${r.requests} provisioned, ${r.accountsInEmulator} accounts, ${r.failureLogLines} failure log lines, ${r.rateLimited429} answers of 429`);
    say(`  an approver reads ${r.adminChannelMessages} messages in the admin channel (${r.adminThreadReplies} thread replies)`);
    say(`  requesters' "waiting for an approver" DM after p50 ${r.waitingDmSlackSeconds.p50} / max ${r.waitingDmSlackSeconds.max} Slack seconds`);
  } finally {
    await bot.stop();
    await Promise.all([slack.stop(), emulator.stop()]);
  }
}

async function modalView(slack: FakeSlack, driver: SlackDriver) {
  await driver.slashCommand({ userId: PEOPLE.requester.id });
  const opened = await slack.waitForCall('views.open');
  return slack.view((opened.response.view as { id: string }).id)!;
}

async function until(probe: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(10);
  }
}

// ---------- output ----------

function report(): void {
  const rows: Array<[string, string, string, string]> = [];
  const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${round(a / b, 2)}×` : '');
  const add = (metric: string, ours: number | string, bare?: number) => rows.push([metric, String(ours), bare === undefined ? '' : String(bare), bare === undefined || typeof ours !== 'number' ? '' : ratio(ours, bare)]);
  const sc = results.slashCommands as Record<string, Record<AppKind, { ack: Stats; viewsOpen: Stats; viewsOpenFailed: number }>>;
  for (const c of Object.keys(sc)) {
    for (const q of ['p50', 'p99', 'max'] as const) add(`ack c=${c} ${q} (ms)`, sc[c].ours.ack[q], sc[c].bare.ack[q]);
  }
  for (const c of Object.keys(sc)) {
    for (const q of ['p50', 'p99'] as const) add(`command → views.open c=${c} ${q} (ms)`, sc[c].ours.viewsOpen[q], sc[c].bare.viewsOpen[q]);
    if (sc[c].ours.viewsOpenFailed || sc[c].bare.viewsOpenFailed) add(`views.open refused c=${c}`, sc[c].ours.viewsOpenFailed, sc[c].bare.viewsOpenFailed);
  }
  const approve = results.approveToCreateMs as Stats;
  add('approve → Create received p50 (ms)', approve.p50);
  add('approve → Create received p99 (ms)', approve.p99);
  const slow = results.slowCloud as { submitToDm: Stats; approveToDm: Stats };
  add('submission → ready DM, cloud 200 ms, p50 (ms)', slow.submitToDm.p50);
  add('submission → ready DM, cloud 200 ms, p99 (ms)', slow.submitToDm.p99);
  const start = results.startToServingMs as { ours: number; bare: number };
  add('process start → serving, median (ms)', start.ours, start.bare);
  add('process start → /readyz 200, median (ms)', (results.startToReadyzMs as { ours: number }).ours);
  const idle = results.rssIdleMb as { ours: number; bare: number };
  add('RSS idle (MB)', idle.ours, idle.bare);
  const leak = results.leak as { requests: number; rss: Array<{ requests: number; rssMb: number }>; requestsPerSecond: number };
  for (const p of leak.rss.slice(1)) add(`RSS after ${p.requests} full requests (MB)`, p.rssMb);
  add('full requests per second (concurrency 16)', leak.requestsPerSecond);
  const b = results.burst as Record<string, number>;
  if (b) {
    add(`burst ${b.requests}: admin channel drain (Slack s)`, b.adminChannelDrainSlackSeconds);
    add(`burst ${b.requests}: provisioned / lost`, `${b.provisioned} / ${b.requests - b.provisioned}`);
    add(`burst ${b.requests}: admin-channel messages to read`, b.adminChannelMessages);
    const waiting = (results.burst as { waitingDmSlackSeconds: { p50: number; max: number } }).waitingDmSlackSeconds;
    add(`burst ${b.requests}: requester's waiting DM p50 / max (Slack s)`, `${waiting.p50} / ${waiting.max}`);
  }
  const width = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), ['metric', 'ours', 'bare Bolt', 'ours/bare'][i].length));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(width[i]) : cell.padStart(width[i]))).join('  ');
  say('');
  say(line(['metric', 'ours', 'bare Bolt', 'ours/bare']));
  say(width.map((w) => '─'.repeat(w)).join('  '));
  for (const r of rows) say(line(r));
  const out = path.join(ROOT, 'bench/results');
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, 'latest.json');
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: round(os.totalmem() / 2 ** 30, 1), node: process.version, platform: `${os.platform()} ${os.release()}` };
  fs.writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), scale: SCALE, counts: COUNTS, machine, results }, null, 2)}\n`);
  say(`\nwritten: ${path.relative(ROOT, file)} (${results.durationS} s; load average ${String(results.loadAverageAtStart)} at start, ${String(results.loadAverageAtEnd)} at end)`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
