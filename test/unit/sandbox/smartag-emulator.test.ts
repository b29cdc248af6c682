import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import querystring from 'node:querystring';
import OpenApiUtil from '@alicloud/openapi-util';
import { SmartagEmulator } from '../../../src/sandbox/smartag-emulator';
import { SmartagClient } from '../../../src/smartag/client';
import type { CreateClientUserInput } from '../../../src/services/ports';
import { failure } from '../../support/cloud-failure';

const KEY = { id: 'LTAI5tEmulatorKey', secret: 'emulator-secret-right' };
const REGION = 'cn-shanghai';
const MAIN = 'sag-main0000001';
const NO_CIDR = 'sag-nocidr00001';
const TINY = 'sag-tiny0000001';
const BEIJING = 'sag-beijing0001';
const PASSWORD = 'Start123Pass';

const emulator = new SmartagEmulator({
  accessKeys: [KEY],
  instances: [
    { regionId: REGION, instanceId: MAIN, clientCidr: '10.10.0.0/24' },
    { regionId: REGION, instanceId: NO_CIDR },
    { regionId: REGION, instanceId: TINY, clientCidr: '10.20.0.0/24', userQuota: 1 },
    { regionId: 'cn-beijing', instanceId: BEIJING, clientCidr: '10.30.0.0/24' },
  ],
});
let url = '';

function client(key = KEY): SmartagClient {
  return new SmartagClient({ regionId: REGION, endpoint: url, accessKeyId: key.id, accessKeySecret: key.secret, retry: { maxAttempts: 1 } });
}

function create(over: Partial<CreateClientUserInput> = {}, key = KEY) {
  return client(key).createClientUser({ regionId: REGION, instanceId: MAIN, userMail: 'ada@example.com', bandwidthKbps: 20, ...over });
}


/** Signs like openapi-client (via openapi-util) but lets a test replay a nonce or change what is sent. */
async function rawCall(opts: { action: string; query: Record<string, string>; nonce?: string; version?: string; sendQuery?: Record<string, string>; authorization?: string }): Promise<{ status: number; body: Record<string, unknown> }> {
  const { host, hostname, port } = new URL(url);
  const payloadHash = createHash('sha256').update('').digest('hex');
  const headers: Record<string, string> = {
    host,
    'x-acs-action': opts.action,
    'x-acs-version': opts.version ?? '2018-03-13',
    'x-acs-date': OpenApiUtil.getTimestamp(),
    'x-acs-signature-nonce': opts.nonce ?? randomUUID(),
    'x-acs-content-sha256': payloadHash,
  };
  headers.Authorization = opts.authorization ?? OpenApiUtil.getAuthorization({ pathname: '/', method: 'POST', query: opts.query, headers } as never, 'ACS3-HMAC-SHA256', payloadHash, KEY.id, KEY.secret);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method: 'POST', path: `/?${querystring.stringify(opts.sendQuery ?? opts.query)}`, headers, agent: false }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  ({ url } = await emulator.start());
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

