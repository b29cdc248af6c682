// Starts the whole world on loopback: SmartAG emulator, fake Slack Web API and the bot in HTTP mode.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { loadConfig, type Config } from '../config';
import { createLogger } from '../logging';
import { smartagClientFor, startBot, type RunningBot } from '../run';
import type { Clock, SmartagApi } from '../services/ports';
import { ACTION, FIELD_BLOCK } from '../slack/blocks/ids';
import { FakeSlack, type FakeMessage, type FakeView } from './fake-slack';
import { SlackDriver, type DriverResponse } from './slack-driver';
import { SmartagEmulator } from './smartag-emulator';
import { PEOPLE, SANDBOX, SANDBOX_USERS } from './world';
import { waitUntil } from './wait';

export interface SandboxOptions {
  /** Extra or overriding environment for the bot (e.g. SAG_CLIENT_CIDR, SLACK_APPROVER_IDS). */
  env?: Record<string, string>;
  /** The emulator's instance settings. */
  instance?: { clientCidr?: string | null; userQuota?: number; maxBandwidthKbps?: number };
  /** SmartAG actions the bot's RAM identity may not call (the emulator answers 403 Forbidden.RAM). */
  deniedActions?: string[];
  databasePath?: string;
  clock?: Clock;
  /** Wraps the real SmartAG client (e.g. to count or delay calls). */
  wrapSmartag?: (api: SmartagApi) => SmartagApi;
  /** Reminder and expiry timer period; 0 turns it off so tests drive runDueWork with their clock. */
  followUpEveryMs?: number;
  logLevel?: string;
  /** Runs the bot in Socket Mode: the fake Slack serves apps.connections.open and the driver sends envelopes. */
  socketMode?: boolean;
}

export interface Sandbox {
  config: Config;
  slack: FakeSlack;
  emulator: SmartagEmulator;
  bot: RunningBot;
  driver: SlackDriver;
  /** Every log line the bot wrote, for secret greps. */
  logs: string[];
  databasePath: string;
  stop(): Promise<void>;
  /** Runs the slash command and returns the modal as it stands once the e-mail pre-fill is done. */
  openRequestModal(userId: string): Promise<FakeView>;
  submitRequest(userId: string, values: Record<string, string | null>, view?: FakeView): Promise<DriverResponse>;
  adminMessageFor(requestId: string): FakeMessage | undefined;
  latestAdminMessage(): FakeMessage | undefined;
  click(userId: string, message: FakeMessage, actionId: string, channelId?: string): Promise<DriverResponse>;
  waitUntil<T>(probe: () => T | undefined | false, what: string, timeoutMs?: number): Promise<T>;
}

