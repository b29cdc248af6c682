// Use case: a person joins the workspace and gets one short welcome with the request button.
import { selfService, type BotDeps } from './deps';

/** What the team_join event says about the person. */
export interface NewMember {
  userId: string;
  isBot: boolean;
  /** Single- or multi-channel guest (is_restricted / is_ultra_restricted). */
  isGuest: boolean;
  deleted: boolean;
}

export type WelcomeOutcome = 'welcomed' | 'switched_off' | 'not_a_member' | 'already_welcomed' | 'not_delivered';

export async function welcomeNewMember(deps: BotDeps, member: NewMember): Promise<WelcomeOutcome> {
  if (!selfService(deps).welcomeNewMembers) return 'switched_off';
  if (member.isBot || member.isGuest || member.deleted) return 'not_a_member';
  const at = deps.clock.now();
  // Marked before sending: at most one welcome per person, even when Slack delivers the event twice or two processes race.
  if (!deps.store.markWelcomed(member.userId, at)) return 'already_welcomed';
  try {
    await deps.notifier.welcome(member.userId);
    deps.store.appendAudit({ at, actorId: member.userId, action: 'welcomed' });
    return 'welcomed';
  } catch (err) {
    deps.logger.warn({ err, userId: member.userId }, 'could not send the welcome message');
    return 'not_delivered';
  }
}
