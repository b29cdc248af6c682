import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudApiError } from '../../../src/domain/cloud-error';
import { SmartagEmulator, type EmulatorFaults } from '../../../src/sandbox/smartag-emulator';
import { SmartagClient, parseEndpoint, smartagEndpointFor, type SmartagAttempt, type SmartagClientOptions } from '../../../src/smartag/client';
import type { CreateClientUserInput } from '../../../src/services/ports';

const KEY = { id: 'LTAI5tClientTest', secret: 'client-test-secret' };
const REGION = 'cn-shanghai';
const MAIN = 'sag-main0000001';
const PASSWORD = 'Start123Pass';
const CREATE = 'CreateSmartAccessGatewayClientUser';
const DESCRIBE = 'DescribeSmartAccessGatewayClientUsers';

const emulator = new SmartagEmulator({ accessKeys: [KEY], instances: [{ regionId: REGION, instanceId: MAIN, clientCidr: '10.10.0.0/24' }], deniedActions: [] });
let url = '';
let attempts: SmartagAttempt[] = [];
// Printed with SMARTAG_RETRY_REPORT=1, for the measured retry table.
const measured: Array<{ fault: string; attempts: number; totalMs: number; outcome: string }> = [];

function makeClient(over: Partial<SmartagClientOptions> = {}): SmartagClient {
  return new SmartagClient({
    regionId: REGION,
    endpoint: url,
    accessKeyId: KEY.id,
    accessKeySecret: KEY.secret,
    connectTimeoutMs: 300,
    readTimeoutMs: 300,
    retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100, maxTotalMs: 3000 },
    random: () => 0.5,
    onAttempt: (a) => attempts.push(a),
    ...over,
  });
}

const input = (over: Partial<CreateClientUserInput> = {}): CreateClientUserInput => ({
  regionId: REGION,
  instanceId: MAIN,
  userMail: 'ada@example.com',
  bandwidthKbps: 20,
  credentials: { userName: 'ada0001', password: PASSWORD },
  ...over,
});

async function timed<T>(fault: string, run: () => Promise<T>): Promise<{ value?: T; error?: CloudApiError; ms: number }> {
  const started = Date.now();
  try {
    const value = await run();
    const ms = Date.now() - started;
    measured.push({ fault, attempts: attempts.filter((a) => a.purpose === 'call').length, totalMs: ms, outcome: 'ok' });
    return { value, ms };
  } catch (err) {
    const ms = Date.now() - started;
    if (!(err instanceof CloudApiError)) throw err;
    measured.push({ fault, attempts: attempts.filter((a) => a.purpose === 'call').length, totalMs: ms, outcome: `${err.code}${err.ambiguous ? ' (ambiguous)' : ''}` });
    return { error: err, ms };
  }
}

const callsOf = (action?: string) => emulator.calls.filter((c) => !action || c.action === action);
const trail = () => emulator.calls.map((c) => `${c.action.replace(/SmartAccessGatewayClientUsers?/, '')} ${c.outcome === 'answered' ? c.httpStatus : c.outcome}${c.code ? ` ${c.code}` : ''}`);

async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

beforeAll(async () => {
  ({ url } = await emulator.start());
});
afterAll(async () => {
  await emulator.stop();
  if (process.env.SMARTAG_RETRY_REPORT) console.table(measured);
});
beforeEach(() => {
  emulator.reset();
  attempts = [];
});

