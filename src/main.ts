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
  const bot = await startBot(config, { logger });
  const mode = config.slack.appToken ? 'socket mode' : `HTTP mode on port ${bot.port}, endpoint /slack/events`;
  logger.info({ mode }, `SAG Access Bot started: ${mode}`);
  logger.info({ adminChannelId: config.slack.adminChannelId }, `admin channel ${config.slack.adminChannelId}`);
  logger.info({ regionId: config.sag.regionId, instanceId: config.sag.instanceId }, `SmartAG instance ${config.sag.instanceId} in ${config.sag.regionId}`);
  logger.info({ endpoint: config.sag.endpoint ?? `smartag.${config.sag.regionId}.aliyuncs.com` }, 'SmartAG endpoint');
  logger.info({ databasePath: config.databasePath }, 'database');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await bot.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`SAG Access Bot failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
