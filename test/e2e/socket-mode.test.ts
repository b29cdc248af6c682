// The core flow over Socket Mode: no HTTP port, envelopes over a WebSocket, and a reconnect Slack asks for mid-flow.
import { ACTION, FIELD_BLOCK } from '../../src/slack/blocks/ids';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox';
import { PEOPLE, SANDBOX } from '../../src/sandbox/world';
import { RESTARTING_TEXT } from '../../src/slack/draining-gate';

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

  it('finishes provisioning in flight on stop and answers new commands over the socket with "restarting"', async () => {
    await sb.submitRequest(requester.id, { [FIELD_BLOCK.userMail]: requester.email, [FIELD_BLOCK.bandwidthKbps]: '100' });
    const admin = await sb.waitUntil(() => sb.latestAdminMessage(), 'the admin message');
    sb.emulator.setFaults({ latencyMs: 1000 });
    await sb.click(approver.id, admin, ACTION.approve);
    await sb.waitUntil(() => sb.emulator.calls.find((c) => c.action === 'CreateSmartAccessGatewayClientUser'), 'the Create call');
    const stopped = sb.bot.stop();
    const during = await sb.driver.slashCommand({ userId: PEOPLE.bystander.id });
    expect(during.json).toEqual({ response_type: 'ephemeral', text: RESTARTING_TEXT });
    await stopped;
    expect(sb.slack.dmsTo(requester.id).some((m) => m.text.includes('is ready'))).toBe(true);
    expect(sb.emulator.users(SANDBOX.instanceId)).toHaveLength(1);
  });
});
