// Everything a use case needs, passed in so tests and the sandbox swap adapters without module mocks.
import { customAlphabet } from 'nanoid';
import { randomBytes } from 'node:crypto';
import { REQUEST_ID_PREFIX } from '../domain/request';
import type { ValidationLimits } from '../domain/validation';
import type { BotLocale } from '../domain/cloud-errors';
import type { FollowUpTimes } from '../domain/follow-up';
import { DEFAULT_APPROVAL_POLICY, type ApprovalPolicy } from '../domain/policy';
import type { ApproverDirectory, Clock, Logger, Notifier, RequestStore, SmartagApi } from './ports';

export interface BotSettings {
  regionId: string;
  instanceId: string;
  adminChannelId: string;
  limits: ValidationLimits;
  defaultBandwidthKbps: number;
  locale: BotLocale;
  /** The slash command as configured (SLASH_COMMAND), named wherever people are told what to type; absent means DEFAULT_SLASH_COMMAND. */
  command?: string;
  /** Welcome, reminders, expiry and approval policy; absent means DEFAULT_SELF_SERVICE. */
  selfService?: SelfServiceSettings;
}

export interface SelfServiceSettings extends FollowUpTimes {
  /** Greet new members with a direct message on team_join. */
  welcomeNewMembers: boolean;
  /** When false, only approvers may request access for an e-mail that is not their own. */
  allowRequestsForOthers: boolean;
  approvalPolicy: ApprovalPolicy;
}

export const DEFAULT_SLASH_COMMAND = '/sag-access';

export function slashCommand(deps: BotDeps): string {
  return deps.settings.command ?? DEFAULT_SLASH_COMMAND;
}

export const DEFAULT_SELF_SERVICE: SelfServiceSettings = {
  welcomeNewMembers: true,
  allowRequestsForOthers: true,
  reminderAfterMs: 15 * 60_000,
  requestTtlMs: 72 * 3_600_000,
  approvalPolicy: DEFAULT_APPROVAL_POLICY,
};

export function selfService(deps: BotDeps): SelfServiceSettings {
  return deps.settings.selfService ?? DEFAULT_SELF_SERVICE;
}

export interface BotDeps {
  store: RequestStore;
  smartag: SmartagApi;
  notifier: Notifier;
  approvers: ApproverDirectory;
  clock: Clock;
  logger: Logger;
  settings: BotSettings;
  newRequestId: () => string;
  randomBytes: (n: number) => Uint8Array;
}

// nanoid 3 is the last CommonJS line (4+ is ESM-only), so jest and tsx load it without a transform.
const idBody = customAlphabet('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 12);

export function newRequestId(): string {
  return REQUEST_ID_PREFIX + idBody();
}

export const secureRandomBytes = (n: number): Uint8Array => randomBytes(n);
