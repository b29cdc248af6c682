// A stop waits for work in flight, but not forever, and says what it left behind.
import { InFlightWork } from '../../src/in-flight-work';

function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('work in flight', () => {
  afterEach(() => jest.useRealTimers());

  it('drains at once when nothing runs', async () => {
    const work = new InFlightWork();
    await expect(work.drain(10_000)).resolves.toMatchObject({ finished: true, unfinished: [] });
    expect(work.draining).toBe(true);
  });

  it('waits until the last piece of work settles, failed work included', async () => {
    const work = new InFlightWork();
    const a = deferred<string>();
    const b = deferred<string>();
    const tracked = work.track('click approve', a.promise);
    void work.track('submission', b.promise).catch(() => undefined);
    expect(work.size).toBe(2);
    let drained = false;
    const drain = work.drain(60_000).then((r) => {
      drained = true;
      return r;
    });
    a.resolve('provisioned');
    await expect(tracked).resolves.toBe('provisioned');
    await Promise.resolve();
    expect(drained).toBe(false);
    b.reject(new Error('Slack said no'));
    await expect(drain).resolves.toMatchObject({ finished: true, unfinished: [] });
  });

  it('gives up after the grace period and names what is still running', async () => {
    jest.useFakeTimers();
    const work = new InFlightWork();
    void work.track('click approve_request sagr_000000000001', new Promise(() => undefined));
    const drain = work.drain(25_000);
    await jest.advanceTimersByTimeAsync(24_999);
    let settled = false;
    void drain.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await expect(drain).resolves.toMatchObject({ finished: false, unfinished: ['click approve_request sagr_000000000001'] });
  });
});
