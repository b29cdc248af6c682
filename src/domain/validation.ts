// What a person may type, checked against CreateSmartAccessGatewayClientUser's rules.
// The one source of truth for these limits: the modal builder reads them from here.

import { z } from 'zod';
import type { AccessRequestForm } from './request';
import type { BotLocale } from './cloud-errors';
import { formMessages } from './form-messages';
import {
  assignableRange,
  cidrContains,
  formatCidr,
  formatIPv4,
  isAssignableInCidr,
  isPrivateIPv4,
  parseCidr,
  parseIPv4,
} from './ip';

export const BANDWIDTH_MIN_KBPS = 1;
/** The seed's maximum; the real limit is configuration (`ValidationLimits.maxBandwidthKbps`). */
export const DEFAULT_MAX_BANDWIDTH_KBPS = 2000;
export const USER_NAME_MIN_LENGTH = 7;
export const USER_NAME_MAX_LENGTH = 33;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 32;
export const REASON_MAX_LENGTH = 500;
export const EMAIL_MAX_LENGTH = 254;
export const DENY_REASON_MAX_LENGTH = 500;

/** The whole UserName rule, length included: letters, digits, `_ @ . -`, starting with a letter or digit. */
export const USER_NAME_PATTERN = new RegExp(
  `^[A-Za-z0-9][A-Za-z0-9_@.-]{${USER_NAME_MIN_LENGTH - 1},${USER_NAME_MAX_LENGTH - 1}}$`,
);
/** The whole Password rule, length included: letters, digits, `_ @ -`, starting with a letter or digit. */
export const PASSWORD_PATTERN = new RegExp(
  `^[A-Za-z0-9][A-Za-z0-9_@-]{${PASSWORD_MIN_LENGTH - 1},${PASSWORD_MAX_LENGTH - 1}}$`,
);

export type FormField = 'userMail' | 'bandwidthKbps' | 'clientIp' | 'userName' | 'reason';
export const FORM_FIELDS: readonly FormField[] = ['userMail', 'bandwidthKbps', 'clientIp', 'userName', 'reason'];

/** Raw values as Slack delivers them; any of them may be missing, null, huge or garbage. */
export interface RequestFormInput {
  userMail?: string | null;
  bandwidthKbps?: string | null;
  clientIp?: string | null;
  userName?: string | null;
  reason?: string | null;
}

export interface ValidationLimits {
  maxBandwidthKbps: number;
  /** The instance's private client block, e.g. `10.10.0.0/16`; when set, static IPs must lie inside it. */
  clientCidr?: string;
}

export type FormValidation =
  | { ok: true; form: AccessRequestForm }
  | { ok: false; errors: Partial<Record<FormField, string>> };

export function isValidUserName(s: unknown): s is string {
  return typeof s === 'string' && USER_NAME_PATTERN.test(s);
}

export function isValidPassword(s: unknown): s is string {
  return typeof s === 'string' && PASSWORD_PATTERN.test(s);
}

// ---------------------------------------------------------------------------------------------
// Field checks: each turns one raw value into a clean value or one sentence a person can act on.

type Check<T> = { ok: true; value: T } | { ok: false; error: string };
const pass = <T>(value: T): Check<T> => ({ ok: true, value });
const fail = (error: string): Check<never> => ({ ok: false, error });

