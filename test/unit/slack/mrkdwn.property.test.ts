import fc from 'fast-check';
import { ELLIPSIS, escapeMrkdwn, plainText, safeMrkdwn, truncate } from '../../../src/slack/mrkdwn';

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const bareAmpersand = /&(?!(?:amp|lt|gt);)/;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// Text rich in what matters here: markup, entities, surrogate pairs, combining marks and joiners.
const tricky = fc.string({
  unit: fc.constantFrom('<', '>', '&', 'amp;', 'lt;', '!channel', '@U1', '|', 'a', ' ', '\n', '😀', '👩‍👧', '\u0301', '\u200d', 'é', '*', '_', '`'),
  maxLength: 60,
});
const anyText = fc.oneof(tricky, fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string());
const maxArb = fc.integer({ min: 0, max: 80 });

describe('escapeMrkdwn, for any text', () => {
  it('never leaves < or > or a bare &, and loses nothing', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const out = escapeMrkdwn(text);
        expect(out).not.toMatch(/[<>]/);
        expect(out).not.toMatch(bareAmpersand);
        expect(unescape(out)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('truncate, for any text and max', () => {
  it('never exceeds max, keeps a prefix, and marks the cut', () => {
    fc.assert(
      fc.property(anyText, maxArb, (text, max) => {
        const out = truncate(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        if (text.length <= max) {
          expect(out).toBe(text);
        } else if (max > 0) {
          expect(out.endsWith(ELLIPSIS)).toBe(true);
          expect(text.startsWith(out.slice(0, -ELLIPSIS.length))).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never creates a broken surrogate pair', () => {
    fc.assert(
      fc.property(fc.oneof(tricky, fc.string({ unit: 'binary' })), maxArb, (text, max) => {
        fc.pre(!loneSurrogate.test(text));
        expect(truncate(text, max)).not.toMatch(loneSurrogate);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('safeMrkdwn, for any text and max', () => {
  it('stays within max after escaping, never pings, never cuts an entity, and keeps a prefix', () => {
    fc.assert(
      fc.property(anyText, maxArb, (text, max) => {
        const out = safeMrkdwn(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out).not.toMatch(/[<>]/);
        expect(out).not.toMatch(bareAmpersand);
        const body = out.endsWith(ELLIPSIS) && out !== escapeMrkdwn(text) ? out.slice(0, -ELLIPSIS.length) : out;
        expect(text.startsWith(unescape(body))).toBe(true);
        if (escapeMrkdwn(text).length <= max) expect(out).toBe(escapeMrkdwn(text));
        if (!loneSurrogate.test(text)) expect(out).not.toMatch(loneSurrogate);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('plainText, for any text', () => {
  it('is never empty and never exceeds max', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 80 }), (text, max) => {
        const out = plainText(text, max);
        expect(out.length).toBeGreaterThan(0);
        expect(out.length).toBeLessThanOrEqual(max);
      }),
      { numRuns: 2000 },
    );
  });
});
