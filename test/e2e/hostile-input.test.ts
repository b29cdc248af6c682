// Hostile and odd input: every case gets a field error, a refusal or a 400, never a crash or a 500,
// and nothing a person typed ever pings, links or breaks formatting in what the bot sends to Slack.
import { ACTION, DENY_REASON_BLOCK, FIELD_BLOCK } from '../../src/slack/blocks/ids';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox';
import type { FakeMessage, FakeView } from '../../src/sandbox/fake-slack';
import { stateValues } from '../../src/sandbox/slack-driver';
import { PEOPLE, SANDBOX } from '../../src/sandbox/world';
import { announceRequest } from '../../src/services/submit-request';
import { createCalls, form, payloadBody, postSigned, requestIdIn, submitAndFindAdminMessage, visibleCalls } from './helpers';

const { requester, approver, groupApprover, bystander, newHire } = PEOPLE;
type Field = keyof typeof FIELD_BLOCK;

const VALID = { userMail: requester.email, bandwidthKbps: '100' };
const LONG = 3001;

/** [what, the field, the value typed]; each must come back as an error under that field only. */
const FIELD_ERRORS: Array<[string, Field, string | null]> = [
  ['an empty e-mail', 'userMail', null],
  ['a whitespace-only e-mail', 'userMail', '   \t '],
  ['an e-mail with a space', 'userMail', 'steve @example.com'],
  ['an e-mail with a Cyrillic look-alike letter', 'userMail', 'st\u0435ve@example.com'],
  ['an e-mail with a look-alike letter in the domain', 'userMail', 'steve@ex\u0430mple.com'],
  ['an e-mail in full-width letters', 'userMail', '\uff53teve@example.com'],
  ['an e-mail without a domain', 'userMail', 'steve@'],
  ['an e-mail without an @', 'userMail', 'steve'],
  ['an e-mail without a top-level domain', 'userMail', 'steve@localhost'],
  ['an e-mail with a mention in it', 'userMail', '<!channel>@example.com'],
  ['a 3000+ character e-mail', 'userMail', `${'a'.repeat(LONG)}@example.com`],
  ['a zero bandwidth', 'bandwidthKbps', '0'],
  ['a negative bandwidth', 'bandwidthKbps', '-1'],
  ['a bandwidth above the maximum', 'bandwidthKbps', '2001'],
  ['a bandwidth in exponent notation', 'bandwidthKbps', '1e3'],
  ['a fractional bandwidth', 'bandwidthKbps', '20.5'],
  ['a bandwidth that is not a number', 'bandwidthKbps', 'abc'],
  ['a huge bandwidth', 'bandwidthKbps', '99999999999999999999999999999'],
  ['a 3000+ digit bandwidth', 'bandwidthKbps', '9'.repeat(LONG)],
  ['an empty bandwidth', 'bandwidthKbps', null],
  ['a hexadecimal bandwidth', 'bandwidthKbps', '0x10'],
  ['a bandwidth in full-width digits', 'bandwidthKbps', '\uff11\uff10'],
  ['an Infinity bandwidth', 'bandwidthKbps', 'Infinity'],
  ['an IP with an octet above 255', 'clientIp', '10.0.0.256'],
  ['an IP with a leading zero', 'clientIp', '010.0.0.1'],
  ['an IPv6 address', 'clientIp', '::1'],
  ['a public IP', 'clientIp', '8.8.8.8'],
  ['an IP with a prefix length', 'clientIp', '10.1.2.3/24'],
  ['an IP outside the configured client block', 'clientIp', '10.20.0.5'],
  ['the network address of the client block', 'clientIp', '10.10.0.0'],
  ['the broadcast address of the client block', 'clientIp', '10.10.0.255'],
  ['an invalid IP inside surrounding spaces', 'clientIp', '  10.10.0.256  '],
  ['an IP with five parts', 'clientIp', '10.10.0.1.5'],
  ['a host name instead of an IP', 'clientIp', 'localhost'],
  ['a 3000+ character IP', 'clientIp', '1'.repeat(LONG)],
  ['a 6-character user name', 'userName', 'abcdef'],
  ['a 34-character user name', 'userName', 'a'.repeat(34)],
  ['a user name starting with _', 'userName', '_leading'],
  ['a user name with a space', 'userName', 'has space'],
  ['a user name with #', 'userName', 'has#hash1'],
  ['a user name that is a mention', 'userName', '<@U0HOSTILE>'],
  ['a user name with a non-ASCII letter', 'userName', 'n\u00efna.vpn'],
  ['a 3000+ character user name', 'userName', 'u'.repeat(LONG)],
  ['a 3000+ character reason', 'reason', 'r'.repeat(LONG)],
  ['a reason one character over the limit', 'reason', 'r'.repeat(501)],
];

