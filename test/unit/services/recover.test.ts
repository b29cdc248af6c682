// Crash recovery's decisions, on a real (in-memory) store and a scripted cloud.
import { CloudApiError } from '../../../src/domain/cloud-error';
import type { AccessRequest } from '../../../src/domain/request';
import type { BotDeps } from '../../../src/services/deps';
import type { ClientUserQuery, ClientUserRecord, CreateClientUserInput, PersonMessage, SmartagApi } from '../../../src/services/ports';
import { announceAgain, findUnannounced, findUnfinished, recoverUnfinished } from '../../../src/services/recover';
import { SqliteRequestStore } from '../../../src/store/sqlite-store';

const AT = new Date('2025-03-10T12:00:00Z');
const INSTANCE = { regionId: 'cn-shanghai', instanceId: 'sag-unit01' };

interface Cloud {
  users: ClientUserRecord[];
  describeFails?: boolean;
  noReset?: boolean;
  resetFails?: boolean;
}

function world(cloud: Cloud) {
  const store = new SqliteRequestStore(':memory:');
  const calls = { create: [] as CreateClientUserInput[], describe: [] as ClientUserQuery[], reset: 0 };
  const told: Array<{ userId: string; message: PersonMessage }> = [];
  const logs: string[] = [];
  const smartag: SmartagApi = {
    async createClientUser(input) {
      calls.create.push(input);
      const userName = input.credentials?.userName ?? input.userMail;
      if (cloud.users.some((u) => u.userName === userName)) throw new CloudApiError({ code: 'ClientUser.UserExist', message: 'The specified user already exists.', httpStatus: 400 });
      cloud.users.push({ userName, userMail: input.userMail, bandwidthKbps: input.bandwidthKbps });
      return { userName, userMail: input.userMail, bandwidthKbps: input.bandwidthKbps, cloudRequestId: 'RID-create' };
    },
    async describeClientUsers(q) {
      calls.describe.push(q);
      if (cloud.describeFails) throw new Error('ServiceUnavailable');
      const users = cloud.users.filter((u) => (!q.userName || u.userName === q.userName) && (!q.userMail || u.userMail === q.userMail));
      return { totalCount: users.length, pageNumber: 1, pageSize: 50, users, cloudRequestId: 'RID-describe' };
    },
    ...(cloud.noReset
      ? {}
      : {
          async resetClientUserPassword() {
            calls.reset += 1;
            if (cloud.resetFails) throw new Error('ClientUser.UserNotExist');
            return { cloudRequestId: 'RID-reset' };
          },
        }),
  };
  // Any notifier method records what it was asked and succeeds; the target person has no Slack account.
  const notifier = new Proxy({}, {
    get: (_t, name) => async (...args: unknown[]) => {
      if (name === 'tellPerson') told.push({ userId: args[0] as string, message: args[1] as PersonMessage });
      return name === 'announceRequest' ? { channelId: 'C0ADMINS', messageTs: '1.1' } : undefined;
    },
  }) as BotDeps['notifier'];
  const log = (level: string) => (_obj: object, msg?: string) => void logs.push(`${level}: ${msg}`);
  const deps = {
    store,
    smartag,
    notifier,
    approvers: { isApprover: async () => true },
    clock: { now: () => AT },
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    settings: { ...INSTANCE, adminChannelId: 'C0ADMINS', limits: { maxBandwidthKbps: 2000 }, defaultBandwidthKbps: 1000, locale: 'en' },
    newRequestId: () => 'sagr_000000000000',
    randomBytes: (n: number) => new Uint8Array(n).map((_, i) => (i * 37 + 11) % 256),
  } as BotDeps;
  return { deps, store, calls, told, logs };
}

let seq = 0;
/** A request a dead process left in `status`. */
function leftover(store: SqliteRequestStore, status: 'approved' | 'provisioning', form: { userMail: string; userName?: string; instanceId?: string }): AccessRequest {
  const id = `sagr_${String(++seq).padStart(12, '0')}`;
  const created = store.create({ id, requesterId: 'U0STEVE', ...INSTANCE, bandwidthKbps: 100, createdAt: AT, ...form }, { at: AT, requestId: id, action: 'requested' });
  if (!created.ok) throw new Error('not created');
  store.transition(id, ['pending'], 'approved', { decidedBy: 'U0ALEX', decidedAt: AT }, { at: AT, requestId: id, action: 'approved' });
  if (status === 'provisioning') store.transition(id, ['approved'], 'provisioning', { attempts: 1 }, { at: AT, requestId: id, action: 'provisioning' });
  return store.get(id)!;
}