/** `undefined` for absent (missing, null, empty, whitespace only), the trimmed string, or `null` for a non-string. */
function normaliseText(raw: unknown): string | undefined | null {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') return null;
  const trimmed = raw.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Length in characters as a person counts them (code points, so an emoji is one). */
function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

// Deliberately narrower than RFC 5322: the plain addresses people actually have, nothing a mail or cloud API may choke on.
const EMAIL_LOCAL_PATTERN = /^[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*$/;
const EMAIL_LABEL_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const EMAIL_TLD_PATTERN = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;
const EMAIL_LOCAL_MAX_LENGTH = 64;

/** Trimmed; the domain is lower-cased (DNS is case-insensitive), the local part keeps its case (RFC 5321 leaves it to the mailbox). */
export function checkUserMail(raw: unknown, locale: BotLocale = 'en'): Check<string> {
  const m = formMessages(locale).mail;
  const value = normaliseText(raw);
  if (value === undefined) return fail(m.missing);
  if (value === null) return fail(m.example);
  if (value.length > EMAIL_MAX_LENGTH) return fail(m.tooLong(EMAIL_MAX_LENGTH, value.length));
  if (/\s/.test(value)) return fail(m.spaces);
  const foreign = /[^\x20-\x7e]/.exec(value);
  if (foreign) {
    const code = foreign[0].codePointAt(0) ?? 0;
    return fail(m.notAscii(code.toString(16).toUpperCase().padStart(4, '0')));
  }
  const at = value.split('@').length - 1;
  if (at === 0) return fail(m.noAt);
  if (at > 1) return fail(m.manyAt);
  const [local, domain] = value.split('@');
  if (local === '' || local.length > EMAIL_LOCAL_MAX_LENGTH || !EMAIL_LOCAL_PATTERN.test(local)) return fail(m.badLocalPart);
  const labels = domain.split('.');
  if (domain === '' || labels.length < 2) return fail(m.noDomain);
  if (!labels.every((label) => EMAIL_LABEL_PATTERN.test(label)) || !EMAIL_TLD_PATTERN.test(labels[labels.length - 1])) {
    return fail(m.badDomain);
  }
  return pass(`${local}@${domain.toLowerCase()}`);
}

/** A usable maximum: a broken setting falls back to the seed's 2000 rather than throwing at a person. */
function resolveMaxBandwidth(limits: unknown): number {
  try {
    const max = (limits as Partial<ValidationLimits> | null | undefined)?.maxBandwidthKbps;
    if (typeof max === 'number' && Number.isSafeInteger(max) && max >= BANDWIDTH_MIN_KBPS) return max;
  } catch {
    // an unreadable setting is treated like a missing one
  }
  return DEFAULT_MAX_BANDWIDTH_KBPS;
}

/** Plain ASCII digits only; leading zeros are harmless here (`0020` is 20), unlike in IP addresses. */
export function checkBandwidth(raw: unknown, maxBandwidthKbps: number, locale: BotLocale = 'en'): Check<number> {
  const m = formMessages(locale).bandwidth;
  const max = resolveMaxBandwidth({ maxBandwidthKbps });
  const min = BANDWIDTH_MIN_KBPS;
  const value = normaliseText(raw);
  if (value === undefined) return fail(m.missing(min, max));
  if (value === null || !/^[0-9]+$/.test(value)) return fail(m.notDigits(min, max));
  const digits = value.replace(/^0+(?=[0-9])/, '');
  // Compare digit counts first so 99999999999999999999 never meets floating point.
  const tooHigh = digits.length > String(max).length || Number(digits) > max;
  if (tooHigh) return fail(m.tooHigh(digits.length <= 12 ? digits : undefined, min, max));
  const kbps = Number(digits);
  if (kbps < min) return fail(m.tooLow(min, max));
  return pass(kbps);
}

export function checkClientIp(raw: unknown, clientCidr?: string, locale: BotLocale = 'en'): Check<string | undefined> {
  const m = formMessages(locale).ip;
  const value = normaliseText(raw);
  if (value === undefined) return pass(undefined);
  if (value === null || value.length > 64) return fail(m.garbage);
  if (value.includes(':')) return fail(m.notIPv4);
  if (value.includes('/')) return fail(m.withPrefix);
  const ip = parseIPv4(value);
  if (ip === undefined) {
    if (/^[0-9]+(?:\.[0-9]+){3}$/.test(value) && /(?:^|\.)0[0-9]/.test(value)) return fail(m.leadingZeros);
    return fail(m.invalid);
  }
  const address = formatIPv4(ip);
  if (clientCidr !== undefined) {
    const cidr = typeof clientCidr === 'string' ? parseCidr(clientCidr.trim()) : undefined;
    if (cidr === undefined) return fail(m.rangeSettingBroken);
    const block = formatCidr(cidr);
    const { first, last } = assignableRange(cidr);
    if (!cidrContains(cidr, ip)) return fail(m.outsideRange(address, block, formatIPv4(first), formatIPv4(last)));
    if (!isPrivateIPv4(ip)) return fail(m.notPrivateInRange(address));
    if (!isAssignableInCidr(cidr, ip)) {
      return fail(m.reserved(address, ip === cidr.network ? 'network' : 'broadcast', block, formatIPv4(first), formatIPv4(last)));
    }
    return pass(address);
  }
  if (!isPrivateIPv4(ip)) return fail(m.public(address));
  return pass(address);
}

export function checkUserName(raw: unknown, locale: BotLocale = 'en'): Check<string | undefined> {
  const m = formMessages(locale).userName;
  const [min, max] = [USER_NAME_MIN_LENGTH, USER_NAME_MAX_LENGTH];
  const value = normaliseText(raw);
  if (value === undefined) return pass(undefined);
  if (value === null) return fail(m.notText(min, max));
  const length = charCount(value);
  if (length < min || length > max) return fail(m.wrongLength(min, max, length));
  if (!/^[A-Za-z0-9]/.test(value)) return fail(m.badStart(min, max));
  if (!USER_NAME_PATTERN.test(value)) return fail(m.badCharacter(min, max, /\s/.test(value)));
  return pass(value);
}

function checkFreeText(raw: unknown, max: number, locale: BotLocale): Check<string | undefined> {
  const m = formMessages(locale).reason;
  const value = normaliseText(raw);
  if (value === undefined) return pass(undefined);
  if (value === null) return fail(m.notText);
  const length = charCount(value);
  if (length > max) return fail(m.tooLong(max, length));
  return pass(value);
}

export function checkReason(raw: unknown, locale: BotLocale = 'en'): Check<string | undefined> {
  return checkFreeText(raw, REASON_MAX_LENGTH, locale);
}

// ---------------------------------------------------------------------------------------------
// zod schemas: one per field; each reports at most one issue, so the first issue per field is its message.

function fieldSchema<T>(check: (raw: unknown) => Check<T>) {
  return z.unknown().transform((raw, ctx): T => {
    const result = check(raw);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.error });
    return z.NEVER;
  });
}