/** Accepted, as the person meant it: [what, field, typed, stored]. */
const NORMALISED: Array<[string, Field, string, string | number]> = [
  ['an IP with surrounding spaces', 'clientIp', '  10.10.0.7 ', '10.10.0.7'],
  ['an e-mail with surrounding spaces and an upper-case domain', 'userMail', '  Omar@Example.COM ', 'Omar@example.com'],
  ['a bandwidth with leading zeros', 'bandwidthKbps', '0020', 20],
  ['a 7-character user name', 'userName', 'abcdefg', 'abcdefg'],
  ['a 33-character user name', 'userName', `a${'b'.repeat(32)}`, `a${'b'.repeat(32)}`],
];

// Everything a person might type to ping, link or format; `&` and `*bold*` must not survive into mrkdwn as typed.
const HOSTILE = '<!channel> <!here> <@U0HOSTILE> <!subteam^S0EVIL> <https://evil.example|click> & *bold* done';
const RAW_TOKENS = ['<!channel>', '<!here>', '<@U0HOSTILE>', '<!subteam^S0EVIL>', '<https://evil.example|click>', '*bold*'];

/** Every string Slack would render as mrkdwn: mrkdwn text objects anywhere, and the `text` of messages. */
function mrkdwnTexts(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => mrkdwnTexts(v, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
    for (const v of Object.values(o)) mrkdwnTexts(v, out);
  }
  return out;
}

function everythingRenderedAsMrkdwn(sb: Sandbox): string[] {
  return visibleCalls(sb).flatMap((c) => [...(typeof c.args.text === 'string' ? [c.args.text] : []), ...mrkdwnTexts(c.args)]);
}

function expectNothingUnescaped(sb: Sandbox): void {
  const texts = everythingRenderedAsMrkdwn(sb);
  expect(texts.length).toBeGreaterThan(0);
  for (const text of texts) {
    for (const token of RAW_TOKENS) expect(text).not.toContain(token);
    // Every & is an entity Slack understands, never a bare one a person typed.
    expect(text.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
  }
}

describe('form input a person may type', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox();
  });
  afterAll(async () => {
    await sb.stop();
  });

  it.each(FIELD_ERRORS)('%s gets a field error under that field and stores nothing', async (_what, field, value) => {
    const res = await sb.submitRequest(requester.id, form({ ...VALID, [field]: value }));
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors)).toEqual([FIELD_BLOCK[field]]);
    const message = body.errors[FIELD_BLOCK[field]];
    expect(message.length).toBeGreaterThan(10);
    // A sentence about the value, never the value echoed back raw.
    expect(message).not.toContain('<');
    expect(message.length).toBeLessThan(400);
    expect(sb.bot.store.listByRequester(requester.id)).toHaveLength(0);
  });

  it('every field wrong at once gets every error at once', async () => {
    const res = await sb.submitRequest(requester.id, form({ userMail: 'x@', bandwidthKbps: '1e3', clientIp: '::1', userName: '_x', reason: 'r'.repeat(LONG) }));
    expect(Object.keys(JSON.parse(res.body).errors).sort()).toEqual(Object.values(FIELD_BLOCK).sort());
  });

  it.each(NORMALISED)('%s is accepted as meant', async (_what, field, typed, stored) => {
    const userMail = field === 'userMail' ? typed : `${field.toLowerCase()}-${String(stored).length}@example.com`;
    const admin = await submitAndFindAdminMessage(sb, bystander.id, form({ bandwidthKbps: '100', [field]: typed, userMail }));
    const request = sb.bot.store.get(requestIdIn(admin))!;
    expect(request[field]).toBe(stored);
    // Close it so the next case may use the same e-mail rules without an open request in the way.
    sb.bot.store.transition(request.id, ['pending'], 'cancelled', {}, { at: new Date(), requestId: request.id, action: 'cancelled' });
  });

  it('a named request always travels with a generated password (never a user name alone)', async () => {
    const admin = await submitAndFindAdminMessage(sb, requester.id, form({ userMail: newHire.email, bandwidthKbps: '100', userName: 'nina.pw.check' }));
    await sb.click(approver.id, admin, ACTION.approve);
    await sb.waitUntil(() => sb.bot.store.get(requestIdIn(admin))!.status === 'provisioned', 'provisioning');
    const create = createCalls(sb).at(-1)!;
    expect(create.params).toMatchObject({ UserName: 'nina.pw.check', Password: '***' });
  });
});

