// The ephemeral sentence a refused clicker sees.
import type { DecisionRefusal } from '../../domain/policy';
import { escapeMrkdwn } from '../mrkdwn';

export function refusalText(refusal: DecisionRefusal): string {
  switch (refusal.kind) {
    case 'not_found':
      return 'That request does not exist (any more). Nothing was changed.';
    case 'not_approver':
      return 'Only configured approvers can decide VPN access requests. Nothing was changed.';
    case 'own_request':
      return 'You cannot decide your own request; another approver has to. Nothing was changed.';
    case 'wrong_channel':
      return 'Requests can only be decided in the admin channel or in App Home. Nothing was changed.';
    case 'already_handled':
      return `This request was already handled${refusal.by ? ` by ${refusal.by.startsWith('U') || refusal.by.startsWith('W') ? `<@${refusal.by}>` : `rule “${escapeMrkdwn(refusal.by)}”`}` : ''} (now ${refusal.status}). Nothing was changed.`;
  }
}
