// The one place the environment is read: every setting is checked at start, all problems reported at once.
import { z } from 'zod';
import { DEFAULT_MAX_BANDWIDTH_KBPS } from './domain/validation';
import { parseCidr } from './domain/ip';
import { parseDuration } from './domain/duration';
import type { ApprovalPolicy } from './domain/policy';
import { loadApprovalPolicy } from './approval-policy-file';

const SLACK_ID_LIST = /^[UWS][A-Z0-9]{2,}$/;

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const positiveInt = (fallback: number) =>
  z
    .string()
    .trim()
    .default(String(fallback))
    .transform((s, ctx) => {
      if (!/^\d+$/.test(s) || Number(s) < 1 || !Number.isSafeInteger(Number(s))) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number ≥ 1, got "${s}"` });
        return z.NEVER;
      }
      return Number(s);
    });

const boundedInt = (fallback: number, min: number, max: number) =>
  positiveInt(fallback).refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);

const onOff = (fallback: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .default(fallback ? 'true' : 'false')
    .transform((s, ctx) => {
      if (['true', '1', 'yes', 'on'].includes(s)) return true;
      if (['false', '0', 'no', 'off'].includes(s)) return false;
      ctx.addIssue({ code: 'custom', message: `must be true or false, got "${s}"` });
      return z.NEVER;
    });

const duration = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .transform((s, ctx) => {
      const ms = parseDuration(s);
      if (ms === undefined || ms < 60_000) {
        ctx.addIssue({ code: 'custom', message: `must be a duration of at least 1m such as 15m, 72h or 3d, got "${s}"` });
        return z.NEVER;
      }
      return ms;
    });

/** Also read by the audit CLI, which needs no other setting. */
export const DEFAULT_DATABASE_PATH = './data/sag-access-bot.db';

export const configSchema = z
  .object({
    SLACK_BOT_TOKEN: z.string({ error: 'is required (xoxb-…)' }).trim().startsWith('xoxb-', 'must start with xoxb-'),
    SLACK_SIGNING_SECRET: z.string({ error: 'is required' }).trim().min(1, 'is required'),
    SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xapp-'), 'must start with xapp-'),
    SLACK_API_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/.+\/$/.test(v), 'must be a URL ending in / (e.g. https://slack.com/api/)'),
    SLASH_COMMAND: z.string().trim().default('/sag-access').refine((v) => /^\/[a-z0-9_-]{1,31}$/.test(v), 'must look like /sag-access'),
    PORT: positiveInt(3000),
    SLACK_ADMIN_CHANNEL_ID: z.string({ error: 'is required (the channel id, e.g. C0123ABCD)' }).trim().regex(/^[CG][A-Z0-9]{2,}$/, 'must be a channel id such as C0123ABCD'),
    SLACK_APPROVER_IDS: z
      .string({ error: 'is required (comma-separated user ids U… and/or user-group ids S…)' })
      .transform((s) => s.split(',').map((p) => p.trim()).filter(Boolean))
      .refine((ids) => ids.length > 0, 'needs at least one user id (U…) or user-group id (S…)')
      .refine((ids) => ids.every((id) => SLACK_ID_LIST.test(id)), 'each entry must be a user id (U…/W…) or user-group id (S…)'),
    SAG_REGION_ID: z.string({ error: 'is required (e.g. cn-shanghai)' }).trim().regex(/^[a-z]{2}-[a-z0-9-]+$/, 'must be a region id such as cn-shanghai'),
    SAG_INSTANCE_ID: z.string({ error: 'is required (e.g. sag-xxxxxxxx)' }).trim().regex(/^sag-[a-z0-9]+$/, 'must be an instance id such as sag-gnhe6sywtare5'),
    SAG_CLIENT_CIDR: optionalText.refine((v) => v === undefined || parseCidr(v) !== undefined, 'must be a CIDR block such as 10.10.0.0/16'),
    SAG_MAX_BANDWIDTH_KBPS: positiveInt(DEFAULT_MAX_BANDWIDTH_KBPS),
    SAG_DEFAULT_BANDWIDTH_KBPS: positiveInt(1000),
    SAG_ENDPOINT: optionalText.refine((v) => v === undefined || /^https?:\/\/[^/]+\/?$/.test(v), 'must be a URL such as https://smartag-vpc.cn-shanghai.aliyuncs.com'),
    SAG_CONNECT_TIMEOUT_MS: boundedInt(5000, 100, 60_000),
    SAG_READ_TIMEOUT_MS: boundedInt(10_000, 100, 120_000),
    SAG_MAX_ATTEMPTS: boundedInt(4, 1, 10),
    ALIBABA_CLOUD_ACCESS_KEY_ID: optionalText,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: optionalText,
    DATABASE_PATH: z.string().trim().default(DEFAULT_DATABASE_PATH),
    ONBOARDING_WELCOME: onOff(true),
    ALLOW_REQUESTS_FOR_OTHERS: onOff(true),
    REMINDER_AFTER: duration('15m'),
    REQUEST_TTL: duration('72h'),
    APPROVAL_POLICY_FILE: optionalText,
    // How long a stop (SIGTERM/SIGINT) waits for provisioning in flight; under Kubernetes' default 30 s grace.
    SHUTDOWN_GRACE: z
      .string()
      .trim()
      .default('25s')
      .transform((s, ctx) => {
        const ms = parseDuration(s);
        if (ms === undefined || ms < 1000 || ms > 600_000) {
          ctx.addIssue({ code: 'custom', message: `must be a duration between 1s and 10m such as 25s, got "${s}"` });
          return z.NEVER;
        }
        return ms;
      }),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    BOT_LOCALE: z.enum(['en', 'zh-CN']).default('en'),
  })
  .superRefine((c, ctx) => {
    if (c.SAG_DEFAULT_BANDWIDTH_KBPS > c.SAG_MAX_BANDWIDTH_KBPS) {
      ctx.addIssue({ code: 'custom', path: ['SAG_DEFAULT_BANDWIDTH_KBPS'], message: `must not exceed SAG_MAX_BANDWIDTH_KBPS (${c.SAG_MAX_BANDWIDTH_KBPS})` });
    }
    if (Boolean(c.ALIBABA_CLOUD_ACCESS_KEY_ID) !== Boolean(c.ALIBABA_CLOUD_ACCESS_KEY_SECRET)) {
      ctx.addIssue({ code: 'custom', path: ['ALIBABA_CLOUD_ACCESS_KEY_SECRET'], message: 'ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET go together' });
    }
  });

export interface Config {
  slack: {
    botToken: string;
    signingSecret: string;
    appToken?: string;
    apiUrl?: string;
    command: string;
    port: number;
    adminChannelId: string;
    approverIds: string[];
  };
  sag: {
    regionId: string;
    instanceId: string;
    clientCidr?: string;
    maxBandwidthKbps: number;
    defaultBandwidthKbps: number;
    endpoint?: string;
    accessKeyId?: string;
    accessKeySecret?: string;
    /** Per attempt: TCP/TLS connect, and waiting for the answer. */
    connectTimeoutMs: number;
    readTimeoutMs: number;
    /** Attempts per call, the first included; only throttling, 5xx and network failures are tried again. */
    maxAttempts: number;
  };
  databasePath: string;
  selfService: {
    welcomeNewMembers: boolean;
    allowRequestsForOthers: boolean;
    reminderAfterMs: number;
    requestTtlMs: number;
    approvalPolicyFile?: string;
    approvalPolicy: ApprovalPolicy;
  };
  /** A stop waits this long for work in flight before closing the database. */
  shutdownGraceMs: number;
  logLevel: string;
  locale: 'en' | 'zh-CN';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration problems (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError listing every missing or malformed setting. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  const policy = loadApprovalPolicy(env.APPROVAL_POLICY_FILE);
  if (!parsed.success || !policy.ok) {
    throw new ConfigError([
      ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'} ${i.message}`)),
      ...(policy.ok ? [] : policy.problems),
    ]);
  }
  const c = parsed.data;
  return {
    slack: {
      botToken: c.SLACK_BOT_TOKEN,
      signingSecret: c.SLACK_SIGNING_SECRET,
      appToken: c.SLACK_APP_TOKEN,
      apiUrl: c.SLACK_API_URL,
      command: c.SLASH_COMMAND,
      port: c.PORT,
      adminChannelId: c.SLACK_ADMIN_CHANNEL_ID,
      approverIds: c.SLACK_APPROVER_IDS,
    },
    sag: {
      regionId: c.SAG_REGION_ID,
      instanceId: c.SAG_INSTANCE_ID,
      clientCidr: c.SAG_CLIENT_CIDR,
      maxBandwidthKbps: c.SAG_MAX_BANDWIDTH_KBPS,
      defaultBandwidthKbps: c.SAG_DEFAULT_BANDWIDTH_KBPS,
      endpoint: c.SAG_ENDPOINT,
      accessKeyId: c.ALIBABA_CLOUD_ACCESS_KEY_ID,
      accessKeySecret: c.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
      connectTimeoutMs: c.SAG_CONNECT_TIMEOUT_MS,
      readTimeoutMs: c.SAG_READ_TIMEOUT_MS,
      maxAttempts: c.SAG_MAX_ATTEMPTS,
    },
    databasePath: c.DATABASE_PATH,
    selfService: {
      welcomeNewMembers: c.ONBOARDING_WELCOME,
      allowRequestsForOthers: c.ALLOW_REQUESTS_FOR_OTHERS,
      reminderAfterMs: c.REMINDER_AFTER,
      requestTtlMs: c.REQUEST_TTL,
      approvalPolicyFile: c.APPROVAL_POLICY_FILE,
      approvalPolicy: policy.policy,
    },
    shutdownGraceMs: c.SHUTDOWN_GRACE,
    logLevel: c.LOG_LEVEL,
    locale: c.BOT_LOCALE,
  };
}