describe('retries under faults', () => {
  it('recovers from throttling after one back-off', async () => {
    const c = makeClient();
    emulator.setFaults({ throttleEveryNth: 2 });
    await c.describeClientUsers({ regionId: REGION, instanceId: MAIN });
    attempts = [];
    const { value } = await timed('Throttling.User every 2nd call (Describe)', () => c.describeClientUsers({ regionId: REGION, instanceId: MAIN }));
    expect(value).toMatchObject({ totalCount: 0 });
    expect(attempts.map((a) => [a.ok, a.code, a.retryInMs])).toEqual([
      [false, 'Throttling.User', 10],
      [true, undefined, undefined],
    ]);
    expect(trail().slice(-2)).toEqual(['Describe 400 Throttling.User', 'Describe 200']);
  });

  it('gives up on endless throttling after maxAttempts, backing off exponentially', async () => {
    emulator.setFaults({ throttleEveryNth: 1 });
    const { error } = await timed('Throttling.User on every call (Describe)', () => makeClient().describeClientUsers({ regionId: REGION, instanceId: MAIN }));
    expect(error).toMatchObject({ code: 'Throttling.User', httpStatus: 400, ambiguous: false });
    expect(error!.message).toContain('Request was denied due to user flow control.');
    expect(attempts.map((a) => a.retryInMs)).toEqual([10, 20, 40, undefined]);
    expect(callsOf(DESCRIBE)).toHaveLength(4);
  });

  it('recovers from two 503s and creates the account exactly once', async () => {
    emulator.setFaults({ serverErrorNext: 2 });
    const { value } = await timed('503 ServiceUnavailable ×2 (Create)', () => makeClient().createClientUser(input()));
    expect(value).toMatchObject({ userName: 'ada0001', bandwidthKbps: 20 });
    expect(trail()).toEqual(['Create 503 ServiceUnavailable', 'Create 503 ServiceUnavailable', 'Create 200']);
    expect(emulator.users(MAIN)).toHaveLength(1);
  });

  it('ends a hanging endpoint with an ambiguous Timeout, bounded by attempts × read timeout', async () => {
    emulator.setFaults({ hangNext: 99 });
    const c = makeClient({ retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100, maxTotalMs: 5000 } });
    const { error, ms } = await timed('hang on every call (Describe, 3 attempts, 300 ms read timeout)', () => c.describeClientUsers({ regionId: REGION, instanceId: MAIN }));
    expect(error).toMatchObject({ code: 'Timeout', ambiguous: true });
    expect(attempts).toHaveLength(3);
    expect(ms).toBeGreaterThanOrEqual(3 * 280);
    expect(ms).toBeLessThan(3 * 300 + 10 + 20 + 500);
  });

  it('never lets a hang run past maxTotalMs, however many attempts are allowed', async () => {
    emulator.setFaults({ hangNext: 99 });
    const c = makeClient({ readTimeoutMs: 400, connectTimeoutMs: 400, retry: { maxAttempts: 10, baseDelayMs: 20, maxDelayMs: 100, maxTotalMs: 1000 } });
    const { error, ms } = await timed('hang on every call (Describe, maxTotalMs 1000)', () => c.describeClientUsers({ regionId: REGION, instanceId: MAIN }));
    expect(error).toMatchObject({ code: 'Timeout' });
    expect(ms).toBeLessThan(1000 + 200);
    expect(attempts.length).toBeLessThan(10);
  });

  it('after a hung create, asks Describe, finds nothing, and creates once', async () => {
    emulator.setFaults({ hangNext: 1 });
    const { value } = await timed('hang once (Create)', () => makeClient().createClientUser(input()));
    expect(value).toMatchObject({ userName: 'ada0001' });
    expect(trail()).toEqual(['Create hung', 'Describe 200', 'Create 200']);
    expect(emulator.users(MAIN)).toHaveLength(1);
  });

  it('after a lost create answer, finds the account with Describe and does not create a second one', async () => {
    emulator.setFaults({ loseResponseNext: 1 });
    const { value } = await timed('response lost once (Create with user name)', () => makeClient().createClientUser(input({ clientIp: '10.10.0.8' })));
    expect(value).toMatchObject({ userName: 'ada0001', userMail: 'ada@example.com', bandwidthKbps: 20, clientIp: '10.10.0.8', isStaticIp: true });
    expect(value!.cloudRequestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(trail()).toEqual(['Create lost', 'Describe 200']);
    expect(callsOf(DESCRIBE)[0].params).toMatchObject({ UserName: 'ada0001' });
    expect(emulator.users(MAIN)).toHaveLength(1);
  });

  it('settles a lost create without a user name by e-mail', async () => {
    emulator.setFaults({ loseResponseNext: 1 });
    const { value } = await timed('response lost once (Create without user name)', () => makeClient().createClientUser(input({ credentials: undefined })));
    expect(value).toMatchObject({ userName: 'ada@example.com', isStaticIp: false });
    expect(trail()).toEqual(['Create lost', 'Describe 200']);
    expect(callsOf(DESCRIBE)[0].params).toMatchObject({ UserMail: 'ada@example.com' });
  });

  it('never sends Create again while Describe cannot say whether the account exists', async () => {
    emulator.setFaults({ loseResponseNext: 1 });
    const faultsAfterLoss: EmulatorFaults = { serverErrorNext: 99 };
    const c = makeClient({
      onAttempt: (a) => {
        attempts.push(a);
        if (a.action === CREATE && !a.ok && a.attempt === 1) emulator.setFaults(faultsAfterLoss);
      },
    });
    const { error } = await timed('response lost, then Describe 503 (Create)', () => c.createClientUser(input()));
    expect(error).toMatchObject({ code: 'NetworkError', ambiguous: true });
    expect(callsOf(CREATE)).toHaveLength(1);
    expect(callsOf(DESCRIBE).length).toBeGreaterThanOrEqual(3);
    expect(emulator.users(MAIN)).toHaveLength(1);
  });

  it('deletes once even when the first answer is lost', async () => {
    await makeClient().createClientUser(input());
    emulator.setFaults({ loseResponseNext: 1 });
    await makeClient().deleteClientUser({ regionId: REGION, instanceId: MAIN, userName: 'ada0001' });
    expect(trail().slice(-2)).toEqual(['Delete lost', 'Delete 400 ClientUser.UserNotExist']);
    expect(emulator.users(MAIN)).toHaveLength(0);
  });

  it('retries a refused connection as a NetworkError that cannot have created anything', async () => {
    const c = makeClient({ endpoint: `http://127.0.0.1:${await closedPort()}` });
    const { error } = await timed('connection refused (Create)', () => c.createClientUser(input()));
    expect(error).toMatchObject({ code: 'NetworkError', ambiguous: false });
    expect(attempts.map((a) => a.action)).toEqual([CREATE, CREATE, CREATE, CREATE]);
  });
});

