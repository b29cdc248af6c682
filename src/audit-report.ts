// The audit log as an operator reads it: argument parsing and table / CSV formatting for `npm run audit`.
// Pure: no database, no clock, no process; src/audit-cli.ts does the I/O.
import type { StoredAuditEntry } from './services/ports';

export type AuditFormat = 'table' | 'csv';

export interface AuditQuery {
  since: Date;
  requestId?: string;
  format: AuditFormat;
}

export type ParsedAuditArgs = { kind: 'query'; query: AuditQuery } | { kind: 'help' } | { kind: 'error'; message: string };

export const AUDIT_USAGE = `Usage: npm run audit -- [--since 7d] [--request sagr_…] [--format table|csv]

  --since    how far back: 30m, 12h, 7d, 4w, or a date such as 2025-01-31 (UTC) or 2025-01-31T08:00:00Z; default 7d
  --request  only the entries of one request
  --format   table (default) or csv
Reads the SQLite file named by DATABASE_PATH (environment or .env), read-only.`;

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DEFAULT_SINCE = '7d';

/** `7d` → now minus seven days; an ISO date or date-time → that moment; anything else → undefined. */
export function parseSince(text: string, now: Date): Date | undefined {
  const value = text.trim();
  const relative = /^(\d{1,6})([mhdw])$/.exec(value);
  if (relative) return new Date(now.getTime() - Number(relative[1]) * UNIT_MS[relative[2]]);
  // Dates only in ISO form, so `03/04` is never guessed; a bare date is midnight UTC.
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value.replace(' ', 'T');
  const at = new Date(/[Z+-]\d{0,2}:?\d{0,2}$/.test(iso.slice(10)) ? iso : `${iso}Z`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

export function parseAuditArgs(argv: readonly string[], now: Date): ParsedAuditArgs {
  let since = DEFAULT_SINCE;
  let requestId: string | undefined;
  let format: string = 'table';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!['--since', '--request', '--format'].includes(flag)) return { kind: 'error', message: `Unknown argument "${clean(arg, 40)}".` };
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') return { kind: 'error', message: `${flag} needs a value.` };
    if (flag === '--since') since = value;
    else if (flag === '--request') requestId = value.trim();
    else format = value.trim().toLowerCase();
  }
  const sinceDate = parseSince(since, now);
  if (!sinceDate) return { kind: 'error', message: `--since "${clean(since, 40)}" is not a duration (30m, 12h, 7d, 4w) or an ISO date (2025-01-31).` };
  if (format !== 'table' && format !== 'csv') return { kind: 'error', message: `--format must be table or csv, not "${clean(format, 20)}".` };
  if (requestId !== undefined && !/^sagr_[0-9A-Za-z]{12}$/.test(requestId)) return { kind: 'error', message: `--request "${clean(requestId, 40)}" is not a request id (sagr_ followed by 12 letters or digits).` };
  return { kind: 'query', query: { since: sinceDate, format, ...(requestId ? { requestId } : {}) } };
}

// ---------- formatting ----------

/**
 * Audit details hold what people typed (a denial reason, an e-mail): control characters, escape sequences
 * and bidirectional overrides are shown as \uXXXX so they cannot repaint the operator's terminal or hide text.
 */
export function clean(text: string, max = Infinity): string {
  const safe = text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return safe.length > max ? `${safe.slice(0, Math.max(0, max - 1))}…` : safe;
}

const COLUMNS = ['seq', 'time (UTC)', 'request', 'actor', 'action', 'detail'] as const;
const DETAIL_WIDTH = 100;

function detailPairs(detail: Record<string, unknown> | undefined): string {
  if (!detail) return '';
  return Object.entries(detail)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
}

const timeOf = (at: Date) => `${at.toISOString().slice(0, 19).replace('T', ' ')}Z`;

export function auditTable(entries: readonly StoredAuditEntry[], query: Pick<AuditQuery, 'since' | 'requestId'>): string {
  const scope = `since ${timeOf(query.since)}${query.requestId ? ` for ${query.requestId}` : ''}`;
  if (entries.length === 0) return `No audit entries ${scope}.\n`;
  const rows = entries.map((e) => [String(e.seq), timeOf(e.at), clean(e.requestId ?? '-'), clean(e.actorId ?? '-'), clean(e.action), clean(detailPairs(e.detail), DETAIL_WIDTH)]);
  const widths = COLUMNS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(COLUMNS), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '', `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} ${scope}.`, ''].join('\n');
}

/** RFC 4180, with cells a spreadsheet would run as a formula (= + - @) prefixed by an apostrophe. */
export function csvCell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function auditCsv(entries: readonly StoredAuditEntry[]): string {
  const header = ['seq', 'at', 'request_id', 'actor_id', 'action', 'detail_json'];
  const rows = entries.map((e) => [String(e.seq), e.at.toISOString(), e.requestId ?? '', e.actorId ?? '', e.action, e.detail ? JSON.stringify(e.detail) : ''].map((c) => csvCell(clean(c))));
  return [header.join(','), ...rows.map((r) => r.join(','))].join('\r\n') + '\r\n';
}
