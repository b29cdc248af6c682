// Registers every Slack surface the bot listens on.
import type { App } from '@slack/bolt';
import type { BotDeps } from '../../services/deps';
import { ignoreRepeatedDeliveries } from '../dedupe';
import { registerActions } from './actions';
import { registerCommands } from './commands';
import { registerEvents } from './events';
import { registerViews } from './views';

export function registerListeners(app: App, deps: BotDeps, command: string): void {
  // First, so no listener ever sees a Slack retry or a replayed request twice.
  app.use(ignoreRepeatedDeliveries(deps));
  registerCommands(app, deps, command);
  registerViews(app, deps);
  registerActions(app, deps);
  registerEvents(app, deps);
}
