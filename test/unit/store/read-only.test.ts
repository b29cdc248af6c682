import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteRequestStore } from '../../../src/store/sqlite-store';

describe('the store file', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sag-store-')), 'bot.db');

  it('is written in WAL mode with a full sync per commit, so a committed decision survives a crash or a power cut', () => {
    const store = new SqliteRequestStore(file);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    // 2 = FULL
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    store.appendAudit({ at: new Date(), action: 'requested' });
    store.close();
  });

  it('opened read-only (the audit CLI) reads beside a writer but can neither write nor migrate', () => {
    const writer = new SqliteRequestStore(file);
    const reader = new SqliteRequestStore(file, { readonly: true });
    writer.appendAudit({ at: new Date(), action: 'approved' });
    expect(reader.listAudit().map((a) => a.action)).toEqual(['requested', 'approved']);
    expect(() => reader.appendAudit({ at: new Date(), action: 'forged' })).toThrow(/readonly/);
    reader.close();
    writer.close();
  });

  it('read-only, refuses a file that does not exist instead of creating it', () => {
    const missing = path.join(path.dirname(file), 'missing.db');
    expect(() => new SqliteRequestStore(missing, { readonly: true })).toThrow();
    expect(fs.existsSync(missing)).toBe(false);
  });
});
