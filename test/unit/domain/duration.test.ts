import { formatDuration, parseDuration } from '../../../src/domain/duration';

describe('durations in settings', () => {
  it.each([
    ['15m', 15 * 60_000],
    ['72h', 72 * 3_600_000],
    ['1d', 86_400_000],
    ['1h30m', 90 * 60_000],
    ['90s', 90_000],
    ['2w', 14 * 86_400_000],
    ['500ms', 500],
    [' 3D ', 3 * 86_400_000],
  ])('reads %j', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '15', 'm', '1.5h', '-5m', '15 m', '15x', 'h15', '15m30', 'fifteen minutes'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('writes a duration back in the largest units that say it exactly', () => {
    expect(formatDuration(15 * 60_000)).toBe('15m');
    expect(formatDuration(105 * 60_000)).toBe('1h45m');
    expect(formatDuration(72 * 3_600_000)).toBe('3d');
    for (const text of ['45m', '3h45m', '2d7h', '1m30s']) expect(formatDuration(parseDuration(text)!)).toBe(text);
    expect(parseDuration(formatDuration(parseDuration('1d2h3m4s')!))).toBe(parseDuration('1d2h3m4s'));
  });
});
