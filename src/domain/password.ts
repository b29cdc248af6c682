// Passwords for new client accounts, meeting the API's rule; randomness is injected so the domain stays pure.

import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './validation';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const SPECIAL = '_@-';
const ALPHANUMERIC = UPPER + LOWER + DIGITS;
const ALL = ALPHANUMERIC + SPECIAL;

/** Bounds the work when a broken byte source never yields an acceptable password. */
const MAX_ATTEMPTS = 1000;
/** Bounds the bytes read when a broken source only yields bytes that rejection sampling discards. */
const MAX_BYTES = MAX_ATTEMPTS * PASSWORD_MAX_LENGTH * 8;

export type RandomBytes = (n: number) => Uint8Array;

/** Draws uniform indexes from random bytes by rejection sampling (no modulo bias). */
class UniformIndex {
  private buffer: Uint8Array = new Uint8Array(0);
  private position = 0;
  private used = 0;

  constructor(
    private readonly randomBytes: RandomBytes,
    private readonly batch: number,
  ) {}

  below(n: number): number {
    // Largest multiple of n that fits in a byte: bytes at or above it would favour small indexes.
    const limit = 256 - (256 % n);
    for (;;) {
      const byte = this.nextByte();
      if (byte < limit) return byte % n;
    }
  }

  private nextByte(): number {
    if (++this.used > MAX_BYTES) throw new Error('random byte source looks broken: no usable bytes');
    if (this.position >= this.buffer.length) {
      this.buffer = this.randomBytes(this.batch);
      this.position = 0;
      if (!(this.buffer instanceof Uint8Array) || this.buffer.length === 0) {
        throw new Error('random byte source returned no bytes');
      }
    }
    return this.buffer[this.position++];
  }
}

function hasEveryClass(password: string): boolean {
  return (
    /[A-Z]/.test(password) && /[a-z]/.test(password) && /[0-9]/.test(password) && /[_@-]/.test(password)
  );
}

/**
 * A password of `length` (8–32) characters from [A-Za-z0-9_@-], first character a letter or digit,
 * with at least one upper-case letter, lower-case letter, digit and one of `_ @ -`.
 * Candidates lacking a class are drawn again, which keeps every valid password equally likely.
 */
export function generatePassword(randomBytes: RandomBytes, length = 24): string {
  if (!Number.isInteger(length) || length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw new RangeError(`password length must be an integer from ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH}, got ${String(length)}`);
  }
  const index = new UniformIndex(randomBytes, length * 2);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    let password = ALPHANUMERIC[index.below(ALPHANUMERIC.length)];
    for (let i = 1; i < length; i++) password += ALL[index.below(ALL.length)];
    if (hasEveryClass(password)) return password;
  }
  throw new Error('random byte source never produced an acceptable password');
}
