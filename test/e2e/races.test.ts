// Exactly once: concurrent clicks, approve racing deny, and replays of the same signed request.
import { ACTION, DENY_REASON_BLOCK } from '../../src/slack/blocks/ids';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox';
import type { FakeMessage, FakeView } from '../../src/sandbox/fake-slack';
import { PEOPLE, SANDBOX } from '../../src/sandbox/world';
import { botUrl, capturing, createCalls, form, replay, requestIdIn, submitAndFindAdminMessage } from './helpers';

const { requester, approver, groupApprover, bystander } = PEOPLE;
// Ten more approvers in the approver user group with Blair; Alex is an approver by user id.
const EXTRA_APPROVERS = Array.from({ length: 10 }, (_, i) => ({ id: `U0APPR${String(i + 1).padStart(2, '0')}`, name: `approver${i + 1}`, email: `approver${i + 1}@example.com` }));
const APPROVER_IDS = [approver.id, SANDBOX.approverGroupId].join(',');

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('exactly once', () => {
  let sb: Sandbox;
  let clockOffsetMs = 0;
  beforeEach(async () => {
    sb = await startSandbox({ env: { SLACK_APPROVER_IDS: APPROVER_IDS }, clock: { now: () => new Date(Date.now() + clockOffsetMs) } });
    for (const a of EXTRA_APPROVERS) sb.slack.addUser(a);
    sb.slack.setUsergroup(SANDBOX.approverGroupId, [groupApprover.id, ...EXTRA_APPROVERS.map((a) => a.id)]);
  });
  /**
   * Opens the widest window a real workspace has: the approver group's membership cache has expired and
   * Slack answers in 30 ms, so every click reads the request as pending before any of them decides,
   * and only the store's compare-and-set stands between 50 clicks and 50 accounts.
   */
  function openRaceWindow(): void {
    clockOffsetMs += 61_000;
    sb.slack.setLatency(30);
  }
  afterEach(async () => {
    await sb.stop();
  });

  it('50 concurrent approve clicks create one account; the 49 others are told who decided', async () => {
    const admin = await submitAndFindAdminMessage(sb, requester.id, form({ userMail: 'race@example.com', bandwidthKbps: '300', userName: 'race.user' }));
    const id = requestIdIn(admin);
    // 20 clicks by the same approver, 10 by the group approver, 2 by each of ten others.
    const clickers = shuffled([...Array(20).fill(approver.id), ...Array(10).fill(groupApprover.id), ...EXTRA_APPROVERS.flatMap((a) => [a.id, a.id])], 7);
    expect(clickers).toHaveLength(50);

    openRaceWindow();
    const responses = await Promise.all(clickers.map((userId) => sb.click(userId, admin, ACTION.approve)));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));

    const done = await sb.waitUntil(() => (sb.bot.store.get(id)!.status === 'provisioned' && sb.slack.ephemerals().length >= 49 ? sb.bot.store.get(id) : undefined), 'one outcome and 49 refusals');
    expect(createCalls(sb)).toHaveLength(1);
    expect(sb.emulator.users(SANDBOX.instanceId)).toHaveLength(1);
    const winner = done!.decidedBy!;
    expect(clickers).toContain(winner);

    const refusals = sb.slack.ephemerals();
    expect(refusals).toHaveLength(49);
    for (const r of refusals) expect(r.text).toContain(`already handled by <@${winner}>`);
    // Each clicker hears back once per losing click, in the admin channel.
    const perUser = (ids: string[]) => ids.reduce<Record<string, number>>((acc, u) => ({ ...acc, [u]: (acc[u] ?? 0) + 1 }), {});
    const expected = perUser(clickers);
    expected[winner] -= 1;
    if (expected[winner] === 0) delete expected[winner];
    expect(perUser(refusals.map((r) => r.user))).toEqual(expected);
    expect(refusals.every((r) => r.channel === SANDBOX.adminChannelId)).toBe(true);

    const audit = sb.bot.store.listAudit(undefined, id);
    expect(audit.filter((a) => a.action === 'approved')).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'provisioned')).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'refused_click' && a.detail?.refusal === 'already_handled')).toHaveLength(49);
    // One outcome: the requester is told once, the password goes out once.
    await sb.waitUntil(() => sb.slack.dmsTo(requester.id).some((m) => m.text.includes('is ready')), 'the ready DM');
    // The password DM is the last message of the outcome; wait for it before counting.
    await sb.waitUntil(() => sb.bot.store.listAudit().some((a) => a.action === 'credentials_sent'), 'the password DM');
    expect(sb.slack.dmsTo(requester.id).filter((m) => m.text.includes('is ready'))).toHaveLength(1);
    expect(sb.slack.calls('chat.postMessage').filter((c) => String(c.args.text).includes('Password:'))).toHaveLength(1);
  });

  it.each([1, 2, 3, 4])('approve racing deny (round %i): one decision, never a create after a denial', async (round) => {
    const userMail = `race-deny-${round}@example.com`;
    const admin = await submitAndFindAdminMessage(sb, requester.id, form({ userMail, bandwidthKbps: '100' }));
    const id = requestIdIn(admin);
    // Alex, whose approver check needs no Slack call, denies in odd rounds and approves in even ones,
    // so both outcomes happen; five approvers open the deny modal while the request is still pending.
    const [fast, slow] = round % 2 === 1 ? [approver.id, groupApprover.id] : [groupApprover.id, approver.id];
    const deniers = [fast, ...EXTRA_APPROVERS.slice(0, 4).map((a) => a.id)];
    const views: Array<{ userId: string; view: FakeView }> = [];
    for (const userId of deniers) {
      await sb.click(userId, admin, ACTION.deny);
      views.push({ userId, view: await sb.waitUntil(() => sb.slack.openedViews().filter((v) => v.private_metadata === id)[views.length], 'a deny modal') });
    }
    const approvers = [slow, ...EXTRA_APPROVERS.slice(4).map((a) => a.id)];
    const attempts: Array<() => Promise<{ kind: 'approve' | 'deny'; userId: string; body: string; status: number }>> = [
      ...Array.from({ length: 25 }, (_, i) => {
        const userId = approvers[i % approvers.length];
        return async () => ({ kind: 'approve' as const, userId, ...(await sb.click(userId, admin, ACTION.approve)) });
      }),
      ...Array.from({ length: 25 }, (_, i) => {
        const { userId, view } = views[i % views.length];
        return async () => ({ kind: 'deny' as const, userId, ...(await sb.driver.submitView({ userId, view, values: { [DENY_REASON_BLOCK]: `No (${i})` } })) });
      }),
    ];
    // Odd rounds send the denials first, even rounds the approvals first.
    openRaceWindow();
    const order = round % 2 === 1 ? [...attempts.slice(25), ...attempts.slice(0, 25)] : attempts;
    const results = await Promise.all(shuffled(order, round).map((send) => send()));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));

    const final = await sb.waitUntil(() => {
      const r = sb.bot.store.get(id)!;
      return r.status === 'denied' || r.status === 'provisioned' ? r : undefined;
    }, 'the decision');
    const audit = sb.bot.store.listAudit(undefined, id);
    const decisions = audit.filter((a) => a.action === 'approved' || a.action === 'denied');
    expect(decisions).toHaveLength(1);
    const creates = createCalls(sb).filter((c) => c.params.UserMail === userMail);
    expect(creates).toHaveLength(final.status === 'provisioned' ? 1 : 0);

    // The 49 others are told who decided: approvals by ephemeral, denials in the modal or by ephemeral.
    const inModal = results.filter((r) => r.kind === 'deny' && r.body.includes('already handled'));
    await sb.waitUntil(() => sb.slack.ephemerals().length + inModal.length >= 49, 'every refusal');
    const told = [...sb.slack.ephemerals().map((e) => e.text), ...inModal.map((r) => JSON.parse(r.body).errors[DENY_REASON_BLOCK] as string)];
    expect(told).toHaveLength(49);
    for (const text of told) expect(text).toContain(`already handled by <@${final.decidedBy}>`);
    if (final.status === 'denied') {
      await sb.waitUntil(() => sb.slack.dmsTo(requester.id).some((m) => m.text.includes('was denied')), 'the denial DM');
      expect(sb.slack.dmsTo(requester.id).filter((m) => m.text.includes('was denied'))).toHaveLength(1);
    } else {
      await sb.waitUntil(() => sb.slack.dmsTo(requester.id).some((m) => m.text.includes('is ready')), 'the ready DM');
    }
  });
});

