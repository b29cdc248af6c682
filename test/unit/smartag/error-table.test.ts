import { CLOUD_ERROR_CODES, SEED_CREATE_ERROR_CODES, describeCloudFailure } from '../../../src/domain/cloud-errors';
import { UNKNOWN_CODE_EXAMPLE, errorTableMarkdown } from '../../../src/smartag/error-table';

/** Splits a markdown row on unescaped pipes. */
const cellsOf = (row: string) => row.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim());

describe('the printed error-code table', () => {
  const lines = errorTableMarkdown().split('\n');
  const rows = lines.slice(2).map(cellsOf);

  it('has one six-column row per catalogued code, seed codes first, and one for unknown codes', () => {
    expect(cellsOf(lines[0])).toEqual(['code', 'retry?', 'requester (en)', 'operator (en)', 'requester (zh-CN)', 'operator (zh-CN)']);
    for (const r of rows) expect(r).toHaveLength(6);
    expect(rows).toHaveLength(CLOUD_ERROR_CODES.length + 1);
    expect(rows.slice(0, 11).map((r) => r[0])).toEqual(SEED_CREATE_ERROR_CODES.map((c) => `\`${c}\` (seed)`));
    expect(rows[rows.length - 1][0]).toContain(UNKNOWN_CODE_EXAMPLE);
  });

  it('shows exactly what the catalogue tells people, in both languages', () => {
    const row = rows.find((r) => r[0].startsWith('`ServiceUnavailable`'))!;
    const en = describeCloudFailure('ServiceUnavailable', 'en');
    const zh = describeCloudFailure('ServiceUnavailable', 'zh-CN');
    expect(row).toEqual(['`ServiceUnavailable`', 'yes', en.requester, en.operator, zh.requester, zh.operator]);
    expect(rows.find((r) => r[0].startsWith('`ClientUser.UserExist`'))![1]).toBe('no');
  });
});
