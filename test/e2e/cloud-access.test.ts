// The start-up check: the operator learns from one log line, and approvers from one notice, that provisioning
// cannot work, before anyone approves; the bot keeps answering Slack and reports itself not ready.
import { describeCloudFailure } from '../../src/domain/cloud-errors';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/sandbox';
import { PEOPLE, SANDBOX } from '../../src/sandbox/world';

const DESCRIBE = 'DescribeSmartAccessGatewayClientUsers';

interface LogLine {
  level: number;
  msg: string;
  [k: string]: unknown;
}

const parsed = (sb: Sandbox): LogLine[] => sb.logs.map((l) => JSON.parse(l) as LogLine);
const accessLines = (sb: Sandbox) => parsed(sb).filter((l) => /^SmartAG access/.test(l.msg));
const noticesIn = (sb: Sandbox) => sb.slack.messages(SANDBOX.adminChannelId).filter((m) => m.text.includes('SmartAG'));

describe('the SmartAG access check at start-up', () => {
  let sb: Sandbox | undefined;
  afterEach(async () => {
    await sb?.stop();
    sb = undefined;
  });

  async function start(options: SandboxOptions): Promise<Sandbox> {
    sb = await startSandbox(options);
    return sb;
  }

  it('says in one line that the instance answers, and is ready, when everything is right', async () => {
    const s = await start({});
    expect(s.bot.smartagAccess.ready).toBe(true);
    expect(s.bot.smartagAccess.current).toMatchObject({ state: 'ok', totalUsers: 0 });
    expect(accessLines(s).map((l) => l.msg)).toEqual([expect.stringContaining(`SmartAG access OK: instance ${SANDBOX.instanceId} in ${SANDBOX.regionId} answers (0 client users)`)]);
    expect(s.emulator.calls.map((c) => c.action)).toEqual([DESCRIBE]);
    expect(noticesIn(s)).toHaveLength(0);
  });

  it.each([
    [
      'a wrong AccessKey secret',
      { env: { ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'a-wrong-secret-for-this-key-0000' } },
      { code: 'SignatureDoesNotMatch', problem: 'credentials' },
      /The AccessKey secret does not belong to the AccessKey ID \(SignatureDoesNotMatch\): check ALIBABA_CLOUD_ACCESS_KEY_SECRET/,
    ],
    [
      'an unknown AccessKey ID',
      { env: { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tNobodyKnowsMe' } },
      { code: 'InvalidAccessKeyId.NotFound', problem: 'credentials' },
      /does not know the bot's AccessKey ID.*ALIBABA_CLOUD_ACCESS_KEY_ID/,
    ],
    [
      'an unknown instance',
      { env: { SAG_INSTANCE_ID: 'sag-unknown01' } },
      { code: 'InvalidSmartAGId.NotFound', problem: 'instance' },
      /SmartAG instance "sag-unknown01" was not found in region cn-shanghai/,
    ],
    [
      'a RAM identity without the SmartAG permission',
      { deniedActions: [DESCRIBE] },
      { code: 'Forbidden.RAM', problem: 'permission' },
      /Forbidden\.RAM: .*AliyunSmartAGFullAccess/,
    ],
  ] as const)('tells the operator about %s and keeps running, not ready', async (_what, options, expected, sentence) => {
    const s = await start(options as SandboxOptions);
    // Readiness, for /readyz.
    expect(s.bot.smartagAccess.ready).toBe(false);
    expect(s.bot.smartagAccess.current).toMatchObject({ state: 'failed', ...expected });

    // One log line, at error level, with the operator sentence and nothing secret.
    const lines = accessLines(s);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, code: expected.code, problem: expected.problem });
    expect(lines[0].msg).toMatch(sentence);
    expect(lines[0].msg).toContain('not ready');
    const allLogs = s.logs.join('\n');
    expect(allLogs).not.toContain('a-wrong-secret-for-this-key-0000');
    expect(allLogs).not.toContain(SANDBOX.accessKeySecret);

    // One notice for the approvers, saying the same.
    const notices = noticesIn(s);
    expect(notices).toHaveLength(1);
    expect(notices[0].text).toMatch(/SmartAG access check failed/);
    expect(notices[0].text).toContain(`\`${expected.code}\``);
    expect(notices[0].text).toContain('Approvals will fail until this is fixed');

    // Still answering Slack: a request can be filed.
    const view = await s.openRequestModal(PEOPLE.requester.id);
    expect(view.blocks.length).toBeGreaterThan(0);
  });

  it('provisioning under a bad set-up fails with the same advice for the approvers', async () => {
    const s = await start({ env: { ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'a-wrong-secret-for-this-key-0000' } });
    const admin = await (async () => {
      const res = await s.submitRequest(PEOPLE.requester.id, { user_mail: PEOPLE.requester.email, bandwidth_kbps: '100' });
      expect(res.body).toBe('');
      return s.waitUntil(() => s.slack.messages(SANDBOX.adminChannelId).find((m) => /sagr_/.test(JSON.stringify(m.blocks))), 'the admin message');
    })();
    await s.click(PEOPLE.approver.id, admin, 'approve_request');
    const failed = await s.waitUntil(() => s.bot.store.listByRequester(PEOPLE.requester.id).find((r) => r.status === 'failed'), 'the failure');
    expect(failed.failure).toMatchObject({ code: 'SignatureDoesNotMatch', retryable: false });
    const rewritten = await s.waitUntil(() => {
      const m = s.adminMessageFor(failed.id);
      return m && JSON.stringify(m.blocks).includes('What to fix') ? m : undefined;
    }, 'the rewritten admin message');
    expect(JSON.stringify(rewritten.blocks)).toContain('ALIBABA_CLOUD_ACCESS_KEY_SECRET');
  });

  it('words the approvers\' notice in Chinese under BOT_LOCALE=zh-CN, and keeps the log in English', async () => {
    const s = await start({ env: { BOT_LOCALE: 'zh-CN' }, deniedActions: [DESCRIBE] });
    const [notice] = noticesIn(s);
    expect(notice.text).toContain('SmartAG 访问检查失败');
    expect(notice.text).toContain(describeCloudFailure('Forbidden.RAM', 'zh-CN').operator);
    expect(notice.text).not.toMatch(/Approvals will fail/);
    expect(accessLines(s)[0].msg).toContain(describeCloudFailure('Forbidden.RAM', 'en').operator);
  });

  it('words an unknown instance for Chinese approvers with the instance and region named', async () => {
    const s = await start({ env: { BOT_LOCALE: 'zh-CN', SAG_INSTANCE_ID: 'sag-unknown01' } });
    const [notice] = noticesIn(s);
    expect(notice.text).toContain('找不到智能接入网关实例“sag-unknown01”');
    expect(notice.text).toContain('cn-shanghai');
  });
});
