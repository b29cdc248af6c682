// The facts of a request as Block Kit fields; user text is plain_text so nothing in it can ping or link.
import type { KnownBlock, PlainTextElement, MrkdwnElement } from '@slack/types';
import type { AccessRequest } from '../../domain/request';
import { plainText } from '../mrkdwn';

const FIELD_MAX = 1900;

export function slackDate(date: Date): string {
  const unix = Math.floor(date.getTime() / 1000);
  return `<!date^${unix}^{date_short_pretty} {time}|${date.toISOString().slice(0, 16).replace('T', ' ')} UTC>`;
}

export function requestDetailBlocks(request: AccessRequest): KnownBlock[] {
  const fields: (PlainTextElement | MrkdwnElement)[] = [
    { type: 'mrkdwn', text: `*Requested by*\n<@${request.requesterId}>` },
    { type: 'plain_text', text: plainText(`E-mail\n${request.userMail}`, FIELD_MAX) },
    { type: 'plain_text', text: `Bandwidth\n${request.bandwidthKbps} Kbps` },
    { type: 'plain_text', text: plainText(`Fixed IP\n${request.clientIp ?? 'none (from the pool)'}`, FIELD_MAX) },
    { type: 'plain_text', text: plainText(`User name\n${request.userName ?? 'the e-mail'}`, FIELD_MAX) },
    { type: 'mrkdwn', text: `*Submitted*\n${slackDate(request.createdAt)}` },
  ];
  const blocks: KnownBlock[] = [{ type: 'section', fields }];
  if (request.reason) {
    blocks.push({ type: 'section', text: { type: 'plain_text', text: plainText(`Reason: ${request.reason}`, FIELD_MAX) } });
  }
  return blocks;
}