describe('what a person typed is echoed safely', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await startSandbox();
  });
  afterEach(async () => {
    await sb.stop();
  });

  it('a hostile reason and deny reason never ping, link or format, through approval and denial', async () => {
    const approved = await submitAndFindAdminMessage(sb, requester.id, form({ userMail: requester.email, bandwidthKbps: '100', userName: 'steve.vpn', reason: HOSTILE }));
    await sb.click(approver.id, approved, ACTION.approve);
    await sb.waitUntil(() => sb.slack.dmsTo(requester.id).some((m) => m.text.includes('is ready')), 'the ready DM');
    await sb.click(groupApprover.id, approved, ACTION.approve);
    await sb.waitUntil(() => sb.slack.ephemerals(groupApprover.id)[0], 'the refusal');

    const denied = await submitAndFindAdminMessage(sb, requester.id, form({ userMail: newHire.email, bandwidthKbps: '100', reason: HOSTILE }));
    await sb.click(approver.id, denied, ACTION.deny);
    const denyView = await sb.waitUntil(() => sb.slack.openedViews().find((v) => v.private_metadata === requestIdIn(denied)), 'the deny modal');
    expect((await sb.driver.submitView({ userId: approver.id, view: denyView, values: { [DENY_REASON_BLOCK]: HOSTILE } })).body).toBe('');
    await sb.waitUntil(() => sb.slack.dmsTo(requester.id).some((m) => m.text.includes('denied')), 'the denial DM');

    expectNothingUnescaped(sb);
    // Shown as typed, in plain_text, where nothing is interpreted.
    const shown = JSON.stringify(visibleCalls(sb).map((c) => c.args));
    expect(shown).toContain(JSON.stringify(`Reason: ${HOSTILE}`).slice(1, -1));
    expect(sb.slack.calls('chat.postMessage').every((c) => c.response.ok)).toBe(true);
  });

  it('text longer than Slack allows (a request stored before today’s limits) is cut with a visible ellipsis', async () => {
    const deps = sb.bot.deps;
    const now = new Date();
    const created = sb.bot.store.create(
      { id: deps.newRequestId(), requesterId: requester.id, regionId: SANDBOX.regionId, instanceId: SANDBOX.instanceId, userMail: requester.email, bandwidthKbps: 100, reason: `${HOSTILE} ${'long & loud '.repeat(1000)}`, createdAt: now },
      { at: now, action: 'requested' },
    );
    if (!created.ok) throw new Error('not created');
    await announceRequest(deps, created.request);
    const admin = await sb.waitUntil(() => sb.adminMessageFor(created.request.id), 'the admin message');
    const reasonBlock = admin.blocks.map((b) => (b as { text?: { type: string; text: string } }).text).find((t) => t?.text.startsWith('Reason:'))!;
    expect(reasonBlock.type).toBe('plain_text');
    expect(reasonBlock.text.endsWith('…')).toBe(true);
    expect(reasonBlock.text.length).toBeLessThanOrEqual(3000);

    // A denial reason stored at any length is cut the same way in the admin message and the requester's DM.
    const denied = sb.bot.store.transition(created.request.id, ['pending'], 'denied', { decidedBy: approver.id, decidedAt: now, denyReason: `${HOSTILE} ${'no & never '.repeat(1000)}` }, { at: now, action: 'denied' })!;
    await deps.notifier.refreshAdminMessage(denied);
    await deps.notifier.tellPerson(requester.id, { kind: 'denied', request: denied });
    const shownReasons = [sb.adminMessageFor(denied.id)!, sb.slack.dmsTo(requester.id).at(-1)!].map((m) =>
      m.blocks.map((b) => (b as { text?: { type: string; text: string } }).text).find((t) => t?.text.includes('no & never'))!,
    );
    for (const shown of shownReasons) {
      expect(shown.type).toBe('plain_text');
      expect(shown.text.endsWith('…')).toBe(true);
      expect(shown.text.length).toBeLessThanOrEqual(3000);
    }
    expect(sb.slack.calls().filter((c) => c.method.startsWith('chat.')).every((c) => c.response.ok)).toBe(true);
    expectNothingUnescaped(sb);
  });
});

