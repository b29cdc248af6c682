// Test-only pause points for the crash-recovery tests (test/e2e/crash-recovery.test.ts).
// SAG_BOT_FAILPOINT=<name> makes the process stop at that point: it says so on stderr and waits to be
// killed. Unset (always, outside those tests), every point is an already-resolved promise and changes nothing.
// It is read here, not in config.ts, because it is not a setting: no deployment should ever set it.

export const FAILPOINTS = ['after-approve', 'before-create', 'after-create', 'before-announce'] as const;
export type FailpointName = (typeof FAILPOINTS)[number];

const PASS: Promise<void> = Promise.resolve();

export function failpoint(name: FailpointName): Promise<void> {
  if (process.env.SAG_BOT_FAILPOINT !== name) return PASS;
  process.stderr.write(`FAILPOINT ${name} reached\n`);
  // Never settles: the test kills the process here with SIGKILL.
  return new Promise<void>(() => undefined);
}
