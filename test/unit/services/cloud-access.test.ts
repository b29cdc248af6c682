import type { CloudAccessCheck } from '../../../src/domain/cloud-access';
import { CloudAccessMonitor } from '../../../src/services/cloud-access';
import type { BotDeps } from '../../../src/services/deps';
import type { AdminNotice, SmartagApi } from '../../../src/services/ports';

const FORBIDDEN: CloudAccessCheck = { ok: false, code: 'Forbidden.RAM', problem: 'permission', sentence: 'Forbidden.RAM: attach AliyunSmartAGFullAccess.', cloudRequestId: 'RID-1' };
const BUSY: CloudAccessCheck = { ok: false, code: 'ServiceUnavailable', problem: 'unavailable', sentence: 'SmartAG is busy.' };
const OK: CloudAccessCheck = { ok: true, totalUsers: 3 };

function world(answers: CloudAccessCheck[], opts: { noCheck?: boolean; noticeFails?: boolean } = {}) {
  const logs: Array<{ level: string; obj: object; msg?: string }> = [];
  const notices: AdminNotice[] = [];
  const scheduled: Array<{ task: () => void; ms: number; cancelled: boolean }> = [];
  let calls = 0;
  const smartag = {
    createClientUser: async () => {
      throw new Error('not used');
    },
    describeClientUsers: async () => {
      throw new Error('not used');
    },
    ...(opts.noCheck
      ? {}
      : {
          checkAccess: async (regionId: string, instanceId: string) => {
            expect([regionId, instanceId]).toEqual(['cn-shanghai', 'sag-unit01']);
            return answers[Math.min(calls++, answers.length - 1)];
          },
        }),
  } as SmartagApi;
  const log = (level: string) => (obj: object, msg?: string) => void logs.push({ level, obj, msg });
  const deps = {
    smartag,
    notifier: {
      tellAdmins: async (n: AdminNotice) => {
        if (opts.noticeFails) throw new Error('channel_not_found');
        notices.push(n);
      },
    } as unknown as BotDeps['notifier'],
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    clock: { now: () => new Date('2025-01-01T00:00:00Z') },
    settings: { regionId: 'cn-shanghai', instanceId: 'sag-unit01', locale: 'en' } as BotDeps['settings'],
  };
  const monitor = new CloudAccessMonitor(deps, {
    recheckMs: 1234,
    schedule: (task, ms) => {
      const entry = { task, ms, cancelled: false };
      scheduled.push(entry);
      return () => {
        entry.cancelled = true;
      };
    },
  });
  return { monitor, logs, notices, scheduled, calls: () => calls };
}

describe('the SmartAG access monitor', () => {
  it('is not ready while the first check runs, and ready after it succeeds, with one info line and no notice', async () => {
    const w = world([OK]);
    expect(w.monitor.ready).toBe(false);
    expect(w.monitor.current).toEqual({ state: 'checking' });
    await w.monitor.check();
    expect(w.monitor.ready).toBe(true);
    expect(w.monitor.current).toMatchObject({ state: 'ok', totalUsers: 3 });
    expect(w.logs).toEqual([expect.objectContaining({ level: 'info', msg: expect.stringContaining('SmartAG access OK: instance sag-unit01 in cn-shanghai') })]);
    expect(w.notices).toEqual([]);
    expect(w.scheduled).toEqual([]);
  });

  it('reports a failure once in the log and once to approvers, and checks again later', async () => {
    const w = world([FORBIDDEN, FORBIDDEN, OK]);
    await w.monitor.check();
    expect(w.monitor.ready).toBe(false);
    expect(w.monitor.current).toMatchObject({ state: 'failed', code: 'Forbidden.RAM', problem: 'permission', cloudRequestId: 'RID-1' });
    expect(w.logs).toHaveLength(1);
    expect(w.logs[0]).toMatchObject({ level: 'error', obj: { code: 'Forbidden.RAM', problem: 'permission', regionId: 'cn-shanghai', instanceId: 'sag-unit01' } });
    expect(w.logs[0].msg).toBe('SmartAG access check failed: Forbidden.RAM: attach AliyunSmartAGFullAccess. The bot keeps running but is not ready: approvals will fail until this is fixed.');
    expect(w.notices).toEqual([{ kind: 'cloud_access_failed', check: FORBIDDEN, regionId: 'cn-shanghai', instanceId: 'sag-unit01' }]);
    expect(w.scheduled.map((s) => s.ms)).toEqual([1234]);

    // The same problem again: no new log line, no new notice.
    w.scheduled[0].task();
    await new Promise((r) => setImmediate(r));
    expect(w.calls()).toBe(2);
    expect(w.logs).toHaveLength(1);
    expect(w.notices).toHaveLength(1);

    // Fixed (a RAM policy needs no restart): ready, and the approvers hear so.
    w.scheduled[1].task();
    await new Promise((r) => setImmediate(r));
    expect(w.monitor.ready).toBe(true);
    expect(w.logs[1]).toMatchObject({ level: 'info', msg: expect.stringContaining('SmartAG access OK again') });
    expect(w.notices[1]).toEqual({ kind: 'cloud_access_restored', regionId: 'cn-shanghai', instanceId: 'sag-unit01', totalUsers: 3 });
    expect(w.scheduled).toHaveLength(2);
  });

  it('tells approvers again when the problem changes', async () => {
    const w = world([BUSY, FORBIDDEN]);
    await w.monitor.check();
    await w.monitor.check();
    expect(w.notices.map((n) => n.kind === 'cloud_access_failed' && n.check.code)).toEqual(['ServiceUnavailable', 'Forbidden.RAM']);
    expect(w.logs.map((l) => l.level)).toEqual(['error', 'error']);
  });

  it('counts as ready without checking when the SmartAG port offers no check', async () => {
    const w = world([], { noCheck: true });
    expect(w.monitor.current).toEqual({ state: 'unchecked' });
    await w.monitor.check();
    expect(w.monitor.ready).toBe(true);
    expect(w.logs).toEqual([]);
  });

  it('stops checking again once stopped', async () => {
    const w = world([BUSY]);
    await w.monitor.check();
    w.monitor.stop();
    expect(w.scheduled[0].cancelled).toBe(true);
    await w.monitor.check();
    expect(w.calls()).toBe(1);
  });

  it('survives an admin channel it cannot post to', async () => {
    const w = world([FORBIDDEN], { noticeFails: true });
    await expect(w.monitor.check()).resolves.toMatchObject({ state: 'failed' });
    expect(w.logs.map((l) => l.level)).toEqual(['error', 'warn']);
  });
});
