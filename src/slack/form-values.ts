// Reads what a person typed out of a view submission, tolerating missing or unexpected shapes.
import type { RequestFormInput } from '../domain/validation';
import { FIELD_BLOCK, INPUT_ACTION } from './blocks/ids';

type StateValues = Record<string, Record<string, { value?: unknown } | undefined> | undefined> | undefined;

export function inputValue(values: StateValues, blockId: string): string | null {
  const v = values?.[blockId]?.[INPUT_ACTION]?.value;
  return typeof v === 'string' ? v : null;
}

export function readRequestForm(values: StateValues): RequestFormInput {
  return {
    userMail: inputValue(values, FIELD_BLOCK.userMail),
    bandwidthKbps: inputValue(values, FIELD_BLOCK.bandwidthKbps),
    clientIp: inputValue(values, FIELD_BLOCK.clientIp),
    userName: inputValue(values, FIELD_BLOCK.userName),
    reason: inputValue(values, FIELD_BLOCK.reason),
  };
}

/** Field errors keyed by the input blocks' ids, as `response_action: errors` requires. */
export function fieldErrorsByBlock(errors: Partial<Record<keyof typeof FIELD_BLOCK, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const block = FIELD_BLOCK[field as keyof typeof FIELD_BLOCK];
    if (block && message) out[block] = message;
  }
  return out;
}