describe('forged and malformed deliveries', () => {
  let sb: Sandbox;
  let admin: FakeMessage;
  let pendingId: string;
  let ownAdmin: FakeMessage;
  let ownId: string;
  let otherInstanceId: string;
  let denyView: FakeView;

  beforeAll(async () => {
    sb = await startSandbox();
    admin = await submitAndFindAdminMessage(sb, requester.id, form({ userMail: requester.email, bandwidthKbps: '100' }));
    pendingId = requestIdIn(admin);
    // An approver's own request, for the rule that nobody decides their own.
    ownAdmin = await submitAndFindAdminMessage(sb, approver.id, form({ userMail: approver.email, bandwidthKbps: '100' }));
    ownId = requestIdIn(ownAdmin);
    // The same database once served another SmartAG instance: its requests are not this bot's to decide.
    const now = new Date();
    const other = sb.bot.store.create(
      { id: sb.bot.deps.newRequestId(), requesterId: requester.id, regionId: SANDBOX.regionId, instanceId: 'sag-otherinstance', userMail: 'other@example.com', bandwidthKbps: 100, createdAt: now },
      { at: now, action: 'requested' },
    );
    if (!other.ok) throw new Error('not created');
    otherInstanceId = other.request.id;
    await sb.click(approver.id, admin, ACTION.deny);
    denyView = await sb.waitUntil(() => sb.slack.openedViews().find((v) => v.private_metadata === pendingId), 'the deny modal');
  });
  afterAll(async () => {
    // Whatever was forged, nothing was decided and nothing was created.
    expect(sb.bot.store.get(pendingId)!.status).toBe('pending');
    expect(sb.bot.store.get(ownId)!.status).toBe('pending');
    expect(sb.bot.store.get(otherInstanceId)!.status).toBe('pending');
    expect(createCalls(sb)).toHaveLength(0);
    expectNothingUnescaped(sb);
    await sb.stop();
  });

  const ephemeralsOf = (userId: string) => sb.slack.ephemerals(userId).length + sb.slack.dmsTo(userId).length;

  it.each([
    ['an empty button value', () => ({ value: '' }), /does not exist/],
    ['a mention as the button value', () => ({ value: '<!channel>' }), /does not exist/],
    ['a 2000+ character button value', () => ({ value: 'x'.repeat(2001) }), /does not exist/],
    ['an unknown request id', () => ({ value: 'sagr_000000000000' }), /does not exist/],
    ['another instance’s request id', () => ({ value: otherInstanceId }), /does not exist/],
    ['a click from another channel', () => ({ channelId: 'C0ELSEWHERE' }), /admin channel/],
    ['a click by someone who is not an approver', () => ({ userId: bystander.id }), /Only configured approvers/],
    ['a click by the requester, who is not an approver', () => ({ userId: requester.id }), /Only configured approvers/],
    ['an approver approving their own request', () => ({ message: ownAdmin }), /your own request/],
  ] as const)('Approve with %s is refused and audited', async (_what, forge, expected) => {
    const f = forge() as { value?: string; channelId?: string; userId?: string; message?: FakeMessage };
    const userId = f.userId ?? approver.id;
    const before = sb.slack.ephemerals(userId).length;
    const auditBefore = sb.bot.store.listAudit().filter((a) => a.action === 'refused_click').length;
    const res = await sb.driver.clickButton({ userId, message: f.message ?? admin, actionId: ACTION.approve, value: f.value, channelId: f.channelId });
    expect(res.status).toBe(200);
    await sb.waitUntil(() => sb.slack.ephemerals(userId).length > before, 'the refusal');
    const told = sb.slack.ephemerals(userId).at(-1)!;
    expect(told.text).toMatch(expected);
    expect(sb.bot.store.listAudit().filter((a) => a.action === 'refused_click').length).toBe(auditBefore + 1);
  });

  it('Deny with another instance’s request id opens no modal', async () => {
    const views = sb.slack.openedViews().length;
    const before = ephemeralsOf(approver.id);
    await sb.driver.clickButton({ userId: approver.id, message: admin, actionId: ACTION.deny, value: otherInstanceId });
    await sb.waitUntil(() => ephemeralsOf(approver.id) > before, 'the refusal');
    expect(sb.slack.openedViews()).toHaveLength(views);
  });

  it('Retry forged onto a pending request is refused', async () => {
    const forged: FakeMessage = { ...admin, blocks: [{ type: 'actions', block_id: 'forged', elements: [{ type: 'button', action_id: ACTION.retry, value: pendingId, text: { type: 'plain_text', text: 'Retry' } }] }] };
    const before = ephemeralsOf(approver.id);
    await sb.driver.clickButton({ userId: approver.id, message: forged, actionId: ACTION.retry });
    await sb.waitUntil(() => ephemeralsOf(approver.id) > before, 'the refusal');
    expect(sb.slack.ephemerals(approver.id).at(-1)!.text).toMatch(/already handled/);
  });

  it.each([
    ['empty', ''],
    ['an unknown request id', 'sagr_000000000000'],
    ['a mention', '<!channel>'],
    ['3000+ characters', 's'.repeat(LONG)],
  ])('the deny modal with %s as private_metadata is refused in the modal', async (_what, metadata) => {
    const res = await sb.driver.submitView({ userId: approver.id, view: { ...denyView, private_metadata: metadata }, values: { [DENY_REASON_BLOCK]: 'forged' } });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body);
    expect(body.response_action).toBe('errors');
    expect(body.errors[DENY_REASON_BLOCK]).toMatch(/does not exist/);
  });

  it.each([
    ['another instance’s request id, by an approver', () => ({ userId: approver.id, metadata: otherInstanceId }), /does not exist/],
    ['a real request id, by someone who is not an approver', () => ({ userId: bystander.id, metadata: pendingId }), /Only configured approvers/],
    ['a real request id, by its requester, who is not an approver', () => ({ userId: requester.id, metadata: pendingId }), /Only configured approvers/],
    ['an approver’s own request id, by that approver', () => ({ userId: approver.id, metadata: ownId }), /your own request/],
  ] as const)('the deny modal forged with %s is refused by ephemeral', async (_what, forge, expected) => {
    const { userId, metadata } = forge();
    const before = sb.slack.ephemerals(userId).length;
    const res = await sb.driver.submitView({ userId, view: { ...denyView, private_metadata: metadata }, values: { [DENY_REASON_BLOCK]: 'forged' } });
    expect(res.status).toBe(200);
    await sb.waitUntil(() => sb.slack.ephemerals(userId).length > before, 'the refusal');
    expect(sb.slack.ephemerals(userId).at(-1)!.text).toMatch(expected);
  });

  describe('raw payloads', () => {
    let requestView: FakeView;
    beforeAll(async () => {
      requestView = await sb.openRequestModal(bystander.id);
    });
    let n = 0;
    const submission = (patch: Record<string, unknown>) => ({
      type: 'view_submission',
      team: { id: 'T0001', domain: 'example' },
      user: { id: bystander.id, username: 'omar', team_id: 'T0001' },
      api_app_id: 'A123456',
      trigger_id: `raw.${++n}.${Date.now()}`,
      view: { ...requestView, state: { values: stateValues(requestView, form({ userMail: bystander.email, bandwidthKbps: '100' })) } },
      ...patch,
    });

    it('a submission without state gets field errors', async () => {
      const res = await postSigned(sb, payloadBody(submission({ view: { ...requestView, state: undefined } })));
      expect(res.status).toBe(200);
      expect(Object.keys(JSON.parse(res.body).errors).sort()).toEqual([FIELD_BLOCK.bandwidthKbps, FIELD_BLOCK.userMail].sort());
    });

    it('a submission whose values have the wrong types gets field errors', async () => {
      const values = { [FIELD_BLOCK.userMail]: { value: { value: 42 } }, [FIELD_BLOCK.bandwidthKbps]: { value: { value: { kbps: 100 } } }, [FIELD_BLOCK.clientIp]: { value: { value: ['10.10.0.5'] } }, [FIELD_BLOCK.reason]: 'not an object' };
      const res = await postSigned(sb, payloadBody(submission({ view: { ...requestView, state: { values } } })));
      expect(Object.keys(JSON.parse(res.body).errors).sort()).toEqual([FIELD_BLOCK.bandwidthKbps, FIELD_BLOCK.userMail].sort());
    });

    it('a submission with unknown blocks and fields is read for the known ones only', async () => {
      const view = submission({}).view as FakeView & { state: { values: Record<string, unknown> } };
      const values = { ...view.state.values, evil_block: { value: { type: 'plain_text_input', value: '<!channel>' } } };
      const res = await postSigned(sb, payloadBody(submission({ unknown_field: { nested: true }, view: { ...view, state: { values }, extra: 1 } })));
      expect(res.body).toBe('');
      const stored = sb.bot.store.listByRequester(bystander.id);
      expect(stored).toHaveLength(1);
      expect(JSON.stringify(stored[0])).not.toContain('<!channel>');
    });

    it('a click without a value, or without a channel, is refused', async () => {
      const click = (patch: Record<string, unknown>, action: Record<string, unknown>) => ({
        type: 'block_actions',
        user: { id: approver.id, username: 'alex', team_id: 'T0001' },
        api_app_id: 'A123456',
        trigger_id: `raw.${++n}.${Date.now()}`,
        team: { id: 'T0001', domain: 'example' },
        container: { type: 'message', message_ts: admin.ts, channel_id: SANDBOX.adminChannelId },
        channel: { id: SANDBOX.adminChannelId, name: 'admins' },
        message: { type: 'message', ts: admin.ts, text: admin.text, blocks: admin.blocks },
        actions: [{ type: 'button', action_id: ACTION.approve, block_id: `decide:${pendingId}`, action_ts: '1.2', ...action }],
        ...patch,
      });
      const before = ephemeralsOf(approver.id);
      expect((await postSigned(sb, payloadBody(click({}, {})))).status).toBe(200);
      expect((await postSigned(sb, payloadBody(click({ channel: undefined }, { value: pendingId })))).status).toBe(200);
      await sb.waitUntil(() => ephemeralsOf(approver.id) >= before + 2, 'both refusals');
    });

    it.each([
      ['a submission without a user', () => payloadBody(submission({ user: undefined })), 'application/x-www-form-urlencoded'],
      ['a payload that is not JSON', () => payloadBody('{"type": "view_submission"'), 'application/x-www-form-urlencoded'],
      ['an event whose event is null', () => JSON.stringify({ type: 'event_callback', event_id: 'Ev0NULL', team_id: 'T0001', event: null }), 'application/json'],
    ])('%s is answered 400', async (_what, body, contentType) => {
      const res = await postSigned(sb, body(), contentType);
      expect(res.status).toBe(400);
    });

    it('deliveries no listener knows (unknown callback, empty actions, no payload, unknown type) are left unanswered: 404, nothing done', async () => {
      const results = await Promise.all([
        postSigned(sb, payloadBody(submission({ view: { ...requestView, callback_id: 'evil_modal' } }))),
        postSigned(sb, payloadBody({ type: 'block_actions', user: { id: approver.id }, trigger_id: `raw.${++n}`, team: { id: 'T0001' }, actions: [] })),
        postSigned(sb, 'foo=bar'),
        postSigned(sb, payloadBody({ type: 'evil_type', trigger_id: `raw.${++n}` })),
      ]);
      expect(results.map((r) => r.status)).toEqual([404, 404, 404, 404]);
      expect(sb.bot.store.listByRequester(bystander.id)).toHaveLength(1);
    });
  });
});
