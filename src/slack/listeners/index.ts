// Registers every Slack surface the bot listens on.
import type { App } from '@slack/bolt';
import type { BotDeps } from '../../services/deps';
import { registerActions } from './actions';
import { registerCommands } from './commands';
import { registerViews } from './views';

export function registerListeners(app: App, deps: BotDeps, command: string): void {
  registerCommands(app, deps, command);
  registerViews(app, deps);
  registerActions(app, deps);
}
