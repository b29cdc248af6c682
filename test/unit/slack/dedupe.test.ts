import { deliveryKey } from '../../../src/slack/dedupe';
import { SqliteRequestStore } from '../../../src/store/sqlite-store';

describe('what makes a Slack delivery the same delivery', () => {
  it('is the event_id for events, retries included', () => {
    expect(deliveryKey({ type: 'event_callback', event_id: 'Ev123', event: { type: 'team_join' } })).toBe('event:Ev123');
  });

  it('is the trigger_id for commands, clicks and submissions', () => {
    expect(deliveryKey({ command: '/sag-access', trigger_id: '1.2.abc' })).toBe('trigger:1.2.abc');
    expect(deliveryKey({ type: 'block_actions', trigger_id: '3.4.def' })).toBe('trigger:3.4.def');
    expect(deliveryKey({ type: 'view_submission', trigger_id: '5.6.ghi' })).toBe('trigger:5.6.ghi');
  });

  it.each([[undefined], [null], ['text'], [{}], [{ type: 'event_callback' }], [{ trigger_id: '' }], [{ trigger_id: 42 }], [{ type: 'view_closed' }]])(
    'is nothing for %p, which then passes through',
    (body) => {
      expect(deliveryKey(body)).toBeUndefined();
    },
  );

  it('stays short however long the id', () => {
    expect(deliveryKey({ trigger_id: 'x'.repeat(5000) })!.length).toBe(200);
  });
});

describe('remembering deliveries in the store', () => {
  it('says yes the first time only, and forgets keys older than the window', () => {
    const store = new SqliteRequestStore(':memory:');
    const t0 = new Date('2025-03-10T12:00:00Z');
    const later = (ms: number) => new Date(t0.getTime() + ms);
    expect(store.rememberDelivery('event:Ev1', t0, later(-1000))).toBe(true);
    expect(store.rememberDelivery('event:Ev1', later(1000), t0)).toBe(false);
    expect(store.rememberDelivery('event:Ev2', later(1000), t0)).toBe(true);
    // A day later Ev1 has been forgotten; Ev2 is still inside the window.
    expect(store.rememberDelivery('event:Ev1', later(86_400_000), later(500))).toBe(true);
    expect(store.rememberDelivery('event:Ev2', later(86_400_000), later(500))).toBe(false);
    store.close();
  });
});