const actions = (store: SqliteRequestStore, id: string) => store.listAudit(undefined, id).map((a) => a.action);

describe('crash recovery', () => {
  it('records an account the crash hid, resets its lost password and sends the new one', async () => {
    const w = world({ users: [{ userName: 'nina.vpn', userMail: 'nina@example.com', bandwidthKbps: 100 }] });
    const r = leftover(w.store, 'provisioning', { userMail: 'nina@example.com', userName: 'nina.vpn' });
    expect(await recoverUnfinished(w.deps)).toEqual([{ requestId: r.id, from: 'provisioning', action: 'found', passwordReset: true }]);
    expect(w.store.get(r.id)).toMatchObject({ status: 'provisioned', account: { userName: 'nina.vpn', cloudRequestId: 'RID-describe' } });
    expect(w.calls.create).toHaveLength(0);
    expect(w.calls.reset).toBe(1);
    expect(w.calls.describe).toEqual([expect.objectContaining({ userName: 'nina.vpn' })]);
    expect(w.told.map((t) => t.message.kind)).toEqual(['provisioned', 'credentials']);
    expect(actions(w.store, r.id).slice(-3)).toEqual(['recovered', 'credentials_sent', 'announced']);
  });

  it('without a way to reset the password, records the account and says an approver must reset it', async () => {
    for (const cloud of [{ noReset: true }, { resetFails: true }]) {
      const w = world({ users: [{ userName: 'nina.vpn', userMail: 'nina@example.com', bandwidthKbps: 100 }], ...cloud });
      const r = leftover(w.store, 'provisioning', { userMail: 'nina@example.com', userName: 'nina.vpn' });
      expect((await recoverUnfinished(w.deps))[0]).toMatchObject({ action: 'found', passwordReset: false });
      expect(w.told.map((t) => t.message.kind)).toEqual(['provisioned']);
      expect(actions(w.store, r.id)).toContain('credentials_undelivered');
      expect(w.logs.some((l) => l.startsWith('error:') && l.includes('approver must reset'))).toBe(true);
    }
  });

  it('finds an account made without a user name by its e-mail', async () => {
    const w = world({ users: [{ userName: 'Steve@example.com', userMail: 'Steve@example.com', bandwidthKbps: 100 }] });
    const r = leftover(w.store, 'approved', { userMail: 'Steve@example.com' });
    expect((await recoverUnfinished(w.deps))[0]).toEqual({ requestId: r.id, from: 'approved', action: 'found' });
    expect(w.calls.describe).toEqual([expect.objectContaining({ userMail: 'Steve@example.com' })]);
    expect(w.store.get(r.id)!.status).toBe('provisioned');
    expect(actions(w.store, r.id)).toEqual(['requested', 'approved', 'provisioning', 'recovered', 'announced']);
  });

  it('provisions once, through approved, when the interrupted attempt created nothing', async () => {
    const w = world({ users: [] });
    const r = leftover(w.store, 'provisioning', { userMail: 'omar@example.com' });
    expect((await recoverUnfinished(w.deps))[0]).toMatchObject({ action: 'provisioned_again' });
    expect(w.calls.create).toHaveLength(1);
    expect(actions(w.store, r.id)).toEqual(['requested', 'approved', 'provisioning', 'recovered', 'provisioning', 'provisioned', 'announced']);
    expect(w.store.get(r.id)).toMatchObject({ status: 'provisioned', attempts: 2 });
  });

  it('does not take a same-named account of another e-mail for its own', async () => {
    const w = world({ users: [{ userName: 'nina.vpn', userMail: 'someone.else@example.com', bandwidthKbps: 100 }] });
    const r = leftover(w.store, 'provisioning', { userMail: 'nina@example.com', userName: 'nina.vpn' });
    expect((await recoverUnfinished(w.deps))[0]).toMatchObject({ action: 'failed_again' });
    expect(w.store.get(r.id)).toMatchObject({ status: 'failed', failure: { code: 'ClientUser.UserExist' } });
    expect(w.calls.reset).toBe(0);
  });

  it('leaves a request as it is when the cloud cannot be asked', async () => {
    const w = world({ users: [], describeFails: true });
    const r = leftover(w.store, 'provisioning', { userMail: 'omar@example.com' });
    expect((await recoverUnfinished(w.deps))[0]).toMatchObject({ action: 'unresolved' });
    expect(w.store.get(r.id)!.status).toBe('provisioning');
    expect(w.calls.create).toHaveLength(0);
    expect(w.told).toHaveLength(0);
  });

  it('leaves requests of another SmartAG instance alone', async () => {
    const w = world({ users: [] });
    leftover(w.store, 'provisioning', { userMail: 'omar@example.com', instanceId: 'sag-other01' });
    expect(findUnfinished(w.deps)).toHaveLength(0);
    expect(await recoverUnfinished(w.deps)).toEqual([]);
    expect(w.calls.describe).toHaveLength(0);
  });

  it('announces once an outcome a crash stored but never told, with a reset password for a named account', async () => {
    const w = world({ users: [{ userName: 'nina.vpn', userMail: 'nina@example.com', bandwidthKbps: 100 }] });
    const r = leftover(w.store, 'provisioning', { userMail: 'nina@example.com', userName: 'nina.vpn' });
    w.store.transition(r.id, ['provisioning'], 'provisioned', { account: { userName: 'nina.vpn', userMail: 'nina@example.com', bandwidthKbps: 100 } }, { at: AT, requestId: r.id, action: 'provisioned' });
    const told = findUnannounced(w.deps);
    expect(told.map((x) => x.id)).toEqual([r.id]);
    expect(await announceAgain(w.deps, told)).toEqual([{ requestId: r.id, from: 'provisioned', action: 'announced_again', passwordReset: true }]);
    expect(w.calls.reset).toBe(1);
    expect(w.told.map((t) => t.message.kind)).toEqual(['provisioned', 'credentials']);
    expect(w.told[0].message).toMatchObject({ passwordFollows: true });
    expect(findUnannounced(w.deps)).toEqual([]);
  });

  it('tells the requester the password could not be delivered when the lost one cannot be reset', async () => {
    const w = world({ users: [{ userName: 'nina.vpn', userMail: 'nina@example.com', bandwidthKbps: 100 }], resetFails: true });
    const r = leftover(w.store, 'provisioning', { userMail: 'nina@example.com', userName: 'nina.vpn' });
    expect((await recoverUnfinished(w.deps))[0]).toMatchObject({ action: 'found', passwordReset: false });
    expect(w.told.map((t) => t.message)).toEqual([expect.objectContaining({ kind: 'provisioned', passwordFollows: false })]);
    expect(actions(w.store, r.id)).toContain('credentials_undelivered');
  });

  it('tells the requester about a denial the crash kept from them, once', async () => {
    const w = world({ users: [] });
    const r = leftover(w.store, 'approved', { userMail: 'omar@example.com' });
    const id = `sagr_${String(++seq).padStart(12, '0')}`;
    w.store.create({ id, requesterId: 'U0OMAR', ...INSTANCE, userMail: 'x@example.com', bandwidthKbps: 10, createdAt: AT }, { at: AT, requestId: id, action: 'requested' });
    w.store.transition(id, ['pending'], 'denied', { decidedBy: 'U0ALEX', decidedAt: AT, denyReason: 'no' }, { at: AT, requestId: id, action: 'denied' });
    expect(findUnannounced(w.deps).map((x) => x.id)).toEqual([id]);
    expect(await announceAgain(w.deps, findUnannounced(w.deps))).toEqual([{ requestId: id, from: 'denied', action: 'announced_again' }]);
    expect(w.told).toEqual([{ userId: 'U0OMAR', message: expect.objectContaining({ kind: 'denied' }) }]);
    expect(findUnannounced(w.deps)).toEqual([]);
    expect(w.store.get(r.id)!.status).toBe('approved');
  });
});
