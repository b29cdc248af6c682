import { ELLIPSIS, EMPTY_PLACEHOLDER, escapeMrkdwn, plainText, safeMrkdwn, truncate } from '../../../src/slack/mrkdwn';

describe('escapeMrkdwn', () => {
  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['<!here>', '&lt;!here&gt;'],
    ['<@U123>', '&lt;@U123&gt;'],
    ['<!subteam^S1>', '&lt;!subteam^S1&gt;'],
    ['<https://evil.example|click>', '&lt;https://evil.example|click&gt;'],
    ['Tom & Jerry', 'Tom &amp; Jerry'],
    ['already &amp; escaped', 'already &amp;amp; escaped'],
    ['&lt;!channel&gt;', '&amp;lt;!channel&amp;gt;'],
  ])('shows %j as typed, never as a ping or link', (input, output) => {
    expect(escapeMrkdwn(input)).toBe(output);
  });

  it('leaves e-mail addresses and user names byte-for-byte copy-pasteable', () => {
    for (const value of ['first_last@example.com', 'a.b-c@x.io', 'alice_w@corp', '*star*@example.com']) {
      expect(escapeMrkdwn(value)).toBe(value);
    }
  });

  it('leaves formatting characters as typed', () => {
    expect(escapeMrkdwn('*bold* _it_ ~strike~ `code`')).toBe('*bold* _it_ ~strike~ `code`');
    expect(escapeMrkdwn('> quoted')).toBe('&gt; quoted');
  });

  it('treats missing text as empty', () => {
    expect(escapeMrkdwn(undefined as unknown as string)).toBe('');
  });
});

describe('truncate', () => {
  it('returns short text unchanged', () => {
    expect(truncate('hello', 5)).toBe('hello');
    expect(truncate('', 3)).toBe('');
  });

  it('ends shortened text with an ellipsis counted in max', () => {
    expect(truncate('hello world', 6)).toBe('hello…');
    expect(truncate('hello world', 6)).toHaveLength(6);
    expect(truncate('hello', 1)).toBe(ELLIPSIS);
    expect(truncate('hello', 0)).toBe('');
    expect(truncate('hello', -3)).toBe('');
  });

  it('never splits a surrogate pair', () => {
    const text = '😀😀😀😀';
    const cut = truncate(text, 4);
    expect(cut).toBe('😀…');
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('never splits an emoji sequence or an accented letter', () => {
    const family = '👨‍👩‍👧';
    expect(truncate(`ab${family}cd`, 6)).toBe('ab…');
    expect(truncate('cafe\u0301s', 5)).toBe('caf…');
  });

  it('falls back to whole code points when one grapheme is longer than max', () => {
    const zalgo = `a${'\u0301'.repeat(50)}`;
    const cut = truncate(zalgo, 10);
    expect(cut).toHaveLength(10);
    expect(cut.startsWith('a\u0301')).toBe(true);
  });

  it('handles 100 000 characters quickly', () => {
    const cut = truncate('x'.repeat(100_000), 3000);
    expect(cut).toHaveLength(3000);
    expect(cut.endsWith(ELLIPSIS)).toBe(true);
  });
});

describe('safeMrkdwn', () => {
  it('escapes short text', () => {
    expect(safeMrkdwn('<!here> hi', 100)).toBe('&lt;!here&gt; hi');
  });

  it('keeps the escaped result within max and never cuts an entity in half', () => {
    const text = '<<<<<<<<<<';
    const out = safeMrkdwn(text, 12);
    expect(out.length).toBeLessThanOrEqual(12);
    expect(out).toBe('&lt;&lt;…');
    expect(safeMrkdwn('a&b', 6)).toBe('a…');
    expect(safeMrkdwn('a&b', 7)).toBe('a&amp;b');
  });

  it('never lets a truncated mention ping', () => {
    const out = safeMrkdwn(`${'x'.repeat(20)}<!channel>`, 25);
    expect(out).not.toMatch(/[<>]/);
    expect(out.length).toBeLessThanOrEqual(25);
  });
});

describe('plainText', () => {
  it('never returns empty text', () => {
    expect(plainText('', 10)).toBe(EMPTY_PLACEHOLDER);
    expect(plainText('   ', 10)).toBe(EMPTY_PLACEHOLDER);
    expect(plainText(undefined, 10)).toBe(EMPTY_PLACEHOLDER);
    expect(plainText(null, 10)).toBe(EMPTY_PLACEHOLDER);
  });

  it('does not escape, but truncates', () => {
    expect(plainText('<!channel> & co', 100)).toBe('<!channel> & co');
    expect(plainText('abcdefgh', 5)).toBe('abcd…');
  });
});
