// Wires the real adapters from a Config and starts the bot; main.ts and the sandbox both use it.
import type { Server } from 'node:http';
import type { Logger as Pino } from 'pino';
import type { Config } from './config';
import { createBot, type Bot } from './app';
import { SqliteRequestStore } from './store/sqlite-store';
import { SmartagClient } from './smartag/client';
import type { Clock, SmartagApi } from './services/ports';

export interface RunningBot extends Bot {
  store: SqliteRequestStore;
  /** The HTTP port in HTTP mode (0 asks for an ephemeral one). */
  port?: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  logger: Pino;
  clock?: Clock;
  /** Replaces the SmartAG client (tests that count calls); default: the real client from config. */
  smartag?: SmartagApi;
}

export function smartagClientFor(config: Config): SmartagClient {
  return new SmartagClient({
    regionId: config.sag.regionId,
    endpoint: config.sag.endpoint,
    accessKeyId: config.sag.accessKeyId,
    accessKeySecret: config.sag.accessKeySecret,
  });
}

export async function startBot(config: Config, options: StartOptions): Promise<RunningBot> {
  const store = new SqliteRequestStore(config.databasePath);
  const smartag = options.smartag ?? smartagClientFor(config);
  const bot = createBot(config, { store, smartag, logger: options.logger, clock: options.clock });
  const started = (await bot.app.start(config.slack.port)) as Server | undefined;
  const address = started && typeof started.address === 'function' ? started.address() : undefined;
  const port = address && typeof address === 'object' ? address.port : undefined;
  return {
    ...bot,
    store,
    port,
    async stop() {
      await bot.app.stop();
      store.close();
    },
  };
}
