// `npm run audit -- --since 7d [--request ID] [--format table|csv]`: prints who did what when, read-only.
import fs from 'node:fs';
import dotenv from 'dotenv';
import { DEFAULT_DATABASE_PATH } from './config';
import { AUDIT_USAGE, auditCsv, auditTable, parseAuditArgs } from './audit-report';
import { SqliteRequestStore } from './store/sqlite-store';

function main(): number {
  if (fs.existsSync('.env')) dotenv.config({ path: '.env', quiet: true });
  const parsed = parseAuditArgs(process.argv.slice(2), new Date());
  if (parsed.kind === 'help') {
    process.stdout.write(`${AUDIT_USAGE}\n`);
    return 0;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`${parsed.message}\n\n${AUDIT_USAGE}\n`);
    return 2;
  }
  const databasePath = process.env.DATABASE_PATH?.trim() || DEFAULT_DATABASE_PATH;
  if (!fs.existsSync(databasePath)) {
    process.stderr.write(`No database at ${databasePath}: set DATABASE_PATH (environment or .env) to the bot's SQLite file.\n`);
    return 1;
  }
  // Read-only: safe beside the running bot (WAL lets readers and the writer work at once), and never migrates.
  const store = new SqliteRequestStore(databasePath, { readonly: true });
  try {
    const { query } = parsed;
    const entries = store.listAudit(query.since, query.requestId);
    process.stdout.write(query.format === 'csv' ? auditCsv(entries) : auditTable(entries, query));
    return 0;
  } finally {
    store.close();
  }
}

try {
  process.exitCode = main();
} catch (err) {
  process.stderr.write(`The audit log could not be read: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
