// A burst into one channel waits out Slack's 429s in that channel only; nothing else stalls and nothing is dropped.
import { FakeSlack } from '../../../src/sandbox/fake-slack';
import { PacedWebClient } from '../../../src/slack/paced-client';

const TOKEN = 'xoxb-paced-client-test';
// One Slack second lasts 20 ms in the fake; the client's waits are scaled the same way.
const SECOND_MS = 20;
const scaledSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, (ms * SECOND_MS) / 1000));

describe('the paced notifier client', () => {
  let slack: FakeSlack;
  beforeEach(async () => {
    slack = new FakeSlack({ botToken: TOKEN, users: [{ id: 'U0DANA', name: 'dana' }], postMessageRatePerChannel: { perSecond: 1, secondMs: SECOND_MS } });
    await slack.start();
  });
  afterEach(async () => {
    await slack.stop();
  });

  it('posts a burst to one channel in order, one per Slack second, while another channel is not held back', async () => {
    const client = new PacedWebClient(TOKEN, { slackApiUrl: slack.apiUrl }, { sleep: scaledSleep });
    const burst = Array.from({ length: 8 }, (_, i) => client.chat.postMessage({ channel: 'C0ADMINS', text: `request ${i}` }));
    const dm = await client.chat.postMessage({ channel: 'U0DANA', text: 'your request is waiting' });
    expect(dm.ok).toBe(true);
    // The DM went through while most of the burst was still waiting its turn.
    expect(slack.messages('C0ADMINS').length).toBeLessThan(8);
    await Promise.all(burst);
    expect(slack.messages('C0ADMINS').map((m) => m.text)).toEqual(Array.from({ length: 8 }, (_, i) => `request ${i}`));
    const accepted = slack.calls('chat.postMessage').filter((c) => c.args.channel === 'C0ADMINS' && c.status === 200);
    for (let i = 1; i < accepted.length; i++) expect(accepted[i].at - accepted[i - 1].at).toBeGreaterThanOrEqual(SECOND_MS - 1);
  });

  it('gives up once it has waited maxWaitMs, so the caller can tell someone', async () => {
    const client = new PacedWebClient(TOKEN, { slackApiUrl: slack.apiUrl }, { sleep: async () => undefined, maxWaitMs: 3000 });
    await client.chat.postMessage({ channel: 'C0ADMINS', text: 'first' });
    // The fake's window has not moved (the sleep is instant), so every retry is refused.
    await expect(client.chat.postMessage({ channel: 'C0ADMINS', text: 'second' })).rejects.toMatchObject({ code: 'slack_webapi_rate_limited_error' });
    expect(slack.calls('chat.postMessage').filter((c) => c.status === 429)).toHaveLength(4);
  });

  it('leaves other errors alone', async () => {
    const client = new PacedWebClient(TOKEN, { slackApiUrl: slack.apiUrl }, { sleep: scaledSleep });
    await expect(client.chat.postMessage({ channel: 'not-a-channel', text: 'x' })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
    expect(slack.calls('chat.postMessage')).toHaveLength(1);
  });
});
