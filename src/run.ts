// Wires the real adapters from a Config and starts the bot; main.ts and the sandbox both use it.
import type { Server } from 'node:http';
import type { Logger as Pino } from 'pino';
import type { Config } from './config';
import { createBot, type Bot } from './app';
import { SqliteRequestStore } from './store/sqlite-store';
import { SmartagClient } from './smartag/client';
import type { Clock, SmartagApi } from './services/ports';
import { announceAgain, findUnannounced, findUnfinished, recoverUnfinished, type RecoveryOutcome } from './services/recover';
import { CloudAccessMonitor } from './services/cloud-access';
import { homesOf } from './services/home';
import { startFollowUps } from './services/reminders';
import { InFlightWork } from './in-flight-work';
import { healthRoutes } from './health';

export interface RunningBot extends Bot {
  store: SqliteRequestStore;
  /** The HTTP port in HTTP mode (0 asks for an ephemeral one). */
  port?: number;
  /** Crash recovery of requests a previous process left unfinished; runs after start, never rejects. */
  recovery: Promise<RecoveryOutcome[]>;
  /** The start-up SmartAG access check: `ready` is false while checking and while it fails (for /readyz). */
  smartagAccess: CloudAccessMonitor;
  /** Interactions (and the recovery sweep) whose work is still running; stop() waits for them, bounded. */
  inFlight: InFlightWork;
  /** Waits up to SHUTDOWN_GRACE for work in flight while turning new work away, then closes Slack and the database. */
  stop(): Promise<void>;
}

export interface StartOptions {
  logger: Pino;
  clock?: Clock;
  /** Replaces the SmartAG client (tests that count calls); default: the real client from config. */
  smartag?: SmartagApi;
  /** How often reminders and expiries are looked for; 0 turns the timer off (tests call runDueWork). */
  followUpEveryMs?: number;
  /** How Slack's Retry-After is waited out; the bench scales time through it. */
  sleep?: (ms: number) => Promise<void>;
}

/** Reminders are minutes apart, so half a minute late is on time. */
const FOLLOW_UP_EVERY_MS = 30_000;

export function smartagClientFor(config: Config): SmartagClient {
  return new SmartagClient({
    regionId: config.sag.regionId,
    endpoint: config.sag.endpoint,
    accessKeyId: config.sag.accessKeyId,
    accessKeySecret: config.sag.accessKeySecret,
    connectTimeoutMs: config.sag.connectTimeoutMs,
    readTimeoutMs: config.sag.readTimeoutMs,
    // 15 s for a call and its retries, unless one attempt alone may take longer.
    retry: { maxAttempts: config.sag.maxAttempts, maxTotalMs: Math.max(15_000, config.sag.connectTimeoutMs + config.sag.readTimeoutMs) },
  });
}

export async function startBot(config: Config, options: StartOptions): Promise<RunningBot> {
  const store = new SqliteRequestStore(config.databasePath);
  const smartag = options.smartag ?? smartagClientFor(config);
  const inFlight = new InFlightWork();
  // Filled in as start-up proceeds; /healthz and /readyz read it (HTTP mode).
  const readiness: { slack: boolean; smartag?: CloudAccessMonitor } = { slack: false };
  const customRoutes = healthRoutes({
    databaseReachable: () => store.ping(),
    slackAuthenticated: () => readiness.slack,
    smartagReady: () => readiness.smartag?.ready ?? false,
    draining: () => inFlight.draining,
  });
  const bot = createBot(config, { store, smartag, logger: options.logger, clock: options.clock, inFlight, customRoutes, sleep: options.sleep });
  // Read before the first click can arrive, so only a dead process's leftovers are recovered.
  const unfinished = findUnfinished(bot.deps);
  const unannounced = findUnannounced(bot.deps);
  const started = (await bot.app.start(config.slack.port)) as Server | undefined;
  readiness.slack = await authenticate(bot, store);
  const recovery = recoverUnfinished(bot.deps, unfinished)
    .then(async (outcomes) => [...outcomes, ...(await announceAgain(bot.deps, unannounced))])
    .catch((err) => {
      options.logger.error({ err }, 'crash recovery stopped');
      return [];
    });
  void inFlight.track('crash recovery', recovery);
  const followUps = options.followUpEveryMs === 0 ? undefined : startFollowUps(bot.deps, options.followUpEveryMs ?? FOLLOW_UP_EVERY_MS);
  // Once the server listens (health probes answer meanwhile), and before start-up is reported: the operator (log)
  // and approvers (admin channel) learn now, not at the first approval, when provisioning cannot work.
  const smartagAccess = new CloudAccessMonitor(bot.deps);
  readiness.smartag = smartagAccess;
  await smartagAccess.check();
  const address = started && typeof started.address === 'function' ? started.address() : undefined;
  const port = address && typeof address === 'object' ? address.port : undefined;
  const running: RunningBot = {
    ...bot,
    store,
    port,
    recovery,
    smartagAccess,
    inFlight,
    async stop() {
      // No new reminder pass starts while draining; a running one finishes before the store closes.
      const followUpsStopped = followUps?.stop();
      // Slack stays connected meanwhile, so new clicks hear "restarting" instead of an error.
      const drained = await inFlight.drain(config.shutdownGraceMs);
      if (drained.finished) options.logger.info({ waitedMs: drained.waitedMs }, 'work in flight finished');
      else options.logger.warn({ waitedMs: drained.waitedMs, unfinished: drained.unfinished }, 'stopping with work in flight; the next start recovers unfinished requests');
      smartagAccess.stop();
      await followUpsStopped;
      await bot.app.stop();
      // Recovery is in-flight work, waited for (bounded) by the drain above; cut off, it is safe: the next start asks the cloud again.
      await homesOf(bot.deps).stop();
      store.close();
    },
  };
  // A second stop (SIGINT after SIGTERM, a test's cleanup) waits for the first instead of stopping twice.
  const stopOnce = running.stop;
  let stopping: Promise<void> | undefined;
  running.stop = () => (stopping ??= stopOnce());
  return running;
}

/** auth.test with the bot token; a refusal stops the start with Slack's reason instead of failing at the first click. */
async function authenticate(bot: Bot, store: SqliteRequestStore): Promise<true> {
  try {
    await bot.app.client.auth.test();
    return true;
  } catch (err) {
    await bot.app.stop().catch(() => undefined);
    store.close();
    const reason = (err as { data?: { error?: string } }).data?.error ?? (err instanceof Error ? err.message : String(err));
    throw new Error(`Slack did not accept SLACK_BOT_TOKEN (auth.test: ${reason})`);
  }
}