describe('replays and retries', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await startSandbox();
  });
  afterEach(async () => {
    await sb.stop();
  });

  const settle = () => new Promise((r) => setTimeout(r, 200));

  it('a replayed approve click, sequential or concurrent, never repeats a side effect', async () => {
    const admin = await submitAndFindAdminMessage(sb, requester.id, form({ userMail: requester.email, bandwidthKbps: '100' }));
    const id = requestIdIn(admin);
    const { sent } = await capturing(botUrl(sb), () => sb.click(approver.id, admin, ACTION.approve));
    expect(sent).toHaveLength(1);
    const replays = await Promise.all(Array.from({ length: 10 }, () => replay(sent[0])));
    expect(replays.map((r) => r.status)).toEqual(Array(10).fill(200));
    await sb.waitUntil(() => sb.bot.store.get(id)!.status === 'provisioned', 'provisioning');
    const callsAfter = sb.slack.calls().length;
    const auditAfter = sb.bot.store.listAudit().length;
    expect((await replay(sent[0])).status).toBe(200);
    await settle();

    expect(createCalls(sb)).toHaveLength(1);
    // A replay is not a person clicking: nobody is told anything, nothing is written.
    expect(sb.slack.ephemerals()).toHaveLength(0);
    expect(sb.slack.calls().length).toBe(callsAfter);
    expect(sb.bot.store.listAudit().length).toBe(auditAfter);
    expect(sb.logs.filter((l) => l.includes('ignored a repeated Slack delivery'))).toHaveLength(11);
  });

  it('a replayed form submission after the decision does not file a second request', async () => {
    const view = await sb.openRequestModal(requester.id);
    const { result, sent } = await capturing(botUrl(sb), () => sb.driver.submitView({ userId: requester.id, view, values: form({ userMail: requester.email, bandwidthKbps: '100' }) }));
    expect(result.body).toBe('');
    const admin = await sb.waitUntil(() => sb.latestAdminMessage(), 'the admin message');
    await sb.click(approver.id, admin, ACTION.deny);
    const denyView = await sb.waitUntil(() => sb.slack.openedViews().find((v) => v.callback_id === 'sag_deny_modal'), 'the deny modal');
    const denial = await capturing(botUrl(sb), () => sb.driver.submitView({ userId: approver.id, view: denyView, values: { [DENY_REASON_BLOCK]: 'Not now' } }));
    await sb.waitUntil(() => sb.slack.dmsTo(requester.id).some((m) => m.text.includes('was denied')), 'the denial DM');

    // The request is final now, so without the replay guard a replayed submission would be a brand-new request.
    expect((await replay(sent[0])).status).toBe(200);
    expect((await replay(denial.sent[0])).status).toBe(200);
    await settle();
    expect(sb.bot.store.listByRequester(requester.id)).toHaveLength(1);
    expect(sb.slack.messages(SANDBOX.adminChannelId)).toHaveLength(1);
    expect(sb.slack.dmsTo(requester.id).filter((m) => m.text.includes('was denied'))).toHaveLength(1);
    expect(sb.bot.store.listAudit().filter((a) => a.action === 'denied' || a.action === 'requested')).toHaveLength(2);
  });

  it('a replayed slash command opens no second modal', async () => {
    const { sent } = await capturing(botUrl(sb), () => sb.driver.slashCommand({ userId: requester.id }));
    await sb.slack.waitForCall('views.open');
    expect((await replay(sent[0])).status).toBe(200);
    await settle();
    expect(sb.slack.calls('views.open')).toHaveLength(1);
  });

  it('Slack event retries (x-slack-retry-num) reach the listeners once; new events still arrive', async () => {
    const seen: string[] = [];
    sb.bot.app.event('reaction_added', async ({ body }) => {
      seen.push((body as { event_id: string }).event_id);
    });
    const event = { type: 'reaction_added', user: bystander.id, reaction: 'eyes', item: { type: 'message', channel: SANDBOX.adminChannelId, ts: '1.000001' } };
    const first = await sb.driver.sendEvent(event, { eventId: 'Ev0RETRY0001' });
    const retries = await Promise.all([1, 2, 3].map((retryNum) => sb.driver.sendEvent(event, { eventId: 'Ev0RETRY0001', retryNum, retryReason: 'http_timeout' })));
    const other = await sb.driver.sendEvent(event, { eventId: 'Ev0OTHER0002' });
    expect([first, ...retries, other].map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await sb.waitUntil(() => seen.length >= 2, 'both events');
    await settle();
    expect(seen).toEqual(['Ev0RETRY0001', 'Ev0OTHER0002']);
    const ignored = sb.logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'ignored a repeated Slack delivery');
    expect(ignored.map((l) => l.retryNum).sort()).toEqual([1, 2, 3]);
  });
});
