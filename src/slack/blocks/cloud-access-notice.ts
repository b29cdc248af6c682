// The admin-channel notice that the bot cannot use (or can again use) its SmartAG instance.
import { explainAccessFailure } from '../../domain/cloud-access';
import type { BotLocale } from '../../domain/cloud-errors';
import type { AdminNotice } from '../../services/ports';
import { slackStrings } from '../i18n';
import { escapeMrkdwn } from '../mrkdwn';
import type { SlackMessage } from './admin-message';

/** The operator sentence in the bot's language; the check itself words it in English for the log. */
function sentenceFor(notice: Extract<AdminNotice, { kind: 'cloud_access_failed' }>, locale: BotLocale): string {
  const { check, regionId, instanceId } = notice;
  if (locale !== 'zh-CN') return check.sentence;
  const endpoint = check.endpoint ?? `https://smartag.${regionId}.aliyuncs.com`;
  return explainAccessFailure(check.code, { regionId, instanceId, endpoint, regionalEndpoint: `smartag.${regionId}.aliyuncs.com` }, locale).sentence;
}

export function cloudAccessNotice(notice: AdminNotice, locale: BotLocale): SlackMessage {
  const t = slackStrings(locale).notice;
  const where = { instanceId: escapeMrkdwn(notice.instanceId), regionId: escapeMrkdwn(notice.regionId) };
  const text =
    notice.kind === 'cloud_access_failed'
      ? t.accessFailed({
          ...where,
          sentence: escapeMrkdwn(sentenceFor(notice, locale)),
          code: escapeMrkdwn(notice.check.code),
          cloudRequestId: notice.check.cloudRequestId && escapeMrkdwn(notice.check.cloudRequestId),
        })
      : t.accessRestored({ ...where, totalUsers: notice.totalUsers });
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