export const userMailSchema = fieldSchema(checkUserMail);
export const bandwidthSchema = (maxBandwidthKbps: number) =>
  fieldSchema((raw) => checkBandwidth(raw, maxBandwidthKbps));
// `.optional()` lets zod accept a missing key; absent values never reach the check, which would pass them anyway.
export const clientIpSchema = (clientCidr?: string) =>
  fieldSchema((raw) => checkClientIp(raw, clientCidr)).optional();
export const userNameSchema = fieldSchema(checkUserName).optional();
export const reasonSchema = fieldSchema(checkReason).optional();

/** The whole request form, its messages in `locale`; unknown keys are dropped. */
export function requestFormSchema(limits: ValidationLimits, locale: BotLocale = 'en') {
  return z.object({
    userMail: fieldSchema((raw) => checkUserMail(raw, locale)),
    bandwidthKbps: fieldSchema((raw) => checkBandwidth(raw, resolveMaxBandwidth(limits), locale)),
    clientIp: fieldSchema((raw) => checkClientIp(raw, limits?.clientCidr, locale)).optional(),
    userName: fieldSchema((raw) => checkUserName(raw, locale)).optional(),
    reason: fieldSchema((raw) => checkReason(raw, locale)).optional(),
  });
}

/** Copies the known fields into a plain object; a throwing getter or proxy counts as garbage, not a crash. */
function readFields(input: unknown): Record<FormField, unknown> {
  const fields = {} as Record<FormField, unknown>;
  let isRecord = false;
  try {
    isRecord = typeof input === 'object' && input !== null && !Array.isArray(input);
  } catch {
    // a revoked proxy: every field counts as missing
  }
  for (const field of FORM_FIELDS) {
    try {
      fields[field] = isRecord ? (input as Record<string, unknown>)[field] : undefined;
    } catch {
      fields[field] = Symbol('unreadable');
    }
  }
  return fields;
}

/** Never throws; reports every bad field at once, keyed by field, in the bot's language. */
export function validateRequestForm(input: RequestFormInput, limits: ValidationLimits, locale: BotLocale = 'en'): FormValidation {
  const safeLimits: ValidationLimits = {
    maxBandwidthKbps: resolveMaxBandwidth(limits),
    clientCidr: readClientCidr(limits),
  };
  const parsed = requestFormSchema(safeLimits, locale).safeParse(readFields(input));
  if (parsed.success) {
    const { userMail, bandwidthKbps, clientIp, userName, reason } = parsed.data;
    const form: AccessRequestForm = { userMail, bandwidthKbps };
    if (clientIp !== undefined) form.clientIp = clientIp;
    if (userName !== undefined) form.userName = userName;
    if (reason !== undefined) form.reason = reason;
    return { ok: true, form };
  }
  const errors: Partial<Record<FormField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && (FORM_FIELDS as readonly string[]).includes(field)) {
      errors[field as FormField] ??= issue.message;
    }
  }
  return { ok: false, errors };
}

function readClientCidr(limits: unknown): string | undefined {
  try {
    const cidr = (limits as Partial<ValidationLimits> | null | undefined)?.clientCidr;
    if (cidr === undefined || cidr === null || (typeof cidr === 'string' && cidr.trim() === '')) return undefined;
    // A non-string setting is kept so the IP check reports the broken setting instead of skipping the range.
    return cidr as string;
  } catch {
    return 'invalid';
  }
}

const denyReasonSchemaIn = (locale: BotLocale) =>
  fieldSchema((raw) => {
    const result = checkFreeText(raw, DENY_REASON_MAX_LENGTH, locale);
    if (result.ok && result.value === undefined) return fail(formMessages(locale).reason.denyMissing);
    return result;
  });

export const denyReasonSchema = denyReasonSchemaIn('en');

/** The reason an approver gives when denying: required, at most DENY_REASON_MAX_LENGTH characters. */
export function validateDenyReason(text: string, locale: BotLocale = 'en'): { ok: true; reason: string } | { ok: false; error: string } {
  const parsed = (locale === 'en' ? denyReasonSchema : denyReasonSchemaIn(locale)).safeParse(text);
  if (parsed.success && parsed.data !== undefined) return { ok: true, reason: parsed.data };
  return { ok: false, error: parsed.error?.issues[0]?.message ?? formMessages(locale).reason.denyMissing };
}
