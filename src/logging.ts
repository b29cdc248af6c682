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

// WebClient logs whole Web API bodies at debug: the credentials DM would put a generated password in the log.
const SLACK_BODY_LINE = /^(http request body|http request result|http request headers): /;

/** A debug line of WebClient without the body it carries; every other line as it is. */
export function withoutSlackBodies(line: string): string {
  const match = SLACK_BODY_LINE.exec(line);
  return match ? `${match[1]}: [omitted: may carry a password or personal data]` : line;
}

/** Bolt's logger interface over pino, so Bolt's own lines are structured and scrubbed too. */
export function boltLogger(base: Pino): BoltLogger {
  let level = base.level as LogLevel;
  const log = (l: 'debug' | 'info' | 'warn' | 'error') => (...msg: unknown[]) =>
    base[l]({ source: 'bolt' }, withoutSlackBodies(msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ')));
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
