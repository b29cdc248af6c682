// The core flow over Socket Mode: no HTTP port, envelopes over a WebSocket, and a reconnect Slack asks for mid-flow.
import { ACTION, FIELD_BLOCK } from '../../src/slack/blocks/ids';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox';
import { PEOPLE, SANDBOX } from '../../src/sandbox/world';
import { FakeSlack } from '../../src/sandbox/fake-slack';
import { SocketModeClient } from '@slack/socket-mode';
import WebSocket from 'ws';

const { requester, approver } = PEOPLE;

describe('Socket Mode, offline', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await startSandbox({ socketMode: true });
  });
  afterEach(async () => {
    await sb.stop();
  });

  it('connects with the app token and opens no HTTP port', async () => {
    expect(sb.config.slack.appToken).toBe(SANDBOX.appToken);
    expect(sb.bot.port).toBeUndefined();
    const open = sb.slack.calls('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0].token).toBe(SANDBOX.appToken);
    expect(sb.slack.socketMode!.openConnections).toBe(1);
  });

  it('runs command → modal → submission → approval → account → DM, surviving a reconnect Slack requests in the middle', async () => {
    const socket = sb.slack.socketMode!;
    const view = await sb.openRequestModal(requester.id);
    const refused = await sb.submitRequest(requester.id, { [FIELD_BLOCK.userMail]: requester.email, [FIELD_BLOCK.bandwidthKbps]: '9999' }, view);
    // The ack payload over the socket carries the field errors, as the HTTP response body does.
    expect(JSON.parse(refused.body)).toMatchObject({ response_action: 'errors', errors: { [FIELD_BLOCK.bandwidthKbps]: expect.stringMatching(/2000/) } });

    const accepted = await sb.submitRequest(requester.id, { [FIELD_BLOCK.userMail]: requester.email, [FIELD_BLOCK.bandwidthKbps]: '800' }, view);
    expect(accepted.body).toBe('');
    const admin = await sb.waitUntil(() => sb.latestAdminMessage(), 'the admin message');

    // Slack recycles the connection: the bot must fetch a new URL and carry on.
    expect(socket.requestReconnect('refresh_requested')).toBe(1);
    await expect(sb.driver.clickButton({ userId: approver.id, message: admin, actionId: ACTION.approve })).rejects.toThrow(/dispatch_failed/);
    await socket.waitForConnection(1, 20_000);
    expect(sb.slack.calls('apps.connections.open')).toHaveLength(2);

    const click = await sb.click(approver.id, admin, ACTION.approve);
    expect(click.status).toBe(200);
    const ready = await sb.waitUntil(() => sb.slack.dmsTo(requester.id).find((m) => m.text.includes('is ready')), 'the ready DM');
    expect(ready.text).toContain(requester.email);
    expect(sb.emulator.users(SANDBOX.instanceId)).toEqual([expect.objectContaining({ userMail: requester.email, bandwidthKbps: 800 })]);

    // Every envelope was acked with its own envelope_id, on the connection that carried it.
    const envelopes = socket.envelopes();
    expect(envelopes.map((e) => e.type)).toEqual(['slash_commands', 'interactive', 'interactive', 'interactive']);
    expect(envelopes.every((e) => e.ack !== undefined)).toBe(true);
    expect(new Set(envelopes.map((e) => e.connectionId)).size).toBe(2);
  }, 30_000);
});

describe('the fake Socket Mode endpoint', () => {
  let slack: FakeSlack;
  let client: SocketModeClient | undefined;
  beforeEach(async () => {
    slack = new FakeSlack({ botToken: SANDBOX.botToken, appToken: SANDBOX.appToken });
    await slack.start();
  });
  afterEach(async () => {
    await client?.disconnect();
    client = undefined;
    await slack.stop();
  });

  it.each([
    ['a wrong app token', 'xapp-1-A123456-not-the-token', 'invalid_auth'],
    ['the bot token', SANDBOX.botToken, 'not_allowed_token_type'],
  ])('refuses apps.connections.open with %s', async (_what, token, error) => {
    const res = await fetch(`${slack.apiUrl}apps.connections.open`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(await res.json()).toEqual({ ok: false, error });
  });

  it('accepts a connection URL once', async () => {
    const res = (await (await fetch(`${slack.apiUrl}apps.connections.open`, { method: 'POST', headers: { authorization: `Bearer ${SANDBOX.appToken}` } })).json()) as { url: string };
    expect(res.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=/);
    const first = new WebSocket(res.url);
    const hello = await new Promise<string>((resolve) => first.once('message', (data) => resolve(data.toString())));
    expect(JSON.parse(hello)).toMatchObject({ type: 'hello', num_connections: 1 });
    first.close();
    const second = new WebSocket(res.url);
    const refusal = await new Promise<number>((resolve) => {
      second.once('unexpected-response', (req, res) => {
        req.destroy();
        resolve(res.statusCode ?? 0);
      });
      second.once('open', () => resolve(101));
    });
    expect(refusal).toBe(401);
  });

  it('delivers envelopes to the official client, which acks them and reconnects when told', async () => {
    client = new SocketModeClient({ appToken: SANDBOX.appToken, clientOptions: { slackApiUrl: slack.apiUrl }, logLevel: undefined });
    client.on('slash_commands', async ({ ack, body }: { ack: (r?: unknown) => Promise<void>; body: { text: string } }) => {
      await ack({ text: `got ${body.text}` });
    });
    await client.start();
    const ack = await slack.socketMode!.deliver('slash_commands', { command: '/sag-access', text: 'hi' });
    expect(ack.payload).toEqual({ text: 'got hi' });

    slack.socketMode!.requestReconnect('warning');
    expect(slack.socketMode!.openConnections).toBe(0);
    await slack.socketMode!.waitForConnection(1, 20_000);
    expect(slack.calls('apps.connections.open')).toHaveLength(2);
    const again = await slack.socketMode!.deliver('slash_commands', { command: '/sag-access', text: 'again' });
    expect(again.payload).toEqual({ text: 'got again' });
  }, 30_000);
});
