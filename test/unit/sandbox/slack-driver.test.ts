// The driver must look exactly like Slack to the bot: same shapes as the fixtures, signatures Bolt accepts.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { App, LogLevel, verifySlackRequest } from '@slack/bolt';
import { FakeSlack, type FakeView } from '../../../src/sandbox/fake-slack';
import { SlackDriver, signSlackRequest, stateValues } from '../../../src/sandbox/slack-driver';

const FIXTURES = '/work/shared/fixtures/slack';
const SECRET = 'test-signing-secret';
const TOKEN = 'xoxb-test-token';

const fixtureJson = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, any>;
const keys = (obj: unknown) => Object.keys(obj as object).sort();

const requestModal = {
  type: 'modal' as const,
  callback_id: 'vpn_request',
  private_metadata: 'C0GENERAL',
  title: { type: 'plain_text' as const, text: 'VPN access' },
  submit: { type: 'plain_text' as const, text: 'Request' },
  blocks: [
    { type: 'input', block_id: 'email', label: { type: 'plain_text', text: 'E-mail' }, element: { type: 'email_text_input', action_id: 'value' } },
    { type: 'input', block_id: 'bandwidth', label: { type: 'plain_text', text: 'Bandwidth' }, element: { type: 'number_input', is_decimal_allowed: false, action_id: 'value' } },
    {
      type: 'input',
      block_id: 'region',
      label: { type: 'plain_text', text: 'Region' },
      element: { type: 'static_select', action_id: 'pick', options: [{ text: { type: 'plain_text', text: 'Shanghai' }, value: 'cn-shanghai' }] },
    },
    { type: 'input', block_id: 'reason', optional: true, label: { type: 'plain_text', text: 'Reason' }, element: { type: 'plain_text_input', action_id: 'value' } },
  ],
};

const approvalBlocks = [
  { type: 'section', block_id: 'summary', text: { type: 'mrkdwn', text: 'steve@example.com asks for VPN access' } },
  {
    type: 'actions',
    block_id: 'decision',
    elements: [
      { type: 'button', action_id: 'approve', text: { type: 'plain_text', text: 'Approve', emoji: true }, style: 'primary', value: 'req-1' },
      { type: 'button', action_id: 'deny', text: { type: 'plain_text', text: 'Deny', emoji: true }, value: 'req-1' },
    ],
  },
];

interface Captured {
  headers: IncomingHttpHeaders;
  body: string;
}

/** Records what the driver sends, standing in for the bot's Request URL. */
async function captureServer(): Promise<{ url: string; requests: Captured[]; server: Server }> {
  const requests: Captured[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"response_action":"clear"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, requests, server };
}

function verify(req: Captured, secret = SECRET, nowMilliseconds?: number): void {
  verifySlackRequest({
    signingSecret: secret,
    body: req.body,
    headers: {
      'x-slack-signature': String(req.headers['x-slack-signature']),
      'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']),
    },
    nowMilliseconds,
  });
}

const payloadOf = (req: Captured) => JSON.parse(new URLSearchParams(req.body).get('payload') ?? 'null') as Record<string, any>;

