// One contract for the SmartAG client-user API, run against the emulator always and against Alibaba Cloud on request.
//
// A real run needs (all set, or the real suite is skipped):
//   SAG_CONTRACT_ENDPOINT      e.g. https://smartag.cn-shanghai.aliyuncs.com (or a VPC endpoint)
//   ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET  a RAM user allowed smartag:Create/Describe/Delete/
//                              ResetSmartAccessGatewayClientUser(Password) (e.g. AliyunSmartAGFullAccess); read by the
//                              default credential chain, so STS / role credentials work as well
//   SAG_CONTRACT_INSTANCE_ID   a SAG app (software) instance with a client CIDR and one free user slot
//   SAG_CONTRACT_REGION_ID     optional, default cn-shanghai
// It creates one user named sagbot<run id> with e-mail sagbot.<run id>@example.com and deletes it at the end.
// The tests run in order (create → duplicate → reset → delete), so run the file on its own.
import { randomBytes } from 'node:crypto';
import { SmartagEmulator } from '../../src/sandbox/smartag-emulator';
import { SmartagClient } from '../../src/smartag/client';
import { failure } from '../support/cloud-failure';

interface ContractTarget {
  client: SmartagClient;
  regionId: string;
  instanceId: string;
}

const runId = randomBytes(5).toString('hex');
const password = () => `Ct${randomBytes(8).toString('hex')}`;


function clientUserContract(connect: () => Promise<ContractTarget>, disconnect: () => Promise<void> = async () => undefined): void {
  const userName = `sagbot${runId}`;
  const userMail = `sagbot.${runId}@example.com`;
  let t: ContractTarget;
  const base = () => ({ regionId: t.regionId, instanceId: t.instanceId });

  beforeAll(async () => {
    t = await connect();
  });
  afterAll(async () => {
    if (t) await t.client.deleteClientUser({ ...base(), userName }).catch(() => undefined);
    await disconnect();
  });

  it('is reachable with the configured credentials', async () => {
    const check = await t.client.checkAccess(t.regionId, t.instanceId);
    expect(check).toMatchObject({ ok: true });
  });

  it('creates a named client user that Describe then finds', async () => {
    const account = await t.client.createClientUser({ ...base(), userMail, bandwidthKbps: 20, credentials: { userName, password: password() } });
    expect(account).toMatchObject({ userName, userMail, bandwidthKbps: 20 });
    expect(account.cloudRequestId).toBeTruthy();
    const page = await t.client.describeClientUsers({ ...base(), userName });
    expect(page.totalCount).toBe(1);
    expect(page.users[0]).toMatchObject({ userName, userMail, bandwidthKbps: 20 });
  });

  it('refuses the same user name again with ClientUser.UserExist', async () => {
    const err = await failure(t.client.createClientUser({ ...base(), userMail: `other.${runId}@example.com`, bandwidthKbps: 20, credentials: { userName, password: password() } }));
    expect(err).toMatchObject({ code: 'ClientUser.UserExist', httpStatus: 400 });
  });

  it('resets the password of the user', async () => {
    await expect(t.client.resetClientUserPassword({ ...base(), credentials: { userName, password: password() } })).resolves.toBeDefined();
  });

  it.each([
    ['ClientUser.EmailInvalid', { userMail: 'not-an-email' }],
    ['ClientUser.BandwidthInvalid', { bandwidthKbps: 0 }],
    ['ClientUser.NameInvalid', { credentials: { userName: 'ab1', password: 'Ct0123456789' } }],
  ])('rejects bad input with 400 %s and a RequestId', async (code, over) => {
    const err = await failure(t.client.createClientUser({ ...base(), userMail: `bad.${runId}@example.com`, bandwidthKbps: 20, ...over }));
    expect(err).toMatchObject({ code, httpStatus: 400, ambiguous: false });
    expect(err.cloudRequestId).toBeTruthy();
  });

  it('deletes the user, after which Describe no longer finds it', async () => {
    await t.client.deleteClientUser({ ...base(), userName });
    const page = await t.client.describeClientUsers({ ...base(), userName });
    expect(page.users.filter((u) => u.userName === userName)).toHaveLength(0);
  });
}

describe('SmartAG client-user contract: emulator', () => {
  const key = { id: 'LTAI5tContract', secret: 'contract-secret' };
  const emulator = new SmartagEmulator({ accessKeys: [key], instances: [{ regionId: 'cn-shanghai', instanceId: 'sag-contract0001', clientCidr: '10.50.0.0/24' }] });
  clientUserContract(
    async () => {
      const { url } = await emulator.start();
      return {
        client: new SmartagClient({ regionId: 'cn-shanghai', endpoint: url, accessKeyId: key.id, accessKeySecret: key.secret, retry: { baseDelayMs: 10, maxDelayMs: 50 } }),
        regionId: 'cn-shanghai',
        instanceId: 'sag-contract0001',
      };
    },
    () => emulator.stop(),
  );
});

const realEnv = process.env;
const realConfigured = !!(realEnv.SAG_CONTRACT_ENDPOINT && realEnv.ALIBABA_CLOUD_ACCESS_KEY_ID && realEnv.SAG_CONTRACT_INSTANCE_ID);
(realConfigured ? describe : describe.skip)('SmartAG client-user contract: real endpoint', () => {
  clientUserContract(async () => {
    const regionId = realEnv.SAG_CONTRACT_REGION_ID || 'cn-shanghai';
    // No explicit key: the default credential chain reads the environment, as the bot does in production.
    return { client: new SmartagClient({ regionId, endpoint: realEnv.SAG_CONTRACT_ENDPOINT }), regionId, instanceId: realEnv.SAG_CONTRACT_INSTANCE_ID! };
  });
});
