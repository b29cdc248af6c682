// Polls until a probe yields something: tests and the demo wait on what Slack or the emulator saw, not on sleeps.
export async function waitUntil<T>(probe: () => T | undefined | false, what: string, timeoutMs = 10_000, everyMs = 10): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
