// `npm run errors:table`: every failure code as people read it, in both languages, as a markdown table.
import { CLOUD_ERROR_CODES, SEED_CREATE_ERROR_CODES, describeCloudFailure } from '../domain/cloud-errors';

/** Stands for any code the catalogue does not know, to show the generic sentences. */
export const UNKNOWN_CODE_EXAMPLE = 'Some.NewCode';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Seed codes first (in the seed's order), then the others as catalogued, then an unknown code. */
export function errorTableMarkdown(): string {
  const codes = [...SEED_CREATE_ERROR_CODES, ...CLOUD_ERROR_CODES.filter((c) => !SEED_CREATE_ERROR_CODES.includes(c)), UNKNOWN_CODE_EXAMPLE];
  const rows = codes.map((code) => {
    const en = describeCloudFailure(code, 'en');
    const zh = describeCloudFailure(code, 'zh-CN');
    const name = code === UNKNOWN_CODE_EXAMPLE ? `any other code (e.g. \`${code}\`)` : `\`${code}\`${SEED_CREATE_ERROR_CODES.includes(code) ? ' (seed)' : ''}`;
    return `| ${name} | ${en.retryable ? 'yes' : 'no'} | ${cell(en.requester)} | ${cell(en.operator)} | ${cell(zh.requester)} | ${cell(zh.operator)} |`;
  });
  return [
    '| code | retry? | requester (en) | operator (en) | requester (zh-CN) | operator (zh-CN) |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

if (require.main === module) {
  process.stdout.write(`${errorTableMarkdown()}\n`);
}
