// The ephemeral sentence a refused clicker sees.
import type { DecisionRefusal } from '../../domain/policy';
import type { BotLocale } from '../../domain/cloud-errors';
import { slackStrings } from '../i18n';
import { escapeMrkdwn } from '../mrkdwn';

export function refusalText(refusal: DecisionRefusal, locale: BotLocale = 'en'): string {
  const t = slackStrings(locale);
  switch (refusal.kind) {
    case 'not_found':
      return t.refusal.notFound;
    case 'not_approver':
      return t.refusal.notApprover;
    case 'own_request':
      return t.refusal.ownRequest;
    case 'wrong_channel':
      return t.refusal.wrongChannel;
    case 'already_handled': {
      const by = refusal.by ? (refusal.by.startsWith('U') || refusal.by.startsWith('W') ? `<@${refusal.by}>` : t.rule(escapeMrkdwn(refusal.by))) : undefined;
      return t.refusal.alreadyHandled(refusal.status, by);
    }
  }
}
