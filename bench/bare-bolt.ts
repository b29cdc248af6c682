// The floor on this machine: a Bolt app that only acks the slash command and opens a fixed modal.
// Same environment variables, same Bolt and HTTP receiver as the bot; nothing else.
import { App, LogLevel } from '@slack/bolt';

const env = process.env;
const port = Number(env.PORT ?? 3000);

const FIXED_MODAL = {
  type: 'modal' as const,
  callback_id: 'bare_modal',
  title: { type: 'plain_text' as const, text: 'Request VPN access' },
  submit: { type: 'plain_text' as const, text: 'Submit' },
  blocks: [
    { type: 'input', block_id: 'mail', label: { type: 'plain_text', text: 'E-mail' }, element: { type: 'email_text_input', action_id: 'value' } },
    { type: 'input', block_id: 'reason', optional: true, label: { type: 'plain_text', text: 'Reason' }, element: { type: 'plain_text_input', action_id: 'value' } },
  ],
};

const app = new App({
  token: env.SLACK_BOT_TOKEN,
  signingSecret: env.SLACK_SIGNING_SECRET,
  logLevel: LogLevel.ERROR,
  clientOptions: env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL } : undefined,
});

app.command(env.SLASH_COMMAND ?? '/sag-access', async ({ ack, body, client }) => {
  await ack();
  await client.views.open({ trigger_id: body.trigger_id, view: FIXED_MODAL });
});

void (async () => {
  await app.start(port);
  process.stdout.write(`${JSON.stringify({ msg: `bare Bolt app listening on port ${port}` })}\n`);
})();

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    void app.stop().finally(() => process.exit(0));
  });
}
