// FakeSlack answers the real WebClient the way Slack does, so what passes against it means something.
import { LogLevel, WebClient, WebClientEvent, retryPolicies, type Logger } from '@slack/web-api';
import { FakeSlack } from '../../../src/sandbox/fake-slack';

const TOKEN = 'xoxb-test-token';

// WebClient logs Slack's response_metadata errors; keep the test output readable.
const quietLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

const modal = (overrides: Record<string, unknown> = {}) => ({
  type: 'modal' as const,
  callback_id: 'vpn_request',
  title: { type: 'plain_text' as const, text: 'VPN access' },
  submit: { type: 'plain_text' as const, text: 'Request' },
  blocks: [
    { type: 'input', block_id: 'email', label: { type: 'plain_text', text: 'E-mail' }, element: { type: 'email_text_input', action_id: 'value' } },
  ],
  ...overrides,
});

describe('FakeSlack answers the Web API like Slack', () => {
  let now = Date.now();
  let slack: FakeSlack;
  let client: WebClient;
  let apiUrl: string;

  beforeEach(async () => {
    now = Date.now();
    slack = new FakeSlack({
      botToken: TOKEN,
      now: () => now,
      users: [
        { id: 'U0STEVE', name: 'steve', email: 'Steve@Example.com' },
        { id: 'U0ALEX', name: 'alex', email: 'alex@example.com' },
      ],
      usergroups: { S0APPROVERS: ['U0ALEX'] },
    });
    ({ apiUrl } = await slack.start());
    client = new WebClient(TOKEN, { slackApiUrl: apiUrl, logger: quietLogger, retryConfig: { retries: 0 } });
  });

  afterEach(() => slack.stop());

  it('serves /api/ on 127.0.0.1 and answers auth.test for the bot', async () => {
    expect(apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    const auth = await client.auth.test();
    expect(auth).toMatchObject({ ok: true, user_id: 'U0BOT', team_id: 'T0001' });
  });

  it('refuses a wrong token with invalid_auth and a missing one with not_authed', async () => {
    const wrong = new WebClient('xoxb-wrong', { slackApiUrl: apiUrl, logger: quietLogger, retryConfig: { retries: 0 } });
    await expect(wrong.auth.test()).rejects.toMatchObject({ data: { ok: false, error: 'invalid_auth' } });
    const none = new WebClient(undefined, { slackApiUrl: apiUrl, logger: quietLogger, retryConfig: { retries: 0 } });
    await expect(none.auth.test()).rejects.toMatchObject({ data: { error: 'not_authed' } });
    expect(slack.calls('auth.test').map((c) => c.token)).toEqual(['xoxb-wrong', undefined]);
  });

  it('answers unknown_method for a method it does not know', async () => {
    await expect(client.apiCall('chat.frobnicate', {})).rejects.toMatchObject({ data: { error: 'unknown_method' } });
  });

  it('accepts a trigger id once and within 3 seconds', async () => {
    const trigger = slack.issueTriggerId();
    const opened = await client.views.open({ trigger_id: trigger, view: modal() });
    expect(opened.view).toMatchObject({ id: expect.stringMatching(/^V/), type: 'modal', state: { values: {} }, callback_id: 'vpn_request' });
    expect(slack.openedViews()).toHaveLength(1);

    await expect(client.views.open({ trigger_id: trigger, view: modal() })).rejects.toMatchObject({ data: { error: 'exchanged_trigger_id' } });
    await expect(client.views.open({ trigger_id: 'made.up.trigger', view: modal() })).rejects.toMatchObject({ data: { error: 'invalid_trigger_id' } });

    const late = slack.issueTriggerId();
    now += 3001;
    await expect(client.views.open({ trigger_id: late, view: modal() })).rejects.toMatchObject({ data: { error: 'expired_trigger_id' } });
  });

  it('rejects a modal whose title is longer than 24 characters, pointing at the field', async () => {
    const view = modal({ title: { type: 'plain_text', text: 'Request VPN access for me now' } });
    const err = await client.views.open({ trigger_id: slack.issueTriggerId(), view }).catch((e: { data: unknown }) => e.data);
    expect(err).toMatchObject({ ok: false, error: 'invalid_arguments', response_metadata: { messages: [expect.stringContaining('/view/title/text')] } });
  });

  it('rejects a modal with input blocks but no submit button', async () => {
    const view = modal({ submit: undefined });
    await expect(client.views.open({ trigger_id: slack.issueTriggerId(), view })).rejects.toMatchObject({ data: { error: 'invalid_arguments' } });
  });

  it('updates a view by id, refuses a stale hash with hash_conflict and an unknown id with not_found', async () => {
    const { view } = await client.views.open({ trigger_id: slack.issueTriggerId(), view: modal() });
    const id = view!.id!;
    const first = await client.views.update({ view_id: id, hash: view!.hash, view: modal({ private_metadata: 'req-1' }) });
    expect(first.view?.hash).not.toEqual(view!.hash);
    expect(slack.view(id)?.private_metadata).toBe('req-1');

    await expect(client.views.update({ view_id: id, hash: view!.hash, view: modal() })).rejects.toMatchObject({ data: { error: 'hash_conflict' } });
    await expect(client.views.update({ view_id: 'V404', view: modal() })).rejects.toMatchObject({ data: { error: 'not_found' } });
  });

  it('publishes one home view per user', async () => {
    await client.views.publish({ user_id: 'U0STEVE', view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Hi' } }] } });
    await client.views.publish({ user_id: 'U0STEVE', view: { type: 'home', blocks: [] } });
    expect(slack.homeView('U0STEVE')?.blocks).toEqual([]);
    await expect(client.views.publish({ user_id: 'U0STEVE', view: modal() as never })).rejects.toMatchObject({ data: { error: 'invalid_arguments' } });
  });

  it('posts a DM to a user id into a stable D… channel and decodes the blocks', async () => {
    const blocks = [{ type: 'section', block_id: 'intro', text: { type: 'mrkdwn', text: 'Your request is pending' } }];
    const posted = await client.chat.postMessage({ channel: 'U0STEVE', text: 'Your request is pending', blocks });
    const { channel } = await client.conversations.open({ users: 'U0STEVE' });
    expect(posted.channel).toBe(channel?.id);
    expect(slack.dmOwner(channel!.id!)).toBe('U0STEVE');
    expect(slack.dmsTo('U0STEVE')).toEqual([expect.objectContaining({ ts: posted.ts, text: 'Your request is pending', blocks, user: 'U0BOT' })]);
    expect(slack.calls('chat.postMessage')[0].args.blocks).toEqual(blocks);
  });

  it('refuses messages without text, with too many blocks or too long text', async () => {
    await expect(client.chat.postMessage({ channel: 'C0ADMINS' } as never)).rejects.toMatchObject({ data: { error: 'no_text' } });
    const many = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    await expect(client.chat.postMessage({ channel: 'C0ADMINS', text: 'x', blocks: many })).rejects.toMatchObject({ data: { error: 'invalid_blocks' } });
    await expect(client.chat.postMessage({ channel: 'C0ADMINS', text: 'x'.repeat(40001) })).rejects.toMatchObject({ data: { error: 'msg_too_long' } });
    await expect(client.chat.postMessage({ channel: '#admins', text: 'x' })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
  });

  it('chat.update replaces the text and blocks of the message, keeping blocks when omitted', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0ADMINS', text: 'Pending', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Pending' } }] });
    await client.chat.update({ channel: 'C0ADMINS', ts: posted.ts!, text: 'Approved', blocks: [{ type: 'section', block_id: 'done', text: { type: 'mrkdwn', text: 'Approved by alex' } }] });
    await client.chat.update({ channel: 'C0ADMINS', ts: posted.ts!, text: 'Approved (2)' });

    const [message] = slack.messages('C0ADMINS');
    expect(message.text).toBe('Approved (2)');
    expect(message.blocks).toEqual([expect.objectContaining({ block_id: 'done' })]);
    await expect(client.chat.update({ channel: 'C0ADMINS', ts: '1.000001', text: 'x' })).rejects.toMatchObject({ data: { error: 'message_not_found' } });
  });

  it('keeps ephemerals apart from channel messages', async () => {
    const res = await client.chat.postEphemeral({ channel: 'C0GENERAL', user: 'U0STEVE', text: 'Only you can see this' });
    expect(res.message_ts).toBeDefined();
    expect(slack.ephemerals('U0STEVE')).toEqual([expect.objectContaining({ text: 'Only you can see this', channel: 'C0GENERAL' })]);
    expect(slack.messages('C0GENERAL')).toEqual([]);
  });

  it('looks users up by e-mail case-insensitively and answers users_not_found otherwise', async () => {
    const found = await client.users.lookupByEmail({ email: 'steve@EXAMPLE.com' });
    expect(found.user).toMatchObject({ id: 'U0STEVE', is_bot: false, profile: { email: 'Steve@Example.com' } });
    await expect(client.users.lookupByEmail({ email: 'nobody@example.com' })).rejects.toMatchObject({ data: { error: 'users_not_found' } });
    await expect(client.users.info({ user: 'U0NOBODY' })).rejects.toMatchObject({ data: { error: 'user_not_found' } });
  });

  it('lists usergroup members and answers no_such_subteam for unknown groups', async () => {
    await expect(client.usergroups.users.list({ usergroup: 'S0APPROVERS' })).resolves.toMatchObject({ users: ['U0ALEX'] });
    slack.setUsergroup('S0APPROVERS', ['U0ALEX', 'U0STEVE']);
    await expect(client.usergroups.users.list({ usergroup: 'S0APPROVERS' })).resolves.toMatchObject({ users: ['U0ALEX', 'U0STEVE'] });
    await expect(client.usergroups.users.list({ usergroup: 'S0NOPE' })).rejects.toMatchObject({ data: { error: 'no_such_subteam' } });
  });

  it('waitForCall resolves on a call that has not happened yet', async () => {
    const waiting = slack.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0ADMINS');
    await client.chat.postMessage({ channel: 'C0OTHER', text: 'not this one' });
    await client.chat.postMessage({ channel: 'C0ADMINS', text: 'this one' });
    await expect(waiting).resolves.toMatchObject({ args: { text: 'this one' }, status: 200 });
    await expect(slack.waitForCall('views.open', undefined, 50)).rejects.toThrow(/no matching views.open/);
  });
});