describe('failures that a retry cannot fix', () => {
  const cases: Array<[string, () => Promise<unknown>]> = [
    ['ClientUser.EmailInvalid', () => makeClient().createClientUser(input({ userMail: 'not-an-email' }))],
    ['ClientUser.BandwidthInvalid', () => makeClient().createClientUser(input({ bandwidthKbps: 5000 }))],
    ['SignatureDoesNotMatch', () => makeClient({ accessKeySecret: 'wrong-secret' }).createClientUser(input())],
    ['InvalidAccessKeyId.NotFound', () => makeClient({ accessKeyId: 'LTAI5tNobody' }).createClientUser(input())],
    ['InvalidSmartAGId.NotFound', () => makeClient().createClientUser(input({ instanceId: 'sag-unknown' }))],
  ];
  it.each(cases)('%s is sent exactly once', async (code, run) => {
    await expect(run()).rejects.toMatchObject({ code });
    expect(emulator.calls).toHaveLength(1);
  });

  it('ClientUser.UserExist is sent once and not mistaken for success', async () => {
    await makeClient().createClientUser(input());
    await expect(makeClient().createClientUser(input({ userMail: 'someone-else@example.com' }))).rejects.toMatchObject({ code: 'ClientUser.UserExist' });
    expect(callsOf(CREATE)).toHaveLength(2);
    expect(callsOf(DESCRIBE)).toHaveLength(0);
  });

  it('reports an answer without the required fields as InvalidResponse', async () => {
    const stub = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ RequestId: 'STUB-1', TotalCount: 1, Surprise: true }));
    });
    await new Promise<void>((r) => stub.listen(0, '127.0.0.1', () => r()));
    try {
      const c = makeClient({ endpoint: `http://127.0.0.1:${(stub.address() as AddressInfo).port}` });
      const err = await c.describeClientUsers({ regionId: REGION, instanceId: MAIN }).catch((e: CloudApiError) => e);
      expect(err).toMatchObject({ code: 'InvalidResponse', cloudRequestId: 'STUB-1' });
      expect((err as CloudApiError).message).toMatch(/PageNumber/);
      expect(attempts).toHaveLength(1);
    } finally {
      stub.closeAllConnections();
      await new Promise<void>((r) => stub.close(() => r()));
    }
  });
});

describe('secrets stay secret', () => {
  it('names neither the AccessKey secret nor the password in errors or attempt reports', async () => {
    const wrongSecret = 'do-not-print-this-secret';
    const e1 = await makeClient({ accessKeySecret: wrongSecret }).createClientUser(input()).catch((e: Error) => e);
    emulator.setFaults({ hangNext: 99 });
    const e2 = await makeClient({ retry: { maxAttempts: 1 } }).createClientUser(input()).catch((e: Error) => e);
    emulator.clearFaults();
    const e3 = await makeClient().resetClientUserPassword({ regionId: REGION, instanceId: MAIN, credentials: { userName: 'nobody01', password: PASSWORD } }).catch((e: Error) => e);
    for (const e of [e1, e2, e3]) {
      expect(e).toBeInstanceOf(CloudApiError);
      expect(`${(e as Error).message} ${JSON.stringify(e)}`).not.toMatch(new RegExp(`${wrongSecret}|${KEY.secret}|${PASSWORD}`));
    }
    expect((e2 as CloudApiError).code).toBe('Timeout');
    expect(JSON.stringify(attempts)).not.toContain(PASSWORD);
  });
});

