// The Socket Mode side of the fake Slack: tokens, one-time URLs, envelopes and acks, reconnects, with Slack's own client.
import { SocketModeClient } from '@slack/socket-mode';
import WebSocket from 'ws';
import { FakeSlack } from '../../../src/sandbox/fake-slack';
import { SANDBOX } from '../../../src/sandbox/world';

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
