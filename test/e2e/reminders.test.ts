// Nobody chases a request: reminders in the admin thread at doubling intervals, expiry after the TTL,
// a schedule kept in the database so a restart or a second process changes nothing. Driven by an injected clock.
import { createLogger } from '../../src/logging';
import { startBot, type RunningBot } from '../../src/run';
import { runDueWork } from '../../src/services/reminders';
import { ACTION } from '../../src/slack/blocks/ids';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox';
import { PEOPLE, SANDBOX } from '../../src/sandbox/world';
import { form, requestIdIn, submitAndFindAdminMessage } from './helpers';

const { requester, approver } = PEOPLE;
const MIN = 60_000;

class TestClock {
  constructor(public current = new Date('2026-12-03T09:00:00Z')) {}
  now = () => new Date(this.current);
  at(minutes: number, from: Date): Date {
    this.current = new Date(from.getTime() + minutes * MIN);
    return this.now();
  }
}

describe('reminders and expiry', () => {
  let sb: Sandbox;
  let clock: TestClock;
  const extra: RunningBot[] = [];
  beforeEach(async () => {
    clock = new TestClock();
    sb = await startSandbox({ clock, followUpEveryMs: 0 });
  });
  afterEach(async () => {
    for (const bot of extra.splice(0)) await bot.stop();
    await sb.stop();
  });

  const thread = (ts: string) => sb.slack.messages(SANDBOX.adminChannelId).filter((m) => m.threadTs === ts);

  async function pendingRequest() {
    const admin = await submitAndFindAdminMessage(sb, requester.id, form({ userMail: requester.email, bandwidthKbps: '100' }));
    const id = requestIdIn(admin);
    return { admin, id, submitted: sb.bot.store.get(id)!.createdAt };
  }

  it('reminds in the admin thread after 15 minutes, then 30 and 60 minutes later, each once', async () => {
    const { admin, id, submitted } = await pendingRequest();
    expect(await runDueWork(sb.bot.deps, clock.at(14, submitted))).toEqual({ reminded: [], expired: [] });
    expect(await runDueWork(sb.bot.deps, clock.at(15, submitted))).toEqual({ reminded: [id], expired: [] });
    expect(await runDueWork(sb.bot.deps, clock.at(16, submitted))).toEqual({ reminded: [], expired: [] });
    expect(await runDueWork(sb.bot.deps, clock.at(44, submitted))).toEqual({ reminded: [], expired: [] });
    expect(await runDueWork(sb.bot.deps, clock.at(45, submitted))).toEqual({ reminded: [id], expired: [] });
    expect(await runDueWork(sb.bot.deps, clock.at(104, submitted))).toEqual({ reminded: [], expired: [] });
    expect(await runDueWork(sb.bot.deps, clock.at(105, submitted))).toEqual({ reminded: [id], expired: [] });

    const reminders = thread(admin.ts);
    expect(reminders.map((m) => /has waited (\S+) for a decision \(reminder (\d)\)/.exec(m.text)!.slice(1))).toEqual([
      ['15m', '1'],
      ['45m', '2'],
      ['1h45m', '3'],
    ]);
    expect(reminders[0].text).toContain(`<@${approver.id}>`);
    expect(reminders[0].text).toContain(`<!subteam^${SANDBOX.approverGroupId}>`);
    expect(sb.bot.store.listAudit(undefined, id).filter((a) => a.action === 'reminded').map((a) => a.detail?.number)).toEqual([1, 2, 3]);
  });

  it('stops reminding once someone decides', async () => {
    const { admin, id, submitted } = await pendingRequest();
    await runDueWork(sb.bot.deps, clock.at(15, submitted));
    await sb.click(approver.id, admin, ACTION.approve);
    await sb.waitUntil(() => sb.bot.store.get(id)?.status === 'provisioned', 'provisioning');
    expect(await runDueWork(sb.bot.deps, clock.at(72 * 60, submitted))).toEqual({ reminded: [], expired: [] });
    expect(thread(admin.ts)).toHaveLength(1);
  });

  it('expires an unanswered request after 72 hours: buttons gone, requester told and offered a new request', async () => {
    const { admin, id, submitted } = await pendingRequest();
    expect(await runDueWork(sb.bot.deps, clock.at(72 * 60 - 1, submitted))).toMatchObject({ expired: [] });
    expect(await runDueWork(sb.bot.deps, clock.at(72 * 60, submitted))).toEqual({ reminded: [], expired: [id] });
    expect(sb.bot.store.get(id)!.status).toBe('expired');
    const rewritten = sb.adminMessageFor(id)!;
    expect(JSON.stringify(rewritten.blocks)).toContain('expired');
    expect(rewritten.blocks.some((b) => b.type === 'actions')).toBe(false);

    const dm = sb.slack.dmsTo(requester.id).find((m) => m.text.includes('expired'))!;
    expect(dm).toBeDefined();
    await sb.click(requester.id, dm, ACTION.openRequestModal);
    await sb.slack.waitForCall('views.open');

    // A late click on the old admin message is refused; nothing is provisioned.
    await sb.click(approver.id, admin, ACTION.approve);
    const refusal = await sb.waitUntil(() => sb.slack.ephemerals(approver.id)[0], 'the refusal');
    expect(refusal.text).toContain('expired');
    expect(sb.emulator.users(SANDBOX.instanceId)).toEqual([]);
    expect(await runDueWork(sb.bot.deps, clock.at(100 * 60, submitted))).toEqual({ reminded: [], expired: [] });
  });

  it('posts the admin message at the first reminder when the first post failed', async () => {
    sb.slack.failNext('chat.postMessage', 'channel_not_found');
    const res = await sb.submitRequest(requester.id, form({ userMail: requester.email, bandwidthKbps: '100' }));
    expect(res.body).toBe('');
    const id = (await sb.waitUntil(() => sb.bot.store.listByRequester(requester.id)[0], 'the stored request')).id;
    await sb.waitUntil(() => sb.slack.dmsTo(requester.id)[0], 'the waiting DM');
    expect(sb.adminMessageFor(id)).toBeUndefined();

    await runDueWork(sb.bot.deps, clock.at(15, sb.bot.store.get(id)!.createdAt));
    const admin = sb.adminMessageFor(id)!;
    expect(admin.blocks.some((b) => b.type === 'actions')).toBe(true);
    await runDueWork(sb.bot.deps, clock.at(45, sb.bot.store.get(id)!.createdAt));
    expect(thread(admin.ts)).toHaveLength(1);
  });

  it('keeps the schedule in the database: two bots on the same file send each reminder and expiry exactly once', async () => {
    const { admin, id, submitted } = await pendingRequest();
    const config = { ...sb.config, slack: { ...sb.config.slack, port: 0 } };
    const other = await startBot(config, { logger: createLogger('silent'), clock, followUpEveryMs: 0 });
    extra.push(other);

    for (const minutes of [15, 45]) {
      const now = clock.at(minutes, submitted);
      const [a, b] = await Promise.all([runDueWork(sb.bot.deps, now), runDueWork(other.deps, now)]);
      expect([...a.reminded, ...b.reminded]).toEqual([id]);
    }
    expect(thread(admin.ts)).toHaveLength(2);

    // The worst interleaving: the second process read the reminder as due before the first claimed it.
    let now = clock.at(105, submitted);
    const seenDue = other.store.dueReminders(now);
    expect(seenDue.map((d) => d.request.id)).toEqual([id]);
    const late = { ...other.deps, store: Object.create(other.store, { dueReminders: { value: () => seenDue } }) };
    expect(await runDueWork(sb.bot.deps, now)).toMatchObject({ reminded: [id] });
    expect(await runDueWork(late, now)).toEqual({ reminded: [], expired: [] });
    expect(thread(admin.ts)).toHaveLength(3);

    // A bot started later (a restart) carries on from the stored schedule; two of them still expire it once.
    const restarted = await startBot(config, { logger: createLogger('silent'), clock, followUpEveryMs: 0 });
    extra.push(restarted);
    now = clock.at(72 * 60, submitted);
    const [a, b] = await Promise.all([runDueWork(restarted.deps, now), runDueWork(other.deps, now)]);
    expect([...a.expired, ...b.expired]).toEqual([id]);
    await sb.waitUntil(() => sb.slack.dmsTo(requester.id).find((m) => m.text.includes('expired')), 'the expiry DM');
    expect(sb.slack.dmsTo(requester.id).filter((m) => m.text.includes('expired'))).toHaveLength(1);
    expect(other.store.listAudit(undefined, id).filter((x) => x.action === 'expired')).toHaveLength(1);
    expect(thread(admin.ts)).toHaveLength(3);
  });

  it('runs on its own timer in a running bot', async () => {
    await sb.stop();
    clock = new TestClock();
    sb = await startSandbox({ clock, followUpEveryMs: 20 });
    const { admin, submitted } = await pendingRequest();
    clock.at(15, submitted);
    await sb.waitUntil(() => thread(admin.ts)[0], 'the reminder from the timer');
    // The timer keeps ticking every 20 ms; the claimed reminder is not sent again (a bounded look, it cannot fail falsely).
    clock.at(16, submitted);
    await new Promise((r) => setTimeout(r, 100));
    expect(thread(admin.ts)).toHaveLength(1);
  });
});
