// Builds the Bolt App and the use-case dependencies from injected adapters.
import { App, type CustomRoute } from '@slack/bolt';
import type { Logger as Pino } from 'pino';
import type { Config } from './config';
import { boltLogger } from './logging';
import { newRequestId, secureRandomBytes, type BotDeps } from './services/deps';
import type { Clock, RequestStore, SmartagApi } from './services/ports';
import { systemClock } from './services/ports';
import { registerListeners } from './slack/listeners';
import { SlackApproverDirectory, SlackNotifier } from './slack/notifier';

export interface BotPorts {
  store: RequestStore;
  smartag: SmartagApi;
  logger: Pino;
  clock?: Clock;
  randomBytes?: (n: number) => Uint8Array;
  newRequestId?: () => string;
  customRoutes?: CustomRoute[];
}

export interface Bot {
  app: App;
  deps: BotDeps;
}

export function createBot(config: Config, ports: BotPorts): Bot {
  const clock = ports.clock ?? systemClock;
  const app = new App({
    token: config.slack.botToken,
    logger: boltLogger(ports.logger),
    clientOptions: config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : undefined,
    ...(config.slack.appToken
      ? { socketMode: true, appToken: config.slack.appToken }
      : { signingSecret: config.slack.signingSecret, customRoutes: ports.customRoutes }),
  });
  const deps: BotDeps = {
    store: ports.store,
    smartag: ports.smartag,
    notifier: new SlackNotifier(app.client, config.slack.adminChannelId, config.locale),
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
    },
    newRequestId: ports.newRequestId ?? newRequestId,
    randomBytes: ports.randomBytes ?? secureRandomBytes,
  };
  registerListeners(app, deps, config.slack.command);
  app.error(async (error) => {
    ports.logger.error({ err: error }, 'unhandled error in a Slack listener');
  });
  return { app, deps };
}
