// Echoing user text in Slack safely: escaping for mrkdwn, truncation within Slack's limits.
// Lengths are UTF-16 code units (String.length), never fewer than Slack's own count, so a result ≤ max fits.

// Formatting (`*bold*`, `_x_`, `~x~`, `` `x` ``, line-start `>`) is left as typed: it cannot ping, link or hide text, Slack has no escape for it, and invisible or look-alike characters would corrupt copy-pasted e-mails and user names; free text whose layout matters goes in plain_text.

export const ELLIPSIS = '…';
/** Shown instead of empty text: Slack rejects empty plain_text objects. */
export const EMPTY_PLACEHOLDER = '—';

/** `&`, `<`, `>` → entities, so `<!channel>`, `<@U123>`, `<https://x|y>` show as typed and never ping or link. */
export function escapeMrkdwn(text: string): string {
  return asText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * At most `max` code units, ending in `…` (counted in `max`) when shortened; never cuts a surrogate
 * pair or a grapheme (emoji sequence, letter + accent) in half.
 */
export function truncate(text: string, max: number): string {
  const value = asText(text);
  const limit = asLimit(max);
  if (value.length <= limit) return value;
  if (limit < ELLIPSIS.length) return '';
  return keepWithin(value, limit - ELLIPSIS.length, (s) => s.length) + ELLIPSIS;
}

/**
 * Escaped for mrkdwn and at most `max` code units AFTER escaping (the size Slack checks):
 * shortened on the original text, so an entity like `&amp;` is never cut in half.
 */
export function safeMrkdwn(text: string, max: number): string {
  const value = asText(text);
  const limit = asLimit(max);
  const escaped = escapeMrkdwn(value);
  if (escaped.length <= limit) return escaped;
  if (limit < ELLIPSIS.length) return '';
  return escapeMrkdwn(keepWithin(value, limit - ELLIPSIS.length, (s) => escapeMrkdwn(s).length)) + ELLIPSIS;
}

/** For plain_text objects: no escaping needed; truncated, and never empty (Slack rejects that). */
export function plainText(text: string | null | undefined, max: number): string {
  const value = asText(text);
  if (value.trim() === '') return truncate(EMPTY_PLACEHOLDER, max);
  return truncate(value, max);
}

/** The longest prefix made of whole graphemes whose measured size is at most `budget`. */
function keepWithin(value: string, budget: number, size: (s: string) => number): string {
  // Nothing past `budget` units can be kept; one more whole code point shows whether the last grapheme continues.
  const next = value.codePointAt(budget);
  const window = value.slice(0, budget + (next !== undefined && next > 0xffff ? 2 : 1));
  const kept = keepUnits(graphemes(window), budget, size);
  // One grapheme longer than the budget (e.g. a letter under hundreds of accents): fall back to whole code points.
  return value.slice(0, kept > 0 ? kept : keepUnits(window, budget, size));
}

function keepUnits(pieces: Iterable<string>, budget: number, size: (s: string) => number): number {
  let kept = 0;
  let used = 0;
  for (const grapheme of pieces) {
    const end = kept + grapheme.length;
    if (end > budget) break;
    const cost = size(grapheme);
    if (used + cost > budget) break;
    used += cost;
    kept = end;
  }
  return kept;
}

const segmenter: { segment(s: string): Iterable<{ segment: string }> } | undefined =
  typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function'
    ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    : undefined;

function* graphemes(value: string): Iterable<string> {
  if (segmenter) {
    for (const { segment } of segmenter.segment(value)) yield segment;
  } else {
    yield* value; // code points: surrogate pairs stay whole
  }
}

function asText(text: unknown): string {
  return typeof text === 'string' ? text : text === null || text === undefined ? '' : String(text);
}

function asLimit(max: number): number {
  return Number.isFinite(max) ? Math.max(0, Math.floor(max)) : max > 0 ? Number.MAX_SAFE_INTEGER : 0;
}
