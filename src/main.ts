// Process entry: read config, start, and stop cleanly on SIGTERM/SIGINT.
import fs from 'node:fs';
import dotenv from 'dotenv';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logging';
import { startBot } from './run';

async function main(): Promise<void> {
  if (fs.existsSync('.env')) dotenv.config({ path: '.env', quiet: true });
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example and the README's configuration table.\n`);
      process.exit(2);
    }
    throw err;
  }
  const secrets = [config.slack.botToken, config.slack.signingSecret, config.slack.appToken ?? '', config.sag.accessKeySecret ?? ''];
  const logger = createLogger(config.logLevel, secrets);
  // Handlers go in before the start, so a signal during start-up still ends in an orderly stop.
  const starting = startBot(config, { logger });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs: config.shutdownGraceMs }, `${signal}: taking no new work, finishing work in flight (up to ${config.shutdownGraceMs} ms)`);
    try {
      await (await starting).stop();
      logger.info({}, 'stopped');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'could not stop cleanly');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  const bot = await starting;
  const socketMode = Boolean(config.slack.appToken);
  // One line per fact an operator needs, and nothing secret.
  logger.info({ mode: socketMode ? 'socket' : 'http' }, `SAG Access Bot started in ${socketMode ? 'Socket Mode' : 'HTTP mode'}`);
  if (socketMode) logger.info({ port: null }, 'port: none (Socket Mode connects out to Slack; no /healthz or /readyz)');
  else logger.info({ port: bot.port }, `port ${bot.port}: POST /slack/events, GET /healthz, GET /readyz`);
  logger.info({ adminChannelId: config.slack.adminChannelId }, `admin channel ${config.slack.adminChannelId}`);
  logger.info({ regionId: config.sag.regionId, instanceId: config.sag.instanceId }, `SmartAG instance ${config.sag.instanceId} in ${config.sag.regionId}`);
  const endpoint = config.sag.endpoint ?? `https://smartag.${config.sag.regionId}.aliyuncs.com`;
  logger.info({ endpoint }, `SmartAG endpoint ${endpoint}`);
  logger.info({ databasePath: config.databasePath }, `database ${config.databasePath}`);
}

main().catch((err) => {
  process.stderr.write(`SAG Access Bot failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
