// Events API: App Home opened → publish the person's home; team_join → the welcome message.
import type { App } from '@slack/bolt';
import type { BotDeps } from '../../services/deps';
import { openHome } from '../../services/home';
import { welcomeNewMember } from '../../services/welcome';

export function registerEvents(app: App, deps: BotDeps): void {
  // Bolt acknowledges events itself, before these run.
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== undefined && event.tab !== 'home') return;
    try {
      await openHome(deps, event.user);
    } catch (err) {
      deps.logger.warn({ err, userId: event.user }, 'could not show App Home');
    }
  });

  app.event('team_join', async ({ event }) => {
    const user = event.user;
    try {
      const outcome = await welcomeNewMember(deps, {
        userId: user.id,
        isBot: Boolean(user.is_bot) || Boolean((user as { is_app_user?: boolean }).is_app_user),
        isGuest: Boolean(user.is_restricted) || Boolean(user.is_ultra_restricted),
        deleted: Boolean(user.deleted),
      });
      deps.logger.debug({ userId: user.id, outcome }, 'team_join handled');
    } catch (err) {
      deps.logger.warn({ err, userId: user.id }, 'could not welcome a new member');
    }
  });
}
