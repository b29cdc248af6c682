// Runs the bot as a process of its own (`node -r tsx/cjs src/main.ts`), for tests that must kill it for real.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { configSchema } from '../config';

export interface BotProcess {
  pid: number;
  port: number;
  /** http://127.0.0.1:PORT/slack/events */
  url: string;
  /** Every stdout line (pino JSON) so far. */
  logs: string[];
  stderr(): string;
  /** Resolves once a line on stderr matches, e.g. a failpoint announcing itself. */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Sends the signal and waits for the process to be gone. */
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const ROOT = path.resolve(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'src', 'main.ts');
// Settings a developer's shell or .env might carry (every key the config reads, plus the credential
// chain's and the test-only failpoint); the child gets exactly the ones the test passes.
const OWN_PREFIXES = [...Object.keys(configSchema.shape), 'SLACK_', 'SAG_', 'ALIBABA_CLOUD_'];

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the bot with `env` (e.g. sandboxEnv() plus SAG_BOT_FAILPOINT) and resolves once it serves HTTP. */
export async function startBotProcess(env: Record<string, string>, options: { cwd?: string; startTimeoutMs?: number } = {}): Promise<BotProcess> {
  const port = Number(env.PORT) > 1 ? Number(env.PORT) : await freePort();
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !OWN_PREFIXES.some((p) => k.startsWith(p))));
  // A cwd without a .env file, so nothing but `env` configures the child.
  const cwd = options.cwd ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sag-bot-proc-'));
  const child: ChildProcess = spawn(process.execPath, ['-r', require.resolve('tsx/cjs'), MAIN], {
    cwd,
    env: { ...base, ...env, PORT: String(port), SLACK_APP_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  let stderr = '';
  let pending = '';
  const watchers: Array<() => void> = [];
  const notify = () => watchers.splice(0).forEach((w) => w());
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    logs.push(...lines.filter(Boolean));
    notify();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    notify();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let gone = false;
  void exited.then(() => {
    gone = true;
    notify();
  });

  const waitFor = (probe: () => boolean, what: string, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bot process: timed out waiting for ${what}\nstderr:\n${stderr}\nlogs:\n${logs.slice(-20).join('\n')}`)), timeoutMs);
      const check = () => {
        if (probe()) {
          clearTimeout(timer);
          resolve();
        } else if (gone) {
          clearTimeout(timer);
          reject(new Error(`bot process exited while waiting for ${what}\nstderr:\n${stderr}\nlogs:\n${logs.slice(-20).join('\n')}`));
        } else {
          watchers.push(check);
        }
      };
      check();
    });

  await waitFor(() => logs.some((l) => l.includes('SAG Access Bot started')), 'start-up', options.startTimeoutMs ?? 20_000);
  return {
    pid: child.pid!,
    port,
    url: `http://127.0.0.1:${port}/slack/events`,
    logs,
    stderr: () => stderr,
    waitForStderr: (pattern, timeoutMs = 10_000) => waitFor(() => pattern.test(stderr), `stderr ${pattern}`, timeoutMs),
    async kill(signal) {
      if (!gone) child.kill(signal);
      return exited;
    },
  };
}
