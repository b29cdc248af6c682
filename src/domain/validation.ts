// What a person may type, checked against CreateSmartAccessGatewayClientUser's rules.
// The one source of truth for these limits: the modal builder reads them from here.

import { z } from 'zod';
import type { AccessRequestForm } from './request';
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

const EMAIL_EXAMPLE = 'Enter an e-mail address like name@example.com.';
// Deliberately narrower than RFC 5322: the plain addresses people actually have, nothing a mail or cloud API may choke on.
const EMAIL_LOCAL_PATTERN = /^[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*$/;
const EMAIL_LABEL_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const EMAIL_TLD_PATTERN = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;
const EMAIL_LOCAL_MAX_LENGTH = 64;

/** Trimmed; the domain is lower-cased (DNS is case-insensitive), the local part keeps its case (RFC 5321 leaves it to the mailbox). */
export function checkUserMail(raw: unknown): Check<string> {
  const value = normaliseText(raw);
  if (value === undefined) return fail('Enter the e-mail address the account details should be sent to.');
  if (value === null) return fail(EMAIL_EXAMPLE);
  if (value.length > EMAIL_MAX_LENGTH) {
    return fail(`An e-mail address can be at most ${EMAIL_MAX_LENGTH} characters; this one has ${value.length}.`);
  }
  if (/\s/.test(value)) return fail(`Remove the spaces from the e-mail address. ${EMAIL_EXAMPLE}`);
  const foreign = /[^\x20-\x7e]/.exec(value);
  if (foreign) {
    const code = foreign[0].codePointAt(0) ?? 0;
    const hex = code.toString(16).toUpperCase().padStart(4, '0');
    return fail(
      `The e-mail address contains a character that is not plain ASCII (U+${hex}), perhaps a look-alike letter; type it again by hand, like name@example.com.`,
    );
  }
  const at = value.split('@').length - 1;
  if (at === 0) return fail(`The e-mail address needs an @ and a domain. ${EMAIL_EXAMPLE}`);
  if (at > 1) return fail(`An e-mail address has exactly one @. ${EMAIL_EXAMPLE}`);
  const [local, domain] = value.split('@');
  if (local === '' || local.length > EMAIL_LOCAL_MAX_LENGTH || !EMAIL_LOCAL_PATTERN.test(local)) {
    return fail(
      `The part before the @ may use only letters, digits and . _ % + - (no dot at either end, no two dots in a row). ${EMAIL_EXAMPLE}`,
    );
  }
  const labels = domain.split('.');
  if (domain === '' || labels.length < 2) {
    return fail(`The e-mail address needs a full domain after the @, such as example.com. ${EMAIL_EXAMPLE}`);
  }
  if (!labels.every((label) => EMAIL_LABEL_PATTERN.test(label)) || !EMAIL_TLD_PATTERN.test(labels[labels.length - 1])) {
    return fail(`The domain after the @ doesn't look right; it should be like example.com. ${EMAIL_EXAMPLE}`);
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
export function checkBandwidth(raw: unknown, maxBandwidthKbps: number): Check<number> {
  const max = resolveMaxBandwidth({ maxBandwidthKbps });
  const range = `a whole number of Kbps from ${BANDWIDTH_MIN_KBPS} to ${max}`;
  const value = normaliseText(raw);
  if (value === undefined) return fail(`Enter the bandwidth: ${range}.`);
  if (value === null || !/^[0-9]+$/.test(value)) return fail(`Enter the bandwidth as ${range}, digits only (e.g. 512).`);
  const digits = value.replace(/^0+(?=[0-9])/, '');
  // Compare digit counts first so 99999999999999999999 never meets floating point.
  const tooHigh = digits.length > String(max).length || Number(digits) > max;
  if (tooHigh) {
    const shown = digits.length <= 12 ? `${digits} Kbps` : 'That';
    return fail(`${shown} is above the maximum; enter ${range}.`);
  }
  const kbps = Number(digits);
  if (kbps < BANDWIDTH_MIN_KBPS) return fail(`Bandwidth must be at least ${BANDWIDTH_MIN_KBPS} Kbps; enter ${range}.`);
  return pass(kbps);
}

const IP_EXAMPLE = 'Enter one IPv4 address like 10.0.0.5 (four numbers from 0 to 255 separated by dots)';

export function checkClientIp(raw: unknown, clientCidr?: string): Check<string | undefined> {
  const value = normaliseText(raw);
  if (value === undefined) return pass(undefined);
  if (value === null || value.length > 64) return fail(`${IP_EXAMPLE}, or leave it empty.`);
  if (value.includes(':')) return fail(`Only IPv4 addresses are supported. ${IP_EXAMPLE}.`);
  if (value.includes('/')) return fail(`Enter a single address without a /prefix. ${IP_EXAMPLE}.`);
  const ip = parseIPv4(value);
  if (ip === undefined) {
    if (/^[0-9]+(?:\.[0-9]+){3}$/.test(value) && /(?:^|\.)0[0-9]/.test(value)) {
      return fail('Write each number of the address without leading zeros, e.g. 10.0.0.1 rather than 010.0.0.1.');
    }
    return fail(`${IP_EXAMPLE}.`);
  }
  const address = formatIPv4(ip);
  if (clientCidr !== undefined) {
    const cidr = typeof clientCidr === 'string' ? parseCidr(clientCidr.trim()) : undefined;
    if (cidr === undefined) {
      return fail("Static addresses can't be checked because the bot's client range setting is invalid; leave this empty or ask an administrator.");
    }
    const block = formatCidr(cidr);
    const { first, last } = assignableRange(cidr);
    const choose = `choose an address from ${formatIPv4(first)} to ${formatIPv4(last)} (client range ${block})`;
    if (!cidrContains(cidr, ip)) return fail(`${address} is outside the client range ${block}; ${choose}, or leave it empty.`);
    if (!isPrivateIPv4(ip)) return fail(`${address} is not a private address (10.x, 172.16–31.x or 192.168.x); leave it empty.`);
    if (!isAssignableInCidr(cidr, ip)) {
      const which = ip === cidr.network ? 'network' : 'broadcast';
      return fail(`${address} is the ${which} address of ${block} and can't be given to a client; ${choose}.`);
    }
    return pass(address);
  }
  if (!isPrivateIPv4(ip)) {
    return fail(`${address} is a public address; use a private one (10.x.x.x, 172.16–31.x.x or 192.168.x.x), or leave it empty.`);
  }
  return pass(address);
}

const USER_NAME_RULE = `User names are ${USER_NAME_MIN_LENGTH}–${USER_NAME_MAX_LENGTH} characters of letters, digits and _ @ . -, starting with a letter or digit`;

export function checkUserName(raw: unknown): Check<string | undefined> {
  const value = normaliseText(raw);
  if (value === undefined) return pass(undefined);
  if (value === null) return fail(`${USER_NAME_RULE}.`);
  const length = charCount(value);
  if (length < USER_NAME_MIN_LENGTH || length > USER_NAME_MAX_LENGTH) {
    return fail(`${USER_NAME_RULE}; this one has ${length}.`);
  }
  if (!/^[A-Za-z0-9]/.test(value)) return fail(`${USER_NAME_RULE}; this one starts with something else.`);
  if (!USER_NAME_PATTERN.test(value)) {
    return fail(`${USER_NAME_RULE}; this one contains ${/\s/.test(value) ? 'a space' : 'another character'}.`);
  }
  return pass(value);
}

function checkFreeText(raw: unknown, max: number, what: string): Check<string | undefined> {
  const value = normaliseText(raw);
  if (value === undefined) return pass(undefined);
  if (value === null) return fail(`Enter the ${what} as text.`);
  const length = charCount(value);
  if (length > max) return fail(`Keep the ${what} to ${max} characters or fewer; it is ${length} now.`);
  return pass(value);
}

export function checkReason(raw: unknown): Check<string | undefined> {
  return checkFreeText(raw, REASON_MAX_LENGTH, 'reason');
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

/** The whole request form; unknown keys are dropped. */
export function requestFormSchema(limits: ValidationLimits) {
  return z.object({
    userMail: userMailSchema,
    bandwidthKbps: bandwidthSchema(resolveMaxBandwidth(limits)),
    clientIp: clientIpSchema(limits?.clientCidr),
    userName: userNameSchema,
    reason: reasonSchema,
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

/** Never throws; reports every bad field at once, keyed by field. */
export function validateRequestForm(input: RequestFormInput, limits: ValidationLimits): FormValidation {
  const safeLimits: ValidationLimits = {
    maxBandwidthKbps: resolveMaxBandwidth(limits),
    clientCidr: readClientCidr(limits),
  };
  const parsed = requestFormSchema(safeLimits).safeParse(readFields(input));
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

export const denyReasonSchema = fieldSchema((raw) => {
  const result = checkFreeText(raw, DENY_REASON_MAX_LENGTH, 'reason');
  if (result.ok && result.value === undefined) return fail('Tell the requester why the request is denied.');
  return result;
});

/** The reason an approver gives when denying: required, at most DENY_REASON_MAX_LENGTH characters. */
export function validateDenyReason(text: string): { ok: true; reason: string } | { ok: false; error: string } {
  const parsed = denyReasonSchema.safeParse(text);
  if (parsed.success && parsed.data !== undefined) return { ok: true, reason: parsed.data };
  return { ok: false, error: parsed.error?.issues[0]?.message ?? 'Tell the requester why the request is denied.' };
}
