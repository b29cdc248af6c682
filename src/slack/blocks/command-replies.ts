// Ephemeral answers to `/sag-access help | status | cancel <id>`.
import type { KnownBlock } from '@slack/types';
import type { BotLocale } from '../../domain/cloud-errors';
import type { AccessRequest } from '../../domain/request';
import type { CancelResult } from '../../services/cancel-request';
import { slackStrings } from '../i18n';
import { escapeMrkdwn, safeMrkdwn } from '../mrkdwn';
import { requestSummary } from './request-summary';

export interface CommandReply {
  response_type: 'ephemeral';
  text: string;
  blocks?: KnownBlock[];
}

export const STATUS_MAX = 10;

export function helpReply(command: string, unknown?: string, locale: BotLocale = 'en'): CommandReply {
  const t = slackStrings(locale).commands;
  const c = escapeMrkdwn(command);
  const lines = [
    unknown ? t.unknownWord(safeMrkdwn(unknown, 40)) : t.helpTitle,
    t.helpOpen(c),
    t.helpStatus(c),
    t.helpCancel(c),
    t.helpHelp(c),
    t.helpHome,
  ];
  return { response_type: 'ephemeral', text: lines.join('\n') };
}

export function statusReply(requests: AccessRequest[], locale: BotLocale): CommandReply {
  const strings = slackStrings(locale);
  const t = strings.commands;
  if (requests.length === 0) return { response_type: 'ephemeral', text: t.noRequests };
  const shown = requests.slice(0, STATUS_MAX);
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: t.statusTitle(requests.length > shown.length ? shown.length : undefined) } },
    ...shown.map((r): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: requestSummary(r, locale) } })),
  ];
  const text = shown.map((r) => `${r.id}: ${strings.status[r.status]}`).join('\n');
  return { response_type: 'ephemeral', text: t.statusText(text), blocks };
}

/**
 * `command` is the configured slash command; `from: 'command'` (the answer goes to the slash command)
 * adds the hint how to list one's requests, which App Home does not need.
 */
export function cancelReply(result: CancelResult, claimedId: string, command: string, locale: BotLocale = 'en', from: 'command' | 'home' = 'command'): CommandReply {
  const t = slackStrings(locale).commands;
  const id = safeMrkdwn(claimedId, 40);
  const c = escapeMrkdwn(command);
  const reply = (text: string): CommandReply => ({ response_type: 'ephemeral', text });
  if (result.ok) return reply(t.cancelled(result.request.id));
  switch (result.refusal) {
    case 'missing_id':
      return reply(t.missingId(c));
    case 'not_found':
      return reply(t.notFound(id, from === 'command' ? c : undefined));
    case 'not_yours':
      return reply(t.notYours(id));
    case 'not_pending':
      return reply(t.notPending(id, result.status));
  }
}