describe('signature checks, through the real openapi-client', () => {
  it('accepts a request signed with the right key pair', async () => {
    const account = await create();
    expect(account).toMatchObject({ userName: 'ada@example.com', userMail: 'ada@example.com', bandwidthKbps: 20, isStaticIp: false });
    expect(emulator.users(MAIN)).toHaveLength(1);
  });

  it('refuses a wrong secret with SignatureDoesNotMatch and creates nothing', async () => {
    const err = await failure(create({}, { id: KEY.id, secret: 'emulator-secret-WRONG' }));
    expect(err).toMatchObject({ code: 'SignatureDoesNotMatch', httpStatus: 400 });
    expect(err.message).not.toContain('WRONG');
    expect(emulator.users(MAIN)).toHaveLength(0);
  });

  it('refuses an AccessKey ID it does not know', async () => {
    const err = await failure(create({}, { id: 'LTAI5tNobody', secret: KEY.secret }));
    expect(err).toMatchObject({ code: 'InvalidAccessKeyId.NotFound', httpStatus: 404 });
  });

  it('refuses a replayed signature nonce', async () => {
    const call = { action: 'DescribeSmartAccessGatewayClientUsers', query: { RegionId: REGION, SmartAGId: MAIN }, nonce: 'fixed-nonce-1' };
    expect((await rawCall(call)).status).toBe(200);
    const replay = await rawCall(call);
    expect(replay).toMatchObject({ status: 400, body: { Code: 'SignatureNonceUsed' } });
  });

  it('refuses a query changed after signing', async () => {
    const query = { RegionId: REGION, SmartAGId: MAIN, UserMail: 'ada@example.com', Bandwidth: '20' };
    const res = await rawCall({ action: 'CreateSmartAccessGatewayClientUser', query, sendQuery: { ...query, Bandwidth: '2000' } });
    expect(res).toMatchObject({ status: 400, body: { Code: 'SignatureDoesNotMatch' } });
    expect(emulator.users(MAIN)).toHaveLength(0);
  });

  it('refuses an unsigned request, another API version and an unknown action', async () => {
    const query = { RegionId: REGION, SmartAGId: MAIN };
    expect(await rawCall({ action: 'DescribeSmartAccessGatewayClientUsers', query, authorization: 'Bearer nothing' })).toMatchObject({ status: 400, body: { Code: 'IncompleteSignature' } });
    expect(await rawCall({ action: 'DescribeSmartAccessGatewayClientUsers', query, version: '2017-01-01' })).toMatchObject({ status: 400, body: { Code: 'InvalidVersion' } });
    const unknown = await rawCall({ action: 'DescribeEverything', query });
    expect(unknown).toMatchObject({ status: 404, body: { Code: 'InvalidAction.NotFound' } });
    expect(Object.keys(unknown.body).sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
  });

  it('answers 403 Forbidden.RAM for an action the RAM policy denies', async () => {
    const denied = new SmartagEmulator({ accessKeys: [KEY], instances: [{ regionId: REGION, instanceId: MAIN, clientCidr: '10.10.0.0/24' }], deniedActions: ['CreateSmartAccessGatewayClientUser'] });
    const started = await denied.start();
    try {
      const c = new SmartagClient({ regionId: REGION, endpoint: started.url, accessKeyId: KEY.id, accessKeySecret: KEY.secret, retry: { maxAttempts: 1 } });
      const err = await failure(c.createClientUser({ regionId: REGION, instanceId: MAIN, userMail: 'ada@example.com', bandwidthKbps: 20 }));
      expect(err).toMatchObject({ code: 'Forbidden.RAM', httpStatus: 403 });
      await expect(c.describeClientUsers({ regionId: REGION, instanceId: MAIN })).resolves.toMatchObject({ totalCount: 0 });
    } finally {
      await denied.stop();
    }
  });
});

describe("the seed's error codes, each for the input that earns it", () => {
  const cases: Array<[string, Partial<CreateClientUserInput>]> = [
    ['ClientUser.BandwidthInvalid', { bandwidthKbps: 0 }],
    ['ClientUser.BandwidthInvalid', { bandwidthKbps: 2001 }],
    ['ClientUser.BandwidthInvalid', { bandwidthKbps: 12.5 }],
    ['ClientUser.EmailEmpty', { userMail: '' }],
    ['ClientUser.EmailInvalid', { userMail: 'ada.example.com' }],
    ['ClientUser.EmailInvalid', { userMail: 'ada@example' }],
    ['ClientUser.IpEmpty', { clientIp: '' }],
    ['ClientUser.IpInvalid', { clientIp: '10.10.0.256' }],
    ['ClientUser.IpInvalid', { clientIp: '10.10.0' }],
    ['ClientUser.IpInvalid', { clientIp: '010.10.0.5' }],
    ['ClientUser.InvalidClientIp', { clientIp: '10.10.1.5' }],
    ['ClientUser.InvalidClientIp', { clientIp: '10.10.0.0' }],
    ['ClientUser.InvalidClientIp', { clientIp: '10.10.0.255' }],
    ['ClientUser.NameEmpty', { credentials: { userName: '', password: PASSWORD } }],
    ['ClientUser.NameInvalid', { credentials: { userName: 'ada000', password: PASSWORD } }],
    ['ClientUser.NameInvalid', { credentials: { userName: '_ada0001', password: PASSWORD } }],
    ['ClientUser.NameInvalid', { credentials: { userName: 'a'.repeat(34), password: PASSWORD } }],
    ['ClientUser.NameInvalid', { credentials: { userName: 'ada 0001', password: PASSWORD } }],
    ['ClientUser.PasswordEmpty', { credentials: { userName: 'ada0001', password: '' } }],
    ['ClientUser.PasswordInvalid', { credentials: { userName: 'ada0001', password: 'Short1' } }],
    ['ClientUser.PasswordInvalid', { credentials: { userName: 'ada0001', password: 'has.dot.Pass1' } }],
  ];

  it.each(cases)('answers 400 %s for %j and creates nothing', async (code, over) => {
    const err = await failure(create(over));
    expect(err).toMatchObject({ code, httpStatus: 400 });
    expect(err.cloudRequestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(emulator.users(MAIN)).toHaveLength(0);
  });

  it('accepts the edges of each rule', async () => {
    await create({ bandwidthKbps: 1, userMail: 'a@example.com' });
    await create({ bandwidthKbps: 2000, userMail: 'b@example.com', clientIp: '10.10.0.1' });
    await create({ userMail: 'c@example.com', clientIp: '10.10.0.254', credentials: { userName: 'abc0001', password: 'Abcdefg1' } });
    await create({ userMail: 'd@example.com', credentials: { userName: `d${'x'.repeat(31)}@`, password: `P${'a'.repeat(30)}-` } });
    await create({ userMail: 'e@example.com', credentials: { userName: 'e.name-1@x', password: 'e_pass@word-1' } });
    expect(emulator.users(MAIN).map((u) => u.userName)).toEqual(['a@example.com', 'b@example.com', 'abc0001', `d${'x'.repeat(31)}@`, 'e.name-1@x']);
  });

  it('answers ClientUser.InvalidClientIp when another user already holds the static address', async () => {
    await create({ userMail: 'a@example.com', clientIp: '10.10.0.7' });
    expect(await failure(create({ userMail: 'b@example.com', clientIp: '10.10.0.7' }))).toMatchObject({ code: 'ClientUser.InvalidClientIp' });
  });

  it('answers ClientUser.UserExist for a taken user name, and for a second account without a name for the same e-mail', async () => {
    await create({ credentials: { userName: 'ada0001', password: PASSWORD } });
    expect(await failure(create({ userMail: 'other@example.com', credentials: { userName: 'ada0001', password: PASSWORD } }))).toMatchObject({ code: 'ClientUser.UserExist' });
    await create({ userMail: 'bob@example.com' });
    expect(await failure(create({ userMail: 'bob@example.com' }))).toMatchObject({ code: 'ClientUser.UserExist' });
    expect(emulator.users(MAIN)).toHaveLength(2);
  });

  it('answers ClientUser.UserOverLimit when the quota is used up', async () => {
    await create({ instanceId: TINY, userMail: 'a@example.com' });
    expect(await failure(create({ instanceId: TINY, userMail: 'b@example.com' }))).toMatchObject({ code: 'ClientUser.UserOverLimit', httpStatus: 400 });
  });

  it('answers SAG.CidrEmpty for an instance without a client CIDR', async () => {
    expect(await failure(create({ instanceId: NO_CIDR }))).toMatchObject({ code: 'SAG.CidrEmpty', httpStatus: 400 });
  });

  it('answers InvalidSmartAGId.NotFound for an unknown instance and for a known one asked in the wrong region', async () => {
    expect(await failure(create({ instanceId: 'sag-nonexistent' }))).toMatchObject({ code: 'InvalidSmartAGId.NotFound', httpStatus: 404 });
    expect(await failure(create({ instanceId: BEIJING }))).toMatchObject({ code: 'InvalidSmartAGId.NotFound', httpStatus: 404 });
    await expect(create({ instanceId: BEIJING, regionId: 'cn-beijing' })).resolves.toMatchObject({ userName: 'ada@example.com' });
  });
});

describe('client users kept by the emulator', () => {
  it('answers Create in the seed shape: ClientIp only for a static address', async () => {
    const res = await rawCall({ action: 'CreateSmartAccessGatewayClientUser', query: { RegionId: REGION, SmartAGId: MAIN, UserMail: 'ada@example.com', Bandwidth: '20' } });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['Bandwidth', 'IsStaticIp', 'RequestId', 'UserMail', 'UserName']);
    expect(res.body).toMatchObject({ UserName: 'ada@example.com', Bandwidth: 20, IsStaticIp: 0 });
    const fixed = await create({ userMail: 'bob@example.com', clientIp: '10.10.0.9' });
    expect(fixed).toMatchObject({ clientIp: '10.10.0.9', isStaticIp: true });
  });

  it('pages and filters Describe', async () => {
    for (let i = 0; i < 12; i += 1) await create({ userMail: `u${i}@example.com` });
    const c = client();
    expect(await c.describeClientUsers({ regionId: REGION, instanceId: MAIN })).toMatchObject({ totalCount: 12, pageNumber: 1, pageSize: 10 });
    const second = await c.describeClientUsers({ regionId: REGION, instanceId: MAIN, pageNumber: 2 });
    expect(second.users.map((u) => u.userMail)).toEqual(['u10@example.com', 'u11@example.com']);
    const one = await c.describeClientUsers({ regionId: REGION, instanceId: MAIN, userMail: 'u3@example.com' });
    expect(one).toMatchObject({ totalCount: 1, users: [{ userName: 'u3@example.com', bandwidthKbps: 20, isStaticIp: false, state: 'Offline' }] });
    expect(await failure(c.describeClientUsers({ regionId: REGION, instanceId: MAIN, pageSize: 51 }))).toMatchObject({ code: 'InvalidParameter', httpStatus: 400 });
  });

  it('deletes a user, and says which user name is missing or unknown', async () => {
    await create({ credentials: { userName: 'ada0001', password: PASSWORD } });
    const c = client();
    await c.deleteClientUser({ regionId: REGION, instanceId: MAIN, userName: 'ada0001' });
    expect(emulator.users(MAIN)).toHaveLength(0);
    expect(await failure(c.deleteClientUser({ regionId: REGION, instanceId: MAIN, userName: 'ada0001' }))).toMatchObject({ code: 'ClientUser.UserNotExist' });
    expect(await failure(c.deleteClientUser({ regionId: REGION, instanceId: MAIN, userName: '' }))).toMatchObject({ code: 'ClientUser.NameEmpty' });
  });

  it('resets a password under the same rule', async () => {
    await create({ credentials: { userName: 'ada0001', password: PASSWORD } });
    const c = client();
    await c.resetClientUserPassword({ regionId: REGION, instanceId: MAIN, credentials: { userName: 'ada0001', password: 'Another123' } });
    expect(emulator.passwordMatches(MAIN, 'ada0001', 'Another123')).toBe(true);
    expect(emulator.passwordMatches(MAIN, 'ada0001', PASSWORD)).toBe(false);
    expect(await failure(c.resetClientUserPassword({ regionId: REGION, instanceId: MAIN, credentials: { userName: 'ada0001', password: 'bad' } }))).toMatchObject({ code: 'ClientUser.PasswordInvalid' });
    expect(await failure(c.resetClientUserPassword({ regionId: REGION, instanceId: MAIN, credentials: { userName: 'nobody00', password: 'Another123' } }))).toMatchObject({ code: 'ClientUser.UserNotExist' });
  });

  it('records every call without the password, and never shows a password in users()', async () => {
    await create({ credentials: { userName: 'ada0001', password: PASSWORD } });
    await failure(create({ credentials: { userName: 'ada0001', password: PASSWORD } }));
    expect(emulator.calls.map((c) => [c.action, c.httpStatus, c.code])).toEqual([
      ['CreateSmartAccessGatewayClientUser', 200, undefined],
      ['CreateSmartAccessGatewayClientUser', 400, 'ClientUser.UserExist'],
    ]);
    expect(emulator.calls[0].params).toMatchObject({ UserName: 'ada0001', Password: '***' });
    expect(JSON.stringify(emulator.calls)).not.toContain(PASSWORD);
    expect(JSON.stringify(emulator.users(MAIN))).not.toContain(PASSWORD);
    expect(Object.keys(emulator.users(MAIN)[0])).not.toContain('passwordSha256');
  });
});
