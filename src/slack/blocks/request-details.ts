// The facts of a request as Block Kit fields; user text is plain_text so nothing in it can ping or link.
import type { KnownBlock, PlainTextElement, MrkdwnElement } from '@slack/types';
import type { AccessRequest } from '../../domain/request';
import type { BotLocale } from '../../domain/cloud-errors';
import { slackStrings } from '../i18n';
import { plainText } from '../mrkdwn';

const FIELD_MAX = 1900;

export function slackDate(date: Date): string {
  const unix = Math.floor(date.getTime() / 1000);
  return `<!date^${unix}^{date_short_pretty} {time}|${date.toISOString().slice(0, 16).replace('T', ' ')} UTC>`;
}

export function requestDetailBlocks(request: AccessRequest, locale: BotLocale = 'en'): KnownBlock[] {
  const t = slackStrings(locale).details;
  const fields: (PlainTextElement | MrkdwnElement)[] = [
    { type: 'mrkdwn', text: `*${t.requestedBy}*\n<@${request.requesterId}>` },
    { type: 'plain_text', text: plainText(`${t.email}\n${request.userMail}`, FIELD_MAX) },
    { type: 'plain_text', text: `${t.bandwidth}\n${request.bandwidthKbps} Kbps` },
    { type: 'plain_text', text: plainText(`${t.fixedIp}\n${request.clientIp ?? t.noFixedIp}`, FIELD_MAX) },
    { type: 'plain_text', text: plainText(`${t.userName}\n${request.userName ?? t.userNameIsMail}`, FIELD_MAX) },
    { type: 'mrkdwn', text: `*${t.submitted}*\n${slackDate(request.createdAt)}` },
  ];
  const blocks: KnownBlock[] = [{ type: 'section', fields }];
  if (request.reason) {
    blocks.push({ type: 'section', text: { type: 'plain_text', text: plainText(t.reason(request.reason), FIELD_MAX) } });
  }
  return blocks;
}