export function sandboxEnv(urls: { slackApiUrl: string; emulatorUrl: string; databasePath: string }): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: SANDBOX.botToken,
    SLACK_SIGNING_SECRET: SANDBOX.signingSecret,
    SLACK_API_URL: urls.slackApiUrl,
    PORT: '1',
    SLACK_ADMIN_CHANNEL_ID: SANDBOX.adminChannelId,
    SLACK_APPROVER_IDS: `${PEOPLE.approver.id},${SANDBOX.approverGroupId}`,
    SAG_REGION_ID: SANDBOX.regionId,
    SAG_INSTANCE_ID: SANDBOX.instanceId,
    SAG_CLIENT_CIDR: SANDBOX.clientCidr,
    SAG_MAX_BANDWIDTH_KBPS: '2000',
    SAG_DEFAULT_BANDWIDTH_KBPS: '1000',
    SAG_ENDPOINT: urls.emulatorUrl,
    ALIBABA_CLOUD_ACCESS_KEY_ID: SANDBOX.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: SANDBOX.accessKeySecret,
    DATABASE_PATH: urls.databasePath,
    LOG_LEVEL: 'info',
  };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const emulator = new SmartagEmulator({
    accessKeys: [{ id: SANDBOX.accessKeyId, secret: SANDBOX.accessKeySecret }],
    deniedActions: options.deniedActions,
    instances: [
      {
        regionId: SANDBOX.regionId,
        instanceId: SANDBOX.instanceId,
        clientCidr: options.instance?.clientCidr === null ? undefined : (options.instance?.clientCidr ?? SANDBOX.clientCidr),
        userQuota: options.instance?.userQuota ?? 100,
        maxBandwidthKbps: options.instance?.maxBandwidthKbps ?? 2000,
      },
    ],
  });
  const slack = new FakeSlack({
    botToken: SANDBOX.botToken,
    users: SANDBOX_USERS,
    usergroups: { [SANDBOX.approverGroupId]: [PEOPLE.groupApprover.id] },
    appToken: options.socketMode ? SANDBOX.appToken : undefined,
  });
  const [{ url: emulatorUrl }, { apiUrl }] = await Promise.all([emulator.start(), slack.start()]);
  const databasePath = options.databasePath ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sag-bot-')), 'bot.db');
  const env = { ...sandboxEnv({ slackApiUrl: apiUrl, emulatorUrl, databasePath }), ...(options.socketMode ? { SLACK_APP_TOKEN: SANDBOX.appToken } : {}), ...options.env };
  // A bad setting must not leave the emulator and fake Slack running (a test would hang on them).
  const stopServers = () => Promise.all([slack.stop(), emulator.stop()]);
  let config: Config;
  try {
    config = { ...loadConfig(env) };
  } catch (err) {
    await stopServers();
    throw err;
  }
  config.slack = { ...config.slack, port: 0 };

  const logs: string[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => logs.push(...chunk.toString().split('\n').filter(Boolean)));
  const logger = createLogger(options.logLevel ?? 'info', [SANDBOX.botToken, SANDBOX.signingSecret, SANDBOX.accessKeySecret, SANDBOX.appToken], sink);

  const smartag = options.wrapSmartag ? options.wrapSmartag(smartagClientFor(config)) : undefined;
  let bot: RunningBot;
  try {
    bot = await startBot(config, { logger, clock: options.clock, smartag, followUpEveryMs: options.followUpEveryMs });
  } catch (err) {
    await stopServers();
    throw err;
  }
  const driver = new SlackDriver({
    ...(slack.socketMode ? { socketMode: slack.socketMode } : { url: `http://127.0.0.1:${bot.port}/slack/events` }),
    signingSecret: SANDBOX.signingSecret,
    fakeSlack: slack,
  });

  const adminMessages = () => slack.messages(config.slack.adminChannelId).filter((m) => !m.threadTs);

  const sandbox: Sandbox = {
    config,
    slack,
    emulator,
    bot,
    driver,
    logs,
    databasePath,
    async stop() {
      await bot.stop();
      await Promise.all([slack.stop(), emulator.stop()]);
    },
    async openRequestModal(userId) {
      const seen = { open: slack.calls('views.open').length, info: slack.calls('users.info').length, update: slack.calls('views.update').length };
      const res = await driver.slashCommand({ userId });
      if (res.status !== 200) throw new Error(`slash command answered ${res.status}`);
      const opened = await waitUntil(() => slack.calls('views.open').slice(seen.open).find((c) => c.response.ok), 'views.open');
      const viewId = (opened.response.view as { id: string }).id;
      // Opened already pre-filled from the bot's profile cache: nothing more will come.
      const mailInput = slack.view(viewId)!.blocks.find((b) => b.block_id === FIELD_BLOCK.userMail) as { element?: { initial_value?: string } } | undefined;
      if (mailInput?.element?.initial_value) return slack.view(viewId)!;
      // Submit the view as it stands after the e-mail pre-fill, as a person would see it.
      const info = await waitUntil(() => slack.calls('users.info').slice(seen.info)[0], 'users.info');
      const email = (info.response.user as { profile?: { email?: string } } | undefined)?.profile?.email;
      if (info.response.ok && email) {
        await waitUntil(() => slack.calls('views.update').slice(seen.update).some((c) => c.args.view_id === viewId), 'e-mail pre-fill');
      }
      return slack.view(viewId)!;
    },
    async submitRequest(userId, values, view) {
      const v = view ?? (await sandbox.openRequestModal(userId));
      return driver.submitView({ userId, view: v, values });
    },
    adminMessageFor(requestId) {
      return adminMessages().find((m) => JSON.stringify(m.blocks).includes(requestId));
    },
    latestAdminMessage() {
      const all = adminMessages();
      return all[all.length - 1];
    },
    click(userId, message, actionId = ACTION.approve, channelId) {
      return driver.clickButton({ userId, message, actionId, channelId });
    },
    waitUntil,
  };
  return sandbox;
}
