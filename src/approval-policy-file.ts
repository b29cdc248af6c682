// The approval policy file named by APPROVAL_POLICY_FILE (JSON): read and checked at start, every problem reported at once.
import fs from 'node:fs';
import { z } from 'zod';
import { parseDuration } from './domain/duration';
import { DEFAULT_APPROVAL_POLICY, DEFAULT_AUTO_APPROVAL_CAP, type ApprovalPolicy } from './domain/policy';

const duration = z.string().transform((s, ctx) => {
  const ms = parseDuration(s);
  if (ms === undefined || ms <= 0) {
    ctx.addIssue({ code: 'custom', message: `must be a duration such as 24h or 7d, got "${s}"` });
    return z.NEVER;
  }
  return ms;
});

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const ruleSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters'),
    description: z.string().optional(),
    requestFor: z.enum(['self', 'others']).optional(),
    emailDomains: z.array(z.string().trim().toLowerCase().regex(DOMAIN, 'must be a domain such as example.com')).min(1).optional(),
    maxBandwidthKbps: z.number().int().positive().optional(),
    staticIp: z.enum(['absent', 'present']).optional(),
    action: z.enum(['auto-approve', 'require-approval']),
  })
  .strict();

const policySchema = z
  .object({
    description: z.string().optional(),
    rules: z.array(ruleSchema).max(100),
    autoApprovalCap: z.object({ max: z.number().int().min(0), per: duration }).strict().optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.rules.forEach((r, i) => {
      if (seen.has(r.name)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'name'], message: `"${r.name}" is used by an earlier rule; names must be unique` });
      seen.add(r.name);
    });
  });

export type PolicyLoad = { ok: true; policy: ApprovalPolicy } | { ok: false; problems: string[] };

/** Parses the file's text; problems name the JSON path, e.g. `rules.1.maxBandwidthKbps`. */
export function parseApprovalPolicy(text: string): PolicyLoad {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, problems: [`is not valid JSON: ${(err as Error).message}`] };
  }
  const parsed = policySchema.safeParse(json);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'} ${i.message}`) };
  const p = parsed.data;
  return {
    ok: true,
    policy: {
      rules: p.rules.map(({ description: _d, ...rule }) => rule),
      cap: p.autoApprovalCap ? { max: p.autoApprovalCap.max, periodMs: p.autoApprovalCap.per } : DEFAULT_AUTO_APPROVAL_CAP,
    },
  };
}

/** No file: the default policy (every request needs a person). Problems are prefixed with the setting and path. */
export function loadApprovalPolicy(file: string | undefined): PolicyLoad {
  const path = file?.trim();
  if (!path) return { ok: true, policy: DEFAULT_APPROVAL_POLICY };
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (err) {
    return { ok: false, problems: [`APPROVAL_POLICY_FILE cannot be read (${path}): ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`] };
  }
  const loaded = parseApprovalPolicy(text);
  return loaded.ok ? loaded : { ok: false, problems: loaded.problems.map((p) => `APPROVAL_POLICY_FILE (${path}) ${p}`) };
}
