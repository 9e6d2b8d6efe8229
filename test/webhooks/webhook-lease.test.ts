/**
 * The lease that lets one API instance at a time deliver a webhook, on a clock the test
 * moves: a held lease is refused to others until it runs out; a worker that lost it, or whose
 * cursor was moved under it (a replay), writes no progress, though its attempt is logged.
 */
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/db';
import { WebhookDelivery } from '../../src/webhooks/webhook-delivery.entity';
import { WebhookLeases } from '../../src/webhooks/webhook-lease';
import { Webhook } from '../../src/webhooks/webhook.entity';

const LEASE_MS = 1000;

describeEachDialect('webhook leases', (dialect) => {
  let db: TestDatabase;
  let id: number;
  let t = Date.now();
  const clock = () => t;
  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    const inserted = await db.ds.getRepository(Webhook).insert({
      partnerKeyId: 1,
      url: 'http://127.0.0.1:9/x',
      recordTypes: '',
      secretBox: 'sealed',
      deliveredSeq: 0,
      failures: 0,
      nextAttemptAt: new Date(t),
      createdById: null,
    });
    id = inserted.identifiers[0].id as number;
  });
  afterAll(() => db.drop());

  const read = () => db.ds.getRepository(Webhook).findOneByOrFail({ id });
  const attempt = (seq: number) => ({
    seq,
    attempt: 1,
    httpStatus: 204,
    error: null,
    durationMs: 3,
    attemptedAt: new Date(t),
  });

  it('gives a webhook to one instance at a time, and to another once the holder stops renewing', async () => {
    const a = new WebhookLeases(db.ds, LEASE_MS, clock);
    const b = new WebhookLeases(db.ds, LEASE_MS, clock);
    expect(await a.take(id)).toBe(true);
    expect(await b.take(id)).toBe(false);
    expect([a.holds(await read()), b.holds(await read())]).toEqual([true, false]);

    // Past half its lease the holder renews with a write; the other is still refused.
    t += 600;
    expect(a.holds(await read())).toBe(false);
    expect(await a.take(id)).toBe(true);
    expect(await b.take(id)).toBe(false);

    // The holder stalls past its lease: the other takes over.
    t += LEASE_MS + 1;
    expect(await b.take(id)).toBe(true);
    expect(await a.take(id)).toBe(false);

    // The stalled one's POST got through, but it stores no progress; its attempt is logged.
    expect(await a.delivered(id, 0, attempt(5))).toBe(false);
    expect((await read()).deliveredSeq).toBe(0);
    expect(await b.delivered(id, 0, attempt(5))).toBe(true);
    expect((await read()).deliveredSeq).toBe(5);
    expect((await db.ds.getRepository(WebhookDelivery).findBy({ webhookId: id })).map((d) => d.seq)).toEqual([5, 5]);
  });

  it('writes no progress from a cursor that moved under the holder (a replay)', async () => {
    const c = new WebhookLeases(db.ds, LEASE_MS, clock);
    t += 2 * LEASE_MS;
    expect(await c.take(id)).toBe(true);
    const seen = (await read()).deliveredSeq;
    await db.ds.getRepository(Webhook).update(id, { deliveredSeq: 2 });
    expect(await c.delivered(id, seen, attempt(seen + 1))).toBe(false);
    expect(await c.advance(id, seen, 100)).toBe(false);
    expect((await read()).deliveredSeq).toBe(2);
    expect(await c.advance(id, 2, 100)).toBe(true);
    expect((await read()).deliveredSeq).toBe(100);
  });
});