describe('SlackDriver sends what Slack sends', () => {
  let capture: Awaited<ReturnType<typeof captureServer>>;
  let slack: FakeSlack;
  let driver: SlackDriver;

  beforeEach(async () => {
    capture = await captureServer();
    slack = new FakeSlack({ botToken: TOKEN, users: [{ id: 'U2147483697', name: 'steve', email: 'steve@example.com' }] });
    await slack.start();
    driver = new SlackDriver({ url: capture.url, signingSecret: SECRET, fakeSlack: slack });
  });

  afterEach(async () => {
    capture.server.closeAllConnections();
    await new Promise((resolve) => capture.server.close(resolve));
    await slack.stop();
  });

  it('signs like Slack: v0 HMAC-SHA256 over v0:ts:body', () => {
    // Slack's documented example request.
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(signSlackRequest('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });

  it('sends a slash command as a signed form with the fixture fields', async () => {
    const res = await driver.slashCommand({ userId: 'U2147483697', userName: 'Steve', channelId: 'C2147483705', text: 'hello world' });
    expect(res.status).toBe(200);

    const [req] = capture.requests;
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(() => verify(req)).not.toThrow();
    const fields = new URLSearchParams(req.body);
    const fixture = new URLSearchParams(readFileSync(join(FIXTURES, 'slash_command.txt'), 'utf8').trim());
    const withoutGrid = [...fixture.keys()].filter((k) => !k.startsWith('enterprise_'));
    expect([...fields.keys()]).toEqual(withoutGrid);
    expect(fields.get('command')).toBe('/sag-access');
    expect(fields.get('text')).toBe('hello world');
    // The trigger id is one FakeSlack will accept for views.open.
    expect(fields.get('trigger_id')).toMatch(/^\d+\.\d+\.[0-9a-f]{32}$/);
    expect(fields.get('response_url')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hooks\/commands\//);
  });

  it('sends Enterprise Grid fields when asked, matching the fixture key for key', async () => {
    const grid = new SlackDriver({ url: capture.url, signingSecret: SECRET, enterprise: { id: 'E0001', name: 'Globular Construct Inc' } });
    await grid.slashCommand({ userId: 'U2147483697' });
    const fixture = new URLSearchParams(readFileSync(join(FIXTURES, 'slash_command.txt'), 'utf8').trim());
    expect([...new URLSearchParams(capture.requests[0].body).keys()]).toEqual([...fixture.keys()]);
  });

  it('signatures from a wrong secret or a 10-minute-old timestamp fail Bolt verification', async () => {
    await driver.slashCommand({ userId: 'U2147483697' }, { signingSecret: 'not-the-secret' });
    await driver.slashCommand({ userId: 'U2147483697' }, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    const [wrongSecret, stale] = capture.requests;
    expect(() => verify(wrongSecret)).toThrow(/signature mismatch/);
    expect(() => verify(stale)).toThrow(/stale/);
  });

  it('submits a modal with view.state.values built from its input blocks, shaped like the fixture', async () => {
    const view = await openModal(slack);
    await driver.submitView({ userId: 'U2147483697', view, values: { email: 'steve@example.com', bandwidth: '20', region: 'cn-shanghai' } });

    const [req] = capture.requests;
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(() => verify(req)).not.toThrow();
    const payload = payloadOf(req);
    const fixture = fixtureJson('view_submission.json');
    expect(keys(payload)).toEqual(keys(fixture));
    expect(keys(payload.view)).toEqual(keys(fixture.view));
    expect(keys(payload.user)).toEqual(keys(fixture.user));
    expect(payload.view).toMatchObject({ id: view.id, hash: view.hash, callback_id: 'vpn_request', private_metadata: 'C0GENERAL' });
    expect(payload.view.state.values).toEqual({
      email: { value: { type: 'email_text_input', value: 'steve@example.com' } },
      bandwidth: { value: { type: 'number_input', value: '20' } },
      region: { pick: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'Shanghai' }, value: 'cn-shanghai' } } },
      reason: { value: { type: 'plain_text_input', value: null } },
    });
  });

  it('refuses to fill a block the modal does not have', async () => {
    const view = await openModal(slack);
    expect(() => stateValues(view, { nickname: 'x' })).toThrow(/no input block nickname/);
  });

  it('clicks a button in a message with the value the app set, shaped like the fixture', async () => {
    const message = await postApproval(slack);
    await driver.clickButton({ userId: 'U0APPROVER', userName: 'alex', message, actionId: 'approve' });

    const payload = payloadOf(capture.requests[0]);
    const fixture = fixtureJson('block_actions.json');
    expect(() => verify(capture.requests[0])).not.toThrow();
    expect(keys(payload)).toEqual(keys(fixture));
    for (const part of ['container', 'message', 'channel', 'team', 'user']) expect([part, keys(payload[part])]).toEqual([part, keys(fixture[part])]);
    expect(keys(payload.actions[0])).toEqual(keys(fixture.actions[0]));
    expect(payload.actions[0]).toMatchObject({ action_id: 'approve', block_id: 'decision', value: 'req-1', style: 'primary', type: 'button' });
    expect(payload.container).toEqual({ type: 'message', message_ts: message.ts, channel_id: 'C0ADMINS', is_ephemeral: false });
    expect(payload.message.blocks).toEqual(message.blocks);
  });

  it('can forge a button value, and cannot click a button that is not there', async () => {
    const message = await postApproval(slack);
    await driver.clickButton({ userId: 'U0APPROVER', message, actionId: 'deny', value: 'req-999' });
    expect(payloadOf(capture.requests[0]).actions[0]).toMatchObject({ action_id: 'deny', value: 'req-999' });
    expect(payloadOf(capture.requests[0]).actions[0]).not.toHaveProperty('style');
    await expect(driver.clickButton({ userId: 'U0APPROVER', message, actionId: 'escalate' })).rejects.toThrow(/no button with action_id 'escalate'/);
  });

  it('clicks a button in the App Home with a view container', async () => {
    await callFake(slack, 'views.publish', { user_id: 'U2147483697', view: { type: 'home', blocks: approvalBlocks } });
    const home = slack.homeView('U2147483697')!;
    await driver.clickViewButton({ userId: 'U2147483697', view: home, actionId: 'approve' });
    const payload = payloadOf(capture.requests[0]);
    expect(payload.container).toEqual({ type: 'view', view_id: home.id });
    expect(payload.view).toMatchObject({ id: home.id, type: 'home' });
    expect(payload).not.toHaveProperty('message');
  });

  it('sends events as signed JSON in the fixture envelope, with retry headers when asked', async () => {
    const event = { type: 'app_home_opened', user: 'U2147483697', channel: slack.dmChannelFor('U2147483697'), tab: 'home' };
    await driver.sendEvent(event, { eventId: 'Ev0PV52K21', retryNum: 1, retryReason: 'http_timeout' });

    const [req] = capture.requests;
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['x-slack-retry-num']).toBe('1');
    expect(req.headers['x-slack-retry-reason']).toBe('http_timeout');
    expect(() => verify(req)).not.toThrow();
    const body = JSON.parse(req.body);
    const fixture = fixtureJson('event_app_home_opened.json');
    expect(keys(body)).toEqual(keys(fixture));
    expect(keys(body.event)).toEqual(keys(fixture.event));
    expect(keys(body.authorizations[0])).toEqual(keys(fixture.authorizations[0]));
    expect(body).toMatchObject({ event_id: 'Ev0PV52K21', type: 'event_callback', authorizations: [{ user_id: 'U0BOT' }] });
  });

  it('reports the status, body and parsed JSON of the answer', async () => {
    const res = await driver.sendEvent({ type: 'team_join', user: { id: 'U0NEWHIRE' } });
    expect(res).toMatchObject({ status: 200, json: { response_action: 'clear' } });
    expect(res.elapsedMs).toBeGreaterThanOrEqual(0);
  });
});

describe('a real Bolt app accepts what the driver sends', () => {
  let slack: FakeSlack;
  let app: App;
  let driver: SlackDriver;

  beforeEach(async () => {
    slack = new FakeSlack({ botToken: TOKEN, users: [{ id: 'U0STEVE', name: 'steve', email: 'steve@example.com' }] });
    const { apiUrl } = await slack.start();
    app = new App({ token: TOKEN, signingSecret: SECRET, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: apiUrl } });
    app.command('/sag-access', async ({ ack, body, client }) => {
      await ack();
      await client.views.open({ trigger_id: body.trigger_id, view: requestModal });
    });
    app.view('vpn_request', async ({ ack, view }) => {
      const bandwidth = Number(view.state.values.bandwidth.value.value);
      if (bandwidth > 100) return ack({ response_action: 'errors', errors: { bandwidth: 'At most 100' } });
      await ack();
    });
    app.action('approve', async ({ ack, body, client }) => {
      await ack();
      if (body.type === 'block_actions' && body.channel && body.message) {
        await client.chat.update({ channel: body.channel.id, ts: body.message.ts, text: `Approved by <@${body.user.id}>`, blocks: [] });
      }
    });
    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
    driver = new SlackDriver({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, signingSecret: SECRET, fakeSlack: slack });
  });

  afterEach(async () => {
    await app.stop();
    await slack.stop();
  });

  it('a slash command opens the modal with a trigger id FakeSlack issued', async () => {
    const res = await driver.slashCommand({ userId: 'U0STEVE' });
    expect(res.status).toBe(200);
    const call = await slack.waitForCall('views.open');
    expect(call.response).toMatchObject({ ok: true });
    expect(slack.openedViews()).toHaveLength(1);
  });

  it('a view submission gets its field errors back in the HTTP response', async () => {
    const view = await openModal(slack);
    const res = await driver.submitView({ userId: 'U0STEVE', view, values: { email: 'steve@example.com', bandwidth: '500', region: 'cn-shanghai' } });
    expect(res).toMatchObject({ status: 200, json: { response_action: 'errors', errors: { bandwidth: 'At most 100' } } });
  });

  it('a button click reaches the action listener, which updates the message', async () => {
    const message = await postApproval(slack);
    const res = await driver.clickButton({ userId: 'U0STEVE', message, actionId: 'approve' });
    expect(res.status).toBe(200);
    await slack.waitForCall('chat.update');
    expect(slack.messages('C0ADMINS')[0]).toMatchObject({ text: 'Approved by <@U0STEVE>', blocks: [] });
  });

  it('a request signed with the wrong secret is refused', async () => {
    const res = await driver.slashCommand({ userId: 'U0STEVE' }, { signingSecret: 'wrong' });
    expect(res.status).toBe(401);
    expect(slack.calls('views.open')).toEqual([]);
  });
});

// ---------- helpers that go through FakeSlack's HTTP API, as the bot would ----------

async function callFake(slack: FakeSlack, method: string, args: Record<string, unknown>): Promise<Record<string, any>> {
  const form = new URLSearchParams(Object.entries(args).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  const res = await fetch(`${slack.apiUrl}${method}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: form });
  return (await res.json()) as Record<string, any>;
}

async function openModal(slack: FakeSlack): Promise<FakeView> {
  const res = await callFake(slack, 'views.open', { trigger_id: slack.issueTriggerId(), view: requestModal });
  return slack.view(res.view.id)!;
}

async function postApproval(slack: FakeSlack) {
  const res = await callFake(slack, 'chat.postMessage', { channel: 'C0ADMINS', text: 'steve@example.com asks for VPN access', blocks: approvalBlocks });
  return slack.messages('C0ADMINS').find((m) => m.ts === res.ts)!;
}
