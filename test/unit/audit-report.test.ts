import { auditCsv, auditTable, clean, csvCell, parseAuditArgs, parseSince } from '../../src/audit-report';
import type { StoredAuditEntry } from '../../src/services/ports';

const NOW = new Date('2025-03-10T12:00:00Z');

describe('reading the audit CLI arguments', () => {
  it('defaults to the last seven days as a table', () => {
    expect(parseAuditArgs([], NOW)).toEqual({ kind: 'query', query: { since: new Date('2025-03-03T12:00:00Z'), format: 'table' } });
  });

  it.each([
    ['30m', '2025-03-10T11:30:00Z'],
    ['12h', '2025-03-10T00:00:00Z'],
    ['7d', '2025-03-03T12:00:00Z'],
    ['2w', '2025-02-24T12:00:00Z'],
    ['2025-01-31', '2025-01-31T00:00:00Z'],
    ['2025-01-31T08:15', '2025-01-31T08:15:00Z'],
    ['2025-01-31T08:15:00+08:00', '2025-01-31T00:15:00Z'],
  ])('--since %s means from %s', (text, iso) => {
    expect(parseSince(text, NOW)).toEqual(new Date(iso));
  });

  it.each(['7', 'd', '7days', '-7d', '03/04/2025', 'yesterday', '2025-13-40', ''])('--since %p is refused', (text) => {
    expect(parseSince(text, NOW)).toBeUndefined();
  });

  it('accepts --flag value and --flag=value, a request id and csv', () => {
    expect(parseAuditArgs(['--since=24h', '--request', 'sagr_AbCdEf123456', '--format', 'CSV'], NOW)).toEqual({
      kind: 'query',
      query: { since: new Date('2025-03-09T12:00:00Z'), requestId: 'sagr_AbCdEf123456', format: 'csv' },
    });
  });

  it.each([
    [['--since'], /--since needs a value/],
    [['--since', 'soon'], /not a duration/],
    [['--format', 'xml'], /table or csv/],
    [['--request', 'DROP TABLE audit'], /not a request id/],
    [['--verbose'], /Unknown argument "--verbose"/],
    [['--since', '\u001b[2Jx'], /\\u001b\[2Jx/],
  ])('%p is an error that says what is wrong', (argv, message) => {
    const parsed = parseAuditArgs(argv, NOW);
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' && parsed.message).toMatch(message);
  });

  it('--help asks for the usage', () => {
    expect(parseAuditArgs(['--since', '1d', '--help'], NOW)).toEqual({ kind: 'help' });
  });
});

const entries: StoredAuditEntry[] = [
  { seq: 1, at: new Date('2025-03-10T09:00:00.123Z'), requestId: 'sagr_AbCdEf123456', actorId: 'U0STEVE', action: 'requested', detail: { userMail: 'steve@example.com', bandwidthKbps: 500 } },
  { seq: 2, at: new Date('2025-03-10T09:05:00Z'), requestId: 'sagr_AbCdEf123456', actorId: 'U0ALEX', action: 'denied', detail: { reason: '=HYPERLINK("http://evil") \u001b[31mred\u001b[0m, "quoted"\nnext line \u202eevil' } },
  { seq: 3, at: new Date('2025-03-10T09:06:00Z'), actorId: 'U0OMAR', action: 'refused_click', detail: { refusal: 'not_found', claimedId: 'sagr_doesnotexist' } },
];

describe('printing the audit log', () => {
  it('prints an aligned table with a count and who did what when', () => {
    const table = auditTable(entries, { since: new Date('2025-03-03T12:00:00Z') });
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^seq\s+time \(UTC\)\s+request\s+actor\s+action\s+detail$/);
    expect(lines[2]).toMatch(/^1\s+2025-03-10 09:00:00Z\s+sagr_AbCdEf123456\s+U0STEVE\s+requested\s+userMail=steve@example.com bandwidthKbps=500$/);
    expect(lines[4]).toMatch(/^3 .* -\s+U0OMAR\s+refused_click\s+refusal=not_found claimedId=sagr_doesnotexist$/);
    // Columns line up: every row's action starts where the header's does.
    const col = lines[0].indexOf('action');
    for (const row of lines.slice(2, 5)) expect(row.slice(col)).toMatch(/^(requested|denied|refused_click)/);
    expect(table).toContain('3 entries since 2025-03-03 12:00:00Z.');
  });

  it('never lets typed text repaint the terminal or hide text in the table', () => {
    const table = auditTable(entries, { since: NOW });
    expect(table).not.toMatch(/[\u001b\u202e]/);
    expect(table.split('\n')[3]).toContain('\\u001b[31mred');
    expect(table.split('\n')).toHaveLength(3 + 3 + 2);
  });

  it('says so when there is nothing to show', () => {
    expect(auditTable([], { since: NOW, requestId: 'sagr_AbCdEf123456' })).toBe('No audit entries since 2025-03-10 12:00:00Z for sagr_AbCdEf123456.\n');
  });

  it('writes CSV that a spreadsheet reads as data, one row per entry', () => {
    const csv = auditCsv(entries);
    const rows = csv.split('\r\n');
    expect(rows[0]).toBe('seq,at,request_id,actor_id,action,detail_json');
    expect(rows[1]).toBe('1,2025-03-10T09:00:00.123Z,sagr_AbCdEf123456,U0STEVE,requested,"{""userMail"":""steve@example.com"",""bandwidthKbps"":500}"');
    expect(rows[3]).toBe('3,2025-03-10T09:06:00.000Z,,U0OMAR,refused_click,"{""refusal"":""not_found"",""claimedId"":""sagr_doesnotexist""}"');
    expect(rows).toHaveLength(5);
    expect(csv).not.toMatch(/[\u001b\u202e]/);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+cmd', "'+cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['-2', "'-2"],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['plain', 'plain'],
  ])('a CSV cell %p is written as %p', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('shows control and direction characters as escapes and shortens with an ellipsis', () => {
    expect(clean('a\nb\u202ec')).toBe('a\\u000ab\\u202ec');
    expect(clean('abcdef', 4)).toBe('abc…');
  });
});
