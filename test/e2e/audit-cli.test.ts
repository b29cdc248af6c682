// `npm run audit` against a real database: what happened, as a table and as CSV, without writing to the file.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { SqliteRequestStore } from '../../src/store/sqlite-store';

const run = promisify(execFile);
const CLI = path.resolve(__dirname, '../../src/audit-cli.ts');

async function audit(databasePath: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'sag-audit-cwd-'));
  try {
    const { stdout, stderr } = await run(process.execPath, ['-r', require.resolve('tsx/cjs'), CLI, ...args], { cwd, env: { ...process.env, DATABASE_PATH: databasePath } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run audit', () => {
  jest.setTimeout(30_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sag-audit-'));
  const databasePath = path.join(dir, 'bot.db');
  const now = Date.now();

  beforeAll(() => {
    const store = new SqliteRequestStore(databasePath);
    const created = store.create(
      { id: 'sagr_AbCdEf123456', requesterId: 'U0STEVE', regionId: 'cn-shanghai', instanceId: 'sag-sandbox01', userMail: 'steve@example.com', bandwidthKbps: 100, createdAt: new Date(now - 3 * 86_400_000) },
      { at: new Date(now - 3 * 86_400_000), requestId: 'sagr_AbCdEf123456', actorId: 'U0STEVE', action: 'requested' },
    );
    expect(created.ok).toBe(true);
    store.transition('sagr_AbCdEf123456', ['pending'], 'denied', { decidedBy: 'U0ALEX', denyReason: 'No, "really"' }, { at: new Date(now - 60_000), requestId: 'sagr_AbCdEf123456', actorId: 'U0ALEX', action: 'denied', detail: { reason: 'No, "really"' } });
    store.appendAudit({ at: new Date(now - 30 * 86_400_000), actorId: 'U0OMAR', action: 'refused_click', detail: { refusal: 'not_found' } });
    store.close();
  });

  it('prints the last seven days as a table', async () => {
    const before = fs.statSync(databasePath).mtimeMs;
    const { code, stdout } = await audit(databasePath, ['--since', '7d']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/requested/);
    expect(stdout).toMatch(/U0ALEX\s+denied\s+reason=No, "really"/);
    expect(stdout).not.toContain('refused_click');
    expect(stdout).toContain('2 entries since');
    expect(fs.statSync(databasePath).mtimeMs).toBe(before);
  });

  it('prints CSV for one request over a longer span', async () => {
    const { code, stdout } = await audit(databasePath, ['--since=60d', '--request', 'sagr_AbCdEf123456', '--format', 'csv']);
    expect(code).toBe(0);
    const rows = stdout.trim().split('\r\n');
    expect(rows[0]).toBe('seq,at,request_id,actor_id,action,detail_json');
    expect(rows.slice(1).map((r) => r.split(',')[4])).toEqual(['requested', 'denied']);
  });

  it('explains a wrong argument or a missing database and exits non-zero', async () => {
    const wrong = await audit(databasePath, ['--since', 'soon']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/not a duration/);
    const missing = await audit(path.join(dir, 'nope.db'), []);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No database at .*nope\.db/);
    expect(fs.existsSync(path.join(dir, 'nope.db'))).toBe(false);
  });
});