describe('FakeSlack rate limits chat.postMessage per channel', () => {
  let slack: FakeSlack;
  let apiUrl: string;

  beforeEach(async () => {
    slack = new FakeSlack({ botToken: TOKEN, postMessageRatePerChannel: { perSecond: 1 } });
    ({ apiUrl } = await slack.start());
  });

  afterEach(() => slack.stop());

  it('answers 429 with Retry-After, and WebClient waits and retries', async () => {
    const client = new WebClient(TOKEN, { slackApiUrl: apiUrl, logger: quietLogger, retryConfig: retryPolicies.rapidRetryPolicy });
    const rateLimited = jest.fn();
    client.on(WebClientEvent.RATE_LIMITED, rateLimited);

    const started = Date.now();
    const results = await Promise.all([
      client.chat.postMessage({ channel: 'C0ADMINS', text: 'first' }),
      client.chat.postMessage({ channel: 'C0ADMINS', text: 'second' }),
      client.chat.postMessage({ channel: 'C0OTHER', text: 'other channel' }),
    ]);

    expect(results.every((r) => r.ok)).toBe(true);
    expect(rateLimited).toHaveBeenCalledWith(1, expect.anything());
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(slack.calls('chat.postMessage').map((c) => c.status).sort()).toEqual([200, 200, 200, 429]);
    expect(slack.messages('C0ADMINS').map((m) => m.text).sort()).toEqual(['first', 'second']);
  });

  it('with rejectRateLimitedCalls the client sees the 429 at once', async () => {
    const client = new WebClient(TOKEN, { slackApiUrl: apiUrl, logger: quietLogger, rejectRateLimitedCalls: true });
    await client.chat.postMessage({ channel: 'C0ADMINS', text: 'first' });
    await expect(client.chat.postMessage({ channel: 'C0ADMINS', text: 'second' })).rejects.toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 1 });
  });
});
