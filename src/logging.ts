// Structured JSON logs (pino) that cannot carry a secret: known fields are redacted, known secret values scrubbed.
import pino, { type Logger as Pino } from 'pino';
import type { Logger as BoltLogger, LogLevel } from '@slack/bolt';
import { Writable } from 'node:stream';

const REDACT_PATHS = [
  'password', '*.password', '*.*.password',
  'Password', '*.Password', '*.*.Password',
  'token', '*.token', 'botToken', '*.botToken', 'appToken', '*.appToken',
  'signingSecret', '*.signingSecret', 'accessKeySecret', '*.accessKeySecret',
  'authorization', '*.authorization', '*.headers.authorization', '*.*.headers.authorization',
  'credentials', '*.credentials',
];

/** Replaces every occurrence of the given secret values before a line leaves the process. */
export function scrubbingStream(secrets: readonly string[], out: NodeJS.WritableStream = process.stdout): Writable {
  const needles = secrets.filter((s) => s && s.length >= 6);
  return new Writable({
    write(chunk, _enc, done) {
      let line = chunk.toString();
      for (const s of needles) line = line.split(s).join('[REDACTED]');
      out.write(line, done);
    },
  });
}

export function createLogger(level: string, secrets: readonly string[] = [], out?: NodeJS.WritableStream): Pino {
  return pino(
    { level, base: { app: 'sag-access-bot' }, redact: { paths: REDACT_PATHS, censor: '[REDACTED]' }, serializers: { err: pino.stdSerializers.err } },
    scrubbingStream(secrets, out),
  );
}

/** Bolt's logger interface over pino, so Bolt's own lines are structured and scrubbed too. */
export function boltLogger(base: Pino): BoltLogger {
  let level = base.level as LogLevel;
  const log = (l: 'debug' | 'info' | 'warn' | 'error') => (...msg: unknown[]) =>
    base[l]({ source: 'bolt' }, msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' '));
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    // The process-wide level is LOG_LEVEL's; Bolt may not override it.
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
