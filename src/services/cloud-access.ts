// Use case: prove at start-up that the bot can reach its SmartAG instance, and say what to fix when it cannot.
//
// A failed check does not stop the process: Slack keeps getting answers (requests can still be filed and
// decided), the operator reads one log line, approvers get one notice in the admin channel, and `ready`
// turns false so a readiness probe can report it. While failing, the check is repeated now and then so a
// fix that needs no restart (a RAM policy attached, the service back) turns the bot ready again.
import type { CloudAccessCheck } from '../domain/cloud-access';
import type { BotDeps } from './deps';

export type CloudAccessStatus =
  /** The SmartAG port offers no check (a test double); nothing is known, nothing is blocked. */
  | { state: 'unchecked' }
  | { state: 'checking' }
  | { state: 'ok'; totalUsers: number; checkedAt: Date }
  | { state: 'failed'; code: string; problem: string; sentence: string; cloudRequestId?: string; checkedAt: Date };

export interface CloudAccessOptions {
  /** How long to wait before checking again while the check fails; default one minute. */
  recheckMs?: number;
  /** Runs `task` after `ms`; returns the cancel. Default: an unref'd setTimeout. */
  schedule?: (task: () => void, ms: number) => () => void;
}

const DEFAULT_RECHECK_MS = 60_000;

function defaultSchedule(task: () => void, ms: number): () => void {
  const timer = setTimeout(task, ms);
  // A pending re-check must not keep a stopping process alive.
  timer.unref?.();
  return () => clearTimeout(timer);
}

type MonitorDeps = Pick<BotDeps, 'smartag' | 'notifier' | 'logger' | 'clock' | 'settings'>;

export class CloudAccessMonitor {
  private status: CloudAccessStatus;
  /** The code the admin channel was last told about; one notice per distinct problem. */
  private noticeFor?: string;
  private cancelRecheck?: () => void;
  private stopped = false;
  private readonly recheckMs: number;
  private readonly schedule: (task: () => void, ms: number) => () => void;

  constructor(
    private readonly deps: MonitorDeps,
    options: CloudAccessOptions = {},
  ) {
    this.status = deps.smartag.checkAccess ? { state: 'checking' } : { state: 'unchecked' };
    this.recheckMs = options.recheckMs ?? DEFAULT_RECHECK_MS;
    this.schedule = options.schedule ?? defaultSchedule;
  }

  get current(): CloudAccessStatus {
    return this.status;
  }

  /** False while checking and after a failed check: approvals would fail. */
  get ready(): boolean {
    return this.status.state === 'ok' || this.status.state === 'unchecked';
  }

  /** Runs the check, logs one line, tells approvers about a new problem or its end; never rejects. */
  async check(): Promise<CloudAccessStatus> {
    const { smartag, settings, logger } = this.deps;
    if (!smartag.checkAccess || this.stopped) return this.status;
    const where = { regionId: settings.regionId, instanceId: settings.instanceId };
    let result: CloudAccessCheck;
    try {
      result = await smartag.checkAccess(settings.regionId, settings.instanceId);
    } catch (err) {
      // checkAccess answers problems as values; a throw is a bug, reported as such.
      logger.error({ err }, 'SmartAG access check crashed');
      result = { ok: false, code: 'InternalError', problem: 'other', sentence: 'The SmartAG access check failed unexpectedly; see the error logged above.' };
    }
    if (this.stopped) return this.status;
    const checkedAt = this.deps.clock.now();
    const before = this.status;
    if (result.ok) {
      this.status = { state: 'ok', totalUsers: result.totalUsers, checkedAt };
      const again = before.state === 'failed' ? ' again' : '';
      logger.info({ ...where, totalUsers: result.totalUsers }, `SmartAG access OK${again}: instance ${settings.instanceId} in ${settings.regionId} answers (${result.totalUsers} client users); approvals can provision.`);
      if (this.noticeFor) {
        this.noticeFor = undefined;
        await this.tellAdmins({ kind: 'cloud_access_restored', ...where, totalUsers: result.totalUsers });
      }
      return this.status;
    }
    this.status = { state: 'failed', code: result.code, problem: result.problem, sentence: result.sentence, cloudRequestId: result.cloudRequestId, checkedAt };
    const changed = before.state !== 'failed' || before.code !== result.code;
    if (changed) {
      logger.error(
        { ...where, code: result.code, problem: result.problem, cloudRequestId: result.cloudRequestId },
        `SmartAG access check failed: ${result.sentence} The bot keeps running but is not ready: approvals will fail until this is fixed.`,
      );
    }
    if (this.noticeFor !== result.code) {
      this.noticeFor = result.code;
      await this.tellAdmins({ kind: 'cloud_access_failed', check: result, ...where });
    }
    this.cancelRecheck?.();
    this.cancelRecheck = this.schedule(() => void this.check(), this.recheckMs);
    return this.status;
  }

  stop(): void {
    this.stopped = true;
    this.cancelRecheck?.();
  }

  private async tellAdmins(notice: Parameters<MonitorDeps['notifier']['tellAdmins']>[0]): Promise<void> {
    try {
      await this.deps.notifier.tellAdmins(notice);
    } catch (err) {
      this.deps.logger.warn({ err, kind: notice.kind }, 'could not post the SmartAG access notice to the admin channel');
    }
  }
}
