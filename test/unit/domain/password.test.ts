import { randomBytes } from 'node:crypto';
import { generatePassword } from '../../../src/domain/password';
import { PASSWORD_PATTERN, isValidPassword } from '../../../src/domain/validation';

const cryptoBytes = (n: number): Uint8Array => randomBytes(n);

/** A repeatable byte stream: a simple LCG, good enough to exercise the generator deterministically. */
function seededBytes(seed: number) {
  let state = seed >>> 0;
  return (n: number): Uint8Array => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      out[i] = state >>> 24;
    }
    return out;
  };
}

const meetsApiRule = (p: string) =>
  p.length >= 8 && p.length <= 32 && /^[A-Za-z0-9]/.test(p) && /^[A-Za-z0-9_@-]+$/.test(p);
const hasEveryClass = (p: string) => /[A-Z]/.test(p) && /[a-z]/.test(p) && /[0-9]/.test(p) && /[_@-]/.test(p);

describe('generatePassword', () => {
  it('makes 24-character passwords by default', () => {
    expect(generatePassword(cryptoBytes)).toHaveLength(24);
  });

  it.each([8, 9, 16, 31, 32])('meets the API rule and mixes every character class at length %d', (length) => {
    for (let i = 0; i < 500; i++) {
      const password = generatePassword(cryptoBytes, length);
      expect(password).toHaveLength(length);
      expect(meetsApiRule(password)).toBe(true);
      expect(PASSWORD_PATTERN.test(password)).toBe(true);
      expect(isValidPassword(password)).toBe(true);
      expect(hasEveryClass(password)).toBe(true);
    }
  });

  it('never repeats over 10 000 draws from node:crypto', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) seen.add(generatePassword(cryptoBytes));
    expect(seen.size).toBe(10_000);
  });

  it('is deterministic for injected bytes', () => {
    expect(generatePassword(seededBytes(42), 16)).toBe(generatePassword(seededBytes(42), 16));
    expect(generatePassword(seededBytes(42), 16)).not.toBe(generatePassword(seededBytes(43), 16));
  });

  it('skips bytes that would bias the choice (rejection sampling)', () => {
    // 248 is the first byte a 62-letter alphabet must reject; 0 then maps to 'A'.
    const bytes = [255, 248, 0];
    let calls = 0;
    const source = (n: number) => {
      calls++;
      const out = new Uint8Array(n);
      // First draw: rejected bytes then 0 → 'A'; afterwards a rotating pattern covering every class.
      const pattern = [26, 52, 62, 27, 53, 63, 28, 54, 64];
      for (let i = 0; i < n; i++) out[i] = calls === 1 && i < bytes.length ? bytes[i] : pattern[i % pattern.length];
      return out;
    };
    const password = generatePassword(source, 8);
    expect(password[0]).toBe('A');
    expect(meetsApiRule(password)).toBe(true);
  });

  it('draws characters uniformly within each class (no modulo bias)', () => {
    // Redrawing candidates that lack a class favours the rare class overall, but inside a class
    // every character must be equally likely; modulo bias would make '9' or 'A'–'H' stand out by ~25%.
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      for (const c of generatePassword(cryptoBytes, 32)) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect(counts.size).toBe(65);
    for (const klass of ['ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz', '0123456789', '_@-']) {
      const values = [...klass].map((c) => counts.get(c) ?? 0);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      for (const v of values) expect(Math.abs(v - mean) / mean).toBeLessThan(0.1);
    }
  });

  it.each([7, 33, 0, -1, 8.5, NaN, Infinity])('refuses length %p with a RangeError', (length) => {
    expect(() => generatePassword(cryptoBytes, length)).toThrow(RangeError);
  });

  it('fails loudly instead of looping on a broken byte source', () => {
    expect(() => generatePassword(() => new Uint8Array(8))).toThrow(/never produced/);
    expect(() => generatePassword(() => new Uint8Array(8).fill(255))).toThrow(/broken/);
    expect(() => generatePassword(() => new Uint8Array(0))).toThrow(/no bytes/);
  });
});