describe('checking access at start-up', () => {
  it('says how many users the instance has when everything is right', async () => {
    await makeClient().createClientUser(input());
    await expect(makeClient().checkAccess(REGION, MAIN)).resolves.toEqual({ ok: true, totalUsers: 1 });
  });

  it.each([
    ['a wrong AccessKey ID', { accessKeyId: 'LTAI5tNobody' }, REGION, MAIN, 'credentials', /ALIBABA_CLOUD_ACCESS_KEY_ID/],
    ['a wrong secret', { accessKeySecret: 'nope' }, REGION, MAIN, 'credentials', /ALIBABA_CLOUD_ACCESS_KEY_SECRET/],
    ['a wrong instance id', {}, REGION, 'sag-typo', 'instance', /sag-typo.*not found in region cn-shanghai/],
    ['the wrong region', {}, 'cn-beijing', MAIN, 'instance', /not found in region cn-beijing/],
  ] as const)('explains %s', async (_what, over, region, instance, problem, sentence) => {
    const check = await makeClient(over).checkAccess(region, instance);
    expect(check).toMatchObject({ ok: false, problem });
    expect(check.ok === false && check.sentence).toMatch(sentence);
  });

  it('explains a missing RAM permission with the policy to attach', async () => {
    const denied = new SmartagEmulator({ accessKeys: [KEY], instances: [{ regionId: REGION, instanceId: MAIN, clientCidr: '10.10.0.0/24' }], deniedActions: [DESCRIBE] });
    const started = await denied.start();
    try {
      const check = await makeClient({ endpoint: started.url }).checkAccess(REGION, MAIN);
      expect(check).toMatchObject({ ok: false, problem: 'permission', code: 'Forbidden.RAM' });
      expect(check.ok === false && check.sentence).toMatch(/AliyunSmartAGFullAccess/);
    } finally {
      await denied.stop();
    }
  });

  it('explains an endpoint that does not answer', async () => {
    const check = await makeClient({ endpoint: `http://127.0.0.1:${await closedPort()}`, retry: { maxAttempts: 1 } }).checkAccess(REGION, MAIN);
    expect(check).toMatchObject({ ok: false, problem: 'endpoint', code: 'NetworkError' });
    expect(check.ok === false && check.sentence).toMatch(/SAG_ENDPOINT/);
  });
});

describe('endpoints', () => {
  it('builds the regional endpoint and reads SAG_ENDPOINT', () => {
    expect(smartagEndpointFor('cn-shanghai')).toBe('smartag.cn-shanghai.aliyuncs.com');
    expect(() => smartagEndpointFor('cn shanghai')).toThrow(/region/);
    expect(parseEndpoint('http://127.0.0.1:9000')).toEqual({ protocol: 'HTTP', host: '127.0.0.1:9000' });
    expect(parseEndpoint('https://smartag-vpc.cn-shanghai.aliyuncs.com/')).toEqual({ protocol: 'HTTPS', host: 'smartag-vpc.cn-shanghai.aliyuncs.com' });
    expect(parseEndpoint('smartag.cn-shanghai.aliyuncs.com')).toEqual({ protocol: 'HTTPS', host: 'smartag.cn-shanghai.aliyuncs.com' });
    expect(() => parseEndpoint('ftp://x')).toThrow(/SmartAG endpoint/);
    expect(() => parseEndpoint('http://host:99999')).toThrow(/SmartAG endpoint/);
    expect(() => parseEndpoint('http://host/path')).toThrow(/SmartAG endpoint/);
  });

  it('refuses half a key pair instead of signing with some other identity', () => {
    expect(() => new SmartagClient({ regionId: REGION, accessKeyId: 'only-the-id' })).toThrow(/together/);
  });

  it('uses the regional HTTPS endpoint when none is given', () => {
    expect(new SmartagClient({ regionId: 'cn-hangzhou', accessKeyId: 'a', accessKeySecret: 'b' }).endpoint).toEqual({ protocol: 'HTTPS', host: 'smartag.cn-hangzhou.aliyuncs.com' });
  });
});
