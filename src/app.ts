// Builds the Bolt App and the use-case dependencies from injected adapters.
import { App, type CustomRoute } from '@slack/bolt';
import type { Logger as Pino } from 'pino';
import type { Config } from './config';
import { boltLogger } from './logging';
import { newRequestId, secureRandomBytes, type BotDeps } from './services/deps';
import type { Clock, RequestStore, SmartagApi } from './services/ports';
import { systemClock } from './services/ports';
import { homesOf } from './services/home';
import { registerListeners } from './slack/listeners';
import { slackHttpReceiver } from './slack/http-receiver';
import { drainingGate } from './slack/draining-gate';
import { PacedWebClient } from './slack/paced-client';
import type { InFlightWork } from './in-flight-work';
import { SlackApproverDirectory, SlackNotifier } from './slack/notifier';

export interface BotPorts {
  store: RequestStore;
  smartag: SmartagApi;
  logger: Pino;
  clock?: Clock;
  randomBytes?: (n: number) => Uint8Array;
  newRequestId?: () => string;
  customRoutes?: CustomRoute[];
  /** Tracks every interaction's work so a stop can wait for it, and turns new work away while stopping. */
  inFlight?: InFlightWork;
  /** How the notifier waits out Slack's Retry-After; the bench scales time through it. */
  sleep?: (ms: number) => Promise<void>;
}

export interface Bot {
  app: App;
  deps: BotDeps;
}

export function createBot(config: Config, ports: BotPorts): Bot {
  const clock = ports.clock ?? systemClock;
  const boltLog = boltLogger(ports.logger);
  const app = new App({
    token: config.slack.botToken,
    logger: boltLog,
    clientOptions: config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : undefined,
    ...(config.slack.appToken
      ? { socketMode: true, appToken: config.slack.appToken }
      : { receiver: slackHttpReceiver({ signingSecret: config.slack.signingSecret, customRoutes: ports.customRoutes, logger: boltLog }) }),
  });
  // A burst of requests into the admin channel must not stall DMs and updates: 429s wait per channel (paced-client.ts).
  const notifierClient = new PacedWebClient(
    config.slack.botToken,
    { slackApiUrl: config.slack.apiUrl, logger: boltLogger(ports.logger) },
    { sleep: ports.sleep },
  );
  const deps: BotDeps = {
    store: ports.store,
    smartag: ports.smartag,
    notifier: new SlackNotifier(notifierClient, config.slack.adminChannelId, config.locale, config.slack.command, config.slack.approverIds, clock),
    approvers: new SlackApproverDirectory(app.client, config.slack.approverIds, clock, ports.logger),
    clock,
    logger: ports.logger,
    settings: {
      regionId: config.sag.regionId,
      instanceId: config.sag.instanceId,
      adminChannelId: config.slack.adminChannelId,
      limits: { maxBandwidthKbps: config.sag.maxBandwidthKbps, clientCidr: config.sag.clientCidr },
      defaultBandwidthKbps: config.sag.defaultBandwidthKbps,
      locale: config.locale,
      command: config.slack.command,
      selfService: {
        welcomeNewMembers: config.selfService.welcomeNewMembers,
        allowRequestsForOthers: config.selfService.allowRequestsForOthers,
        reminderAfterMs: config.selfService.reminderAfterMs,
        requestTtlMs: config.selfService.requestTtlMs,
        approvalPolicy: config.selfService.approvalPolicy,
      },
    },
    newRequestId: ports.newRequestId ?? newRequestId,
    randomBytes: ports.randomBytes ?? secureRandomBytes,
  };
  // First, so nothing (dedupe included) sees an interaction that is turned away while stopping.
  if (ports.inFlight) app.use(drainingGate(ports.inFlight, ports.logger, config.locale));
  registerListeners(app, deps, config.slack.command);
  // Every committed change, whichever use case made it, refreshes the App Homes that show the request.
  ports.store.onChange?.((request) => homesOf(deps).requestChanged(request));
  app.error(async (error) => {
    ports.logger.error({ err: error }, 'unhandled error in a Slack listener');
  });
  return { app, deps };
}
