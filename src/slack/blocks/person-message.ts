// Direct messages to the requester and the person the account is for.
import type { KnownBlock } from '@slack/types';
import { describeCloudFailure, type BotLocale } from '../../domain/cloud-errors';
import type { PersonMessage } from '../../services/ports';
import { slackStrings } from '../i18n';
import { escapeMrkdwn, plainText } from '../mrkdwn';
import type { SlackMessage } from './admin-message';
import { requestAccessButton } from './request-button';
import { requestDetailBlocks } from './request-details';

function simple(text: string, extra: KnownBlock[] = []): SlackMessage {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }, ...extra] };
}

export function personMessage(m: PersonMessage, locale: BotLocale): SlackMessage {
  const r = m.request;
  const mail = escapeMrkdwn(r.userMail);
  const t = slackStrings(locale).person;
  switch (m.kind) {
    case 'submitted':
      return simple(t.submitted(r.id, mail), requestDetailBlocks(r, locale));
    case 'approved':
      return simple(t.approved(r.id));
    case 'provisioned': {
      const a = r.account;
      const shownName = escapeMrkdwn(a?.userName ?? r.userName ?? '');
      const login = !r.userName ? t.loginMail(mail) : m.passwordFollows ? t.loginNamed(shownName, m.forTarget) : t.loginNamedNoPassword(shownName);
      const ip = a?.clientIp ? t.fixedIp(escapeMrkdwn(a.clientIp)) : '';
      const who = m.forTarget ? t.readyForTarget(r.requesterId) : t.readyForRequester(mail, r.id);
      return simple(`${who} ${login}${ip}${t.readyTail(a?.bandwidthKbps ?? r.bandwidthKbps)}`);
    }
    case 'failed': {
      const f = r.failure!;
      const sentence = describeCloudFailure(f.code, locale).requester;
      return simple(t.failed({ mail, id: r.id, sentence: escapeMrkdwn(sentence), code: escapeMrkdwn(f.code), cloudRequestId: f.cloudRequestId && escapeMrkdwn(f.cloudRequestId) }));
    }
    case 'denied':
      return {
        text: t.denied(r.id, mail, `<@${r.decidedBy}>`),
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text: t.denied(`\`${r.id}\``, mail, `<@${r.decidedBy}>`) } },
          { type: 'section', text: { type: 'plain_text', text: plainText(t.reason(r.denyReason ?? '—'), 2900) } },
        ],
      };
    case 'cancelled':
      return simple(t.cancelled(r.id, mail));
    case 'expired':
      // Offer the form again right where the person reads the news.
      return simple(t.expired(r.id, mail), [{ type: 'actions', block_id: 'request_again', elements: [requestAccessButton(locale, 'again')] }]);
    case 'credentials':
      // The only place the generated password ever appears.
      return simple(t.credentials(r.id, escapeMrkdwn(m.userName), m.password));
  }
}
