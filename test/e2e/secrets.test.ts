// After full runs (success with a generated password, a failure with another, a denial, refusals), no secret
// is in a log line, in anything sent to Slack but the one credentials DM, in the cloud calls or in the database files.
import fs from 'node:fs';
import { ACTION, DENY_REASON_BLOCK } from '../../src/slack/blocks/ids';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox';
import type { SmartagApi } from '../../src/services/ports';
import { PEOPLE, SANDBOX } from '../../src/sandbox/world';
import { form, requestIdIn, submitAndFindAdminMessage } from './helpers';

const { requester, approver, groupApprover, newHire, bystander } = PEOPLE;

/** Wraps the real client to learn every password the bot generated, including ones it never delivered. */
function passwordSpy(seen: string[]): (api: SmartagApi) => SmartagApi {
  return (api) => ({
    createClientUser: (input) => {
      if (input.credentials) seen.push(input.credentials.password);
      return api.createClientUser(input);
    },
    describeClientUsers: (query) => api.describeClientUsers(query),
    ...(api.resetClientUserPassword
      ? {
          resetClientUserPassword: (input) => {
            seen.push(input.credentials.password);
            return api.resetClientUserPassword!(input);
          },
        }
      : {}),
  });
}

function databaseFiles(dbPath: string): Array<{ file: string; bytes: Buffer }> {
  return ['', '-wal', '-shm', '-journal'].map((suffix) => dbPath + suffix).filter((f) => fs.existsSync(f)).map((file) => ({ file, bytes: fs.readFileSync(file) }));
}

describe('secrets never leak', () => {
  for (const logLevel of ['info', 'debug', 'trace']) {
    describe(`with LOG_LEVEL=${logLevel}`, () => {
      let sb: Sandbox;
      const passwords: string[] = [];
      beforeAll(async () => {
        sb = await startSandbox({ logLevel, env: { LOG_LEVEL: logLevel }, wrapSmartag: passwordSpy(passwords) });
      });
      afterAll(async () => {
        await sb.stop();
      });

      it('a full run leaves the AccessKey secret, bot token, signing secret and generated passwords nowhere but the credentials DM', async () => {
        // 1. Success with a user name: a password is generated and sent by DM to the account holder.
        const ok = await submitAndFindAdminMessage(sb, requester.id, form({ userMail: newHire.email, bandwidthKbps: '500', userName: 'nina.vpn', reason: 'New hire' }));
        await sb.click(bystander.id, ok, ACTION.approve);
        await sb.click(approver.id, ok, ACTION.approve);
        const creds = await sb.waitUntil(() => sb.slack.dmsTo(newHire.id).find((m) => m.text.includes('Password:')), 'the credentials DM');
        await sb.waitUntil(() => sb.slack.dmsTo(requester.id).find((m) => m.text.includes('is ready')), 'the ready DM');

        // 2. Failure with a user name: another password is generated, sent to the cloud, refused, and must vanish.
        const taken = await submitAndFindAdminMessage(sb, requester.id, form({ userMail: bystander.email, bandwidthKbps: '100', userName: 'nina.vpn' }));
        await sb.click(groupApprover.id, taken, ACTION.approve);
        await sb.waitUntil(() => sb.bot.store.get(requestIdIn(taken))!.status === 'failed', 'the failure');

        // 3. A denial, and a click after it.
        const denied = await submitAndFindAdminMessage(sb, bystander.id, form({ userMail: 'someone@example.com', bandwidthKbps: '100', userName: 'someone.vpn' }));
        await sb.click(approver.id, denied, ACTION.deny);
        const view = await sb.waitUntil(() => sb.slack.openedViews().find((v) => v.private_metadata === requestIdIn(denied)), 'the deny modal');
        await sb.driver.submitView({ userId: approver.id, view, values: { [DENY_REASON_BLOCK]: 'Not needed' } });
        await sb.waitUntil(() => sb.slack.dmsTo(bystander.id).some((m) => m.text.includes('denied')), 'the denial DM');
        await sb.click(approver.id, denied, ACTION.approve);

        expect(passwords).toHaveLength(2);
        const [delivered, neverDelivered] = passwords;
        expect(creds.text).toContain(delivered);
        const secrets: Record<string, string> = {
          'AccessKey secret': SANDBOX.accessKeySecret,
          'bot token': SANDBOX.botToken,
          'signing secret': SANDBOX.signingSecret,
          'delivered password': delivered,
          'undelivered password': neverDelivered,
        };

        // Logs: every line the bot wrote.
        const logs = sb.logs.join('\n');
        expect(sb.logs.length).toBeGreaterThan(logLevel === 'info' ? 0 : 50);
        // Slack: every call but the credentials DM (the token travels as the bearer header, not in the calls).
        const credentialsDm = sb.slack.calls('chat.postMessage').filter((c) => String(c.args.text).includes(delivered));
        expect(credentialsDm).toHaveLength(1);
        expect(credentialsDm[0].args.channel).toBe(sb.slack.dmChannelFor(newHire.id));
        const slackCalls = JSON.stringify(sb.slack.calls().filter((c) => !credentialsDm.includes(c)).map((c) => ({ method: c.method, args: c.args, response: c.response })));
        // The cloud: what the emulator received (parameters as sent).
        const cloudCalls = JSON.stringify(sb.emulator.calls);
        // The database files while the bot runs (WAL not yet checkpointed) and after it stops.
        const live = databaseFiles(sb.databasePath);
        expect(live.some((f) => f.file.endsWith('-wal') && f.bytes.length > 0)).toBe(true);

        const found: string[] = [];
        for (const [name, secret] of Object.entries(secrets)) {
          if (logs.includes(secret)) found.push(`${name} in the logs`);
          if (slackCalls.includes(secret)) found.push(`${name} in a Slack call`);
          if (cloudCalls.includes(secret)) found.push(`${name} in a SmartAG call's recorded parameters`);
          for (const { file, bytes } of live) if (bytes.includes(Buffer.from(secret, 'utf8'))) found.push(`${name} in ${file}`);
        }
        expect(found).toEqual([]);
        // The only copy of the undelivered password left the process inside the signed Create call.
        expect(JSON.stringify(credentialsDm)).not.toContain(neverDelivered);
      });
    });
  }
});
