// Direct messages to the requester and the person the account is for.
import type { KnownBlock } from '@slack/types';
import { describeCloudFailure, type BotLocale } from '../../domain/cloud-errors';
import type { PersonMessage } from '../../services/ports';
import { escapeMrkdwn, plainText } from '../mrkdwn';
import type { SlackMessage } from './admin-message';
import { requestDetailBlocks } from './request-details';

function simple(text: string, extra: KnownBlock[] = []): SlackMessage {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }, ...extra] };
}

export function personMessage(m: PersonMessage, locale: BotLocale): SlackMessage {
  const r = m.request;
  const mail = escapeMrkdwn(r.userMail);
  switch (m.kind) {
    case 'submitted':
      return simple(`:hourglass_flowing_sand: Your VPN access request \`${r.id}\` for ${mail} is waiting for an approver. You will get a message here when it is decided.`, requestDetailBlocks(r));
    case 'approved':
      return simple(`:white_check_mark: Your VPN access request \`${r.id}\` was approved; the account is being created.`);
    case 'provisioned': {
      const a = r.account;
      const login = r.userName
        ? `User name \`${escapeMrkdwn(a?.userName ?? r.userName)}\`; the password comes in a separate direct message to ${m.forTarget ? 'you' : 'the account holder'}.`
        : `The user name is the e-mail \`${mail}\`; Alibaba Cloud sends the login details to that address.`;
      const ip = a?.clientIp ? ` Fixed IP \`${escapeMrkdwn(a.clientIp)}\`.` : '';
      const who = m.forTarget ? `<@${r.requesterId}> requested a VPN account for you and it is ready.` : `:large_green_circle: The VPN account for ${mail} is ready (request \`${r.id}\`).`;
      return simple(`${who} ${login}${ip} Bandwidth ${a?.bandwidthKbps ?? r.bandwidthKbps} Kbps. Connect with the SAG VPN app (Smart Access Gateway app).`);
    }
    case 'failed': {
      const f = r.failure!;
      const sentence = describeCloudFailure(f.code, locale).requester;
      return simple(`:red_circle: The VPN account for ${mail} could not be created (request \`${r.id}\`). ${escapeMrkdwn(sentence)} (code \`${escapeMrkdwn(f.code)}\`${f.cloudRequestId ? `, RequestId \`${escapeMrkdwn(f.cloudRequestId)}\`` : ''})`);
    }
    case 'denied':
      return {
        text: `:no_entry: Your VPN access request ${r.id} for ${mail} was denied by <@${r.decidedBy}>.`,
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text: `:no_entry: Your VPN access request \`${r.id}\` for ${mail} was denied by <@${r.decidedBy}>.` } },
          { type: 'section', text: { type: 'plain_text', text: plainText(`Reason: ${r.denyReason ?? '—'}`, 2900) } },
        ],
      };
    case 'cancelled':
      return simple(`:heavy_multiplication_x: Your VPN access request \`${r.id}\` for ${mail} was cancelled.`);
    case 'expired':
      return simple(`:alarm_clock: Your VPN access request \`${r.id}\` for ${mail} expired because nobody decided in time. You can send a new request.`);
    case 'credentials':
      // The only place the generated password ever appears.
      return simple(
        `:key: Your SAG VPN login (request \`${r.id}\`):\nUser name: \`${escapeMrkdwn(m.userName)}\`\nPassword: \`${m.password}\`\nKeep it private; delete this message after you have saved it.`,
      );
  }
}
