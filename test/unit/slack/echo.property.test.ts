// For any text a person could have typed (even text today's validators would refuse, stored by an older
// version), the admin message and every DM keep it inert and within Slack's limits.
import fc from 'fast-check';
import type { AccessRequest, RequestStatus } from '../../../src/domain/request';
import { REQUEST_STATUSES } from '../../../src/domain/request';
import type { PersonMessage } from '../../../src/services/ports';
import { adminMessage } from '../../../src/slack/blocks/admin-message';
import { personMessage } from '../../../src/slack/blocks/person-message';

const hostileText = fc.string({
  unit: fc.constantFrom('<!channel>', '<!here>', '<@U0HOSTILE>', '<!subteam^S0EVIL>', '<https://evil.example|click>', '<', '>', '&', '*bold*', '`', '\n', 'a', ' ', '😀', '\u202e', 'é'),
  maxLength: 400,
});
const anyText = fc.oneof(hostileText, fc.string({ maxLength: 6000 }), fc.string({ unit: 'grapheme', maxLength: 200 }));
const slackId = fc.stringMatching(/^U[A-Z0-9]{4,10}$/);

const requestArb = fc.record({
  status: fc.constantFrom(...REQUEST_STATUSES),
  userMail: anyText,
  userName: fc.option(anyText, { nil: undefined }),
  clientIp: fc.option(anyText, { nil: undefined }),
  reason: fc.option(anyText, { nil: undefined }),
  denyReason: fc.option(anyText, { nil: undefined }),
  approvedByRule: fc.option(anyText, { nil: undefined }),
  requesterId: slackId,
  // Every denial and every person's approval names its decider; rules approve without one.
  decidedBy: slackId,
  failureCode: anyText,
  cloudRequestId: fc.option(anyText, { nil: undefined }),
  bandwidthKbps: fc.integer({ min: 1, max: 2000 }),
});

type StoredText = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;

function toRequest(r: StoredText): AccessRequest {
  const now = new Date('2025-03-10T12:00:00Z');
  return {
    id: 'sagr_AbCdEf123456',
    status: r.status as RequestStatus,
    requesterId: r.requesterId,
    regionId: 'cn-shanghai',
    instanceId: 'sag-sandbox01',
    userMail: r.userMail,
    bandwidthKbps: r.bandwidthKbps,
    clientIp: r.clientIp,
    userName: r.userName,
    reason: r.reason,
    createdAt: now,
    updatedAt: now,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedBy ? now : undefined,
    denyReason: r.denyReason,
    approvedByRule: r.approvedByRule,
    account: { userName: r.userName ?? r.userMail, userMail: r.userMail, bandwidthKbps: r.bandwidthKbps, clientIp: r.clientIp, cloudRequestId: r.cloudRequestId },
    failure: { code: r.failureCode, message: r.failureCode, retryable: true, cloudRequestId: r.cloudRequestId },
    attempts: 1,
  };
}

/** The only angle-bracket markup the bot itself writes: mentions of Slack ids it got from Slack, and dates. */
const BOT_MARKUP = /<@[UW][A-Z0-9]+>|<!date\^\d+\^[^|<>]*\|[^<>]*>/g;

function check(message: { text: string; blocks: unknown[] }): void {
  const mrkdwn: string[] = [message.text];
  const plain: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (o.type === 'mrkdwn' && typeof o.text === 'string') mrkdwn.push(o.text);
    if (o.type === 'plain_text' && typeof o.text === 'string') plain.push(o.text);
    Object.values(o).forEach(walk);
  };
  walk(message.blocks);
  for (const text of mrkdwn) {
    const rest = text.replace(BOT_MARKUP, '');
    expect(rest).not.toMatch(/[<>]/);
    expect(rest).not.toMatch(/&(?!(?:amp|lt|gt);)/);
    expect(text).not.toContain('<@U0HOSTILE>');
    expect(text.length).toBeLessThanOrEqual(3000);
  }
  for (const text of plain) {
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThanOrEqual(3000);
  }
  expect(message.text.length).toBeLessThanOrEqual(4000);
  expect(message.blocks.length).toBeLessThanOrEqual(50);
}

describe('what the bot shows about a request, for any stored text', () => {
  it('the admin message never pings, links or overflows', () => {
    fc.assert(
      fc.property(requestArb, fc.constantFrom('en' as const, 'zh-CN' as const), (r, locale) => check(adminMessage(toRequest(r), locale))),
      { numRuns: 300 },
    );
  });

  it('no direct message ever pings, links or overflows (the password DM aside, which carries no typed text but the user name)', () => {
    const kinds: Array<PersonMessage['kind']> = ['submitted', 'approved', 'provisioned', 'failed', 'denied', 'cancelled', 'expired'];
    fc.assert(
      fc.property(requestArb, fc.constantFrom(...kinds), fc.boolean(), fc.constantFrom('en' as const, 'zh-CN' as const), (r, kind, forTarget, locale) => {
        const message = { kind, request: toRequest(r), forTarget } as PersonMessage;
        check(personMessage(message, locale));
      }),
      { numRuns: 300 },
    );
  });
});
