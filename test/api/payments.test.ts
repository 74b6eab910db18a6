import { persianDigits } from '../../console/src/format/digits';
import request from 'supertest';
import { ids } from '../support/licensing';
import { startTestApp, type TestApp } from '../support/app';
import {
  nextRrn,
  officeIban,
  payment,
  paymentWorld,
  recordedPayments,
  services,
  signedPost,
  type PaymentWorld,
} from '../support/payments';
import { technicalIban } from '../support/tariffFixtures';

const sum = (postings: Array<{ amount: string }>) =>
  postings.reduce((s, p) => s + BigInt(p.amount), 0n).toString();

describe('payments over HTTP on the sqlite store', () => {
  let t: TestApp;
  let w: PaymentWorld;
  const pay = (body: object, headers: Record<string, string> = {}) =>
    signedPost(t, w.good, '/v1/payments', body, headers);
  const paymentEvents = () => recordedPayments(t);
  /** `pishkhan_payments_total` by outcome, as /metrics shows it now. */
  const outcomeCounts = async () => {
    const text = (await request(t.app).get('/metrics').expect(200)).text;
    const count = (outcome: string) =>
      Number(
        new RegExp(`^pishkhan_payments_total\\{outcome="${outcome}"\\} (\\d+)$`, 'm').exec(
          text,
        )?.[1] ?? 0,
      );
    return {
      recorded: count('recorded'),
      flagged: count('flagged'),
      replayed: count('replayed'),
      rejected: count('rejected'),
    };
  };

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-19T08:00:00Z' });
    w = await paymentWorld(t);
    t.clock.set('2026-11-29T08:00:00Z');
  });
  afterAll(() => t.close());

  describe('a payment at the tariff price', () => {
    it('is recorded with the split worked out by hand: fee, pages, capped office fee, VAT on both, to the rial', async () => {
      const res = await pay(payment(t)).expect(201);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
      expect(res.body).toMatchObject({
        status: 'recorded',
        violations: [],
        amount: '1720733',
        expected: '1720733',
        tariff: { tariffId: 'vehicle-transfer/v1', version: 1 },
      });
      // gov 1,500,000; pages 2 × 25,333 = 50,666; office 12.5% of gov = 187,500 capped at 150,000;
      // VAT 10% of (50,666 + 150,000) = 20,066.6; total 1,720,732.6 → 1,720,733; the spare rial goes to VAT (largest fraction).
      expect(res.body.postings).toEqual([
        {
          kind: 'agency',
          code: 'gov',
          amount: '1500000',
          iban: ids.iban,
          depositId: '300000000000123',
          agencyId: 'traffic',
        },
        { kind: 'technical', code: 'pages', amount: '50666', iban: technicalIban },
        { kind: 'office', code: 'office', amount: '150000', iban: officeIban },
        { kind: 'vat', code: 'vat', amount: '20067' },
      ]);
      expect(res.body.paymentId).toMatch(/^TA000001-14050908-\d{12}$/);
      expect(res.body.trackingCode).toMatch(/^\d{16}$/);
      expect(res.body.transactionTime.jalali).toBe('1405/09/08 11:29');
      const rm = t.deps.readModels;
      expect(res.body.pricedAgainst).toEqual({
        tariffs: rm.tariffs.book.fold.position,
        catalogue: rm.catalogue.index.fold.position,
        licenses: rm.licenses.position,
        offices: rm.offices.position,
        quotes: 0,
      });
      const stored = await t.store.readStream(`payment-${res.body.paymentId as string}`);
      expect(stored.map((e) => e.type)).toEqual(['PaymentRecorded']);
      expect(stored[0]!.position).toBe(res.body.position);
    });

    it('an office charging less of its ceiling fee is no violation: the office share and its VAT shrink', async () => {
      // office x = 100,000: 1,500,000 + 50,666 + 100,000 + 10% × 150,666 = 1,665,732.6 → 1,665,733
      const res = await pay(payment(t, { amount: '1665733' })).expect(201);
      expect(res.body.status).toBe('recorded');
      expect(res.body.postings.map((p: { amount: string }) => p.amount)).toEqual([
        '1500000',
        '50666',
        '100000',
        '15067',
      ]);
    });

    it('keeps only a keyed hash of the national id, nowhere in clear: not in the log, the answer or the logs', async () => {
      const res = await pay(payment(t, { customerNationalId: '۰۴۹۹۳۷۰۸۹۹' })).expect(201);
      const [event] = await t.store.readStream(`payment-${res.body.paymentId as string}`);
      const data = event!.data as { customerRef: string };
      expect(data.customerRef).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
      const everything =
        JSON.stringify(await t.store.readAll({ after: 0, limit: 100000 })) +
        JSON.stringify(res.body) +
        t.logs.join('');
      expect(everything).not.toContain(ids.nationalId);
      const again = await pay(payment(t, { customerNationalId: ids.nationalId })).expect(201);
      const [second] = await t.store.readStream(`payment-${again.body.paymentId as string}`);
      expect((second!.data as { customerRef: string }).customerRef).toBe(data.customerRef);
    });
  });

  describe('a payment that breaks a rule is recorded as flagged, with a typed violation', () => {
    const flagged = async (body: object, terminal = w.good) => {
      const res = await signedPost(t, terminal, '/v1/payments', body).expect(201);
      expect(res.body.status).toBe('flagged');
      expect(sum(res.body.postings)).toBe(res.body.amount);
      return res.body as {
        violations: Array<Record<string, unknown>>;
        postings: Array<{ kind: string; amount: string }>;
      };
    };

    it('overcharge: the excess goes to a held-for-refund posting, never to the office', async () => {
      const body = await flagged(payment(t, { amount: '1800000' }));
      expect(body.violations).toEqual([
        { type: 'overcharge', expected: '1720733', excess: '79267' },
      ]);
      expect(body.postings.map((p) => [p.kind, p.amount])).toEqual([
        ['agency', '1500000'],
        ['technical', '50666'],
        ['office', '150000'],
        ['vat', '20067'],
        ['held-for-refund', '79267'],
      ]);
    });

    it('undercharge beyond what the ceiling allows: shares pro rata, still summing to the amount', async () => {
      const body = await flagged(payment(t, { amount: '1500000' }));
      expect(body.violations).toEqual([
        { type: 'undercharge', expected: '1720733', shortfall: '220733' },
      ]);
    });

    it('no tariff in force: the whole amount is unallocated', async () => {
      const body = await flagged(payment(t, { serviceCode: services.unpriced, amount: '500000' }));
      expect(body.violations).toEqual([{ type: 'no-tariff' }]);
      expect(body.postings).toEqual([{ kind: 'unallocated', amount: '500000' }]);
    });

    it('service not assigned to the office', async () => {
      expect((await flagged(payment(t, { serviceCode: services.unassigned }))).violations).toEqual([
        { type: 'service-not-assigned' },
      ]);
    });

    it('service no longer in the catalogue in force', async () => {
      expect((await flagged(payment(t, { serviceCode: services.delisted }))).violations).toEqual([
        { type: 'not-in-catalogue' },
      ]);
    });

    it('license not active (suspended)', async () => {
      expect((await flagged(payment(t), w.suspended)).violations).toEqual([
        { type: 'license-inactive' },
      ]);
    });

    it("a quote is priced for the office's own province and kind, and only for an office in scope", async () => {
      const office = (await t.tokenFor('office', { officeId: 'OF-A' })).authorization;
      const regulator = (await t.tokenFor('regulator')).authorization;
      const listPrice = await request(t.app)
        .get(`/v1/tariffs/${services.good}/price`)
        .set('Authorization', regulator)
        .query({ province: 'IR-23', officeKind: 'urban', quantity: '2', occurrence: '1' })
        .expect(200);
      const own = await request(t.app)
        .post('/v1/quotes')
        .set('Authorization', office)
        .send({ serviceCode: services.good, quantity: 2, occurrence: 1 })
        .expect(201);
      expect(own.body.price.total).toBe(listPrice.body.total);
      const byRegulator = await request(t.app)
        .post('/v1/quotes')
        .set('Authorization', regulator)
        .send({ serviceCode: services.good, officeId: 'OF-A', quantity: 2, occurrence: 1 })
        .expect(201);
      expect(byRegulator.body.price.total).toBe(listPrice.body.total);
      const head = await t.store.headPosition();
      await request(t.app)
        .post('/v1/quotes')
        .set('Authorization', office)
        .send({ serviceCode: services.good, officeId: 'OF-OTHER', quantity: 1, occurrence: 1 })
        .expect(404);
      const unnamed = await request(t.app)
        .post('/v1/quotes')
        .set('Authorization', regulator)
        .send({ serviceCode: services.good, quantity: 1, occurrence: 1 })
        .expect(400);
      expect(unnamed.body.errors).toEqual([
        { path: 'officeId', message: 'required for this role' },
      ]);
      await request(t.app)
        .post('/v1/quotes')
        .set('Authorization', regulator)
        .send({ serviceCode: services.good, officeId: 'OF-NONE', quantity: 1, occurrence: 1 })
        .expect(404);
      expect(await t.store.headPosition()).toBe(head);
    });

    it('quote expired at the transaction time, and quote not matching the payment', async () => {
      const office = (await t.tokenFor('office', { officeId: 'OF-A' })).authorization;
      const quote = await request(t.app)
        .post('/v1/quotes')
        .set('Authorization', office)
        .send({ serviceCode: services.good, quantity: 2, occurrence: 1 })
        .expect(201);
      const quoteId = quote.body.quoteId as string;
      const fresh = await pay(
        payment(t, { quoteId, transactionTime: t.clock.now().toISOString() }),
      ).expect(201);
      expect(fresh.body).toMatchObject({ status: 'recorded', violations: [] });
      expect(fresh.body.pricedAgainst.quotes).toBeGreaterThan(0);
      expect(
        (await flagged(payment(t, { quoteId, quantity: 1, amount: '1692866' }))).violations,
      ).toEqual([{ type: 'quote-mismatch', quoteId, reason: 'differs in quantity' }]);
      t.clock.advance(16 * 60_000);
      const late = await flagged(
        payment(t, { quoteId, transactionTime: t.clock.now().toISOString() }),
      );
      expect(late.violations).toEqual([
        { type: 'quote-expired', quoteId, expiredAt: quote.body.expiresAt.iso },
      ]);
      expect(
        (await flagged(payment(t, { quoteId: '5b0c1d1e-0000-4000-8000-000000000000' })))
          .violations[0],
      ).toMatchObject({ type: 'quote-mismatch', reason: 'no such quote' });
    });
  });

  describe('refused with nothing recorded', () => {
    let head: number;
    beforeEach(async () => {
      head = await t.store.headPosition();
    });
    afterEach(async () => {
      expect(await t.store.headPosition()).toBe(head);
    });

    it('an unsigned request or a signature over other bytes is 401', async () => {
      await request(t.app)
        .post('/v1/payments')
        .set('Authorization', w.good.authorization)
        .send(payment(t))
        .expect(401);
      const ts = String(Math.floor(t.clock.now().getTime() / 1000));
      await request(t.app)
        .post('/v1/payments')
        .set('Authorization', w.good.authorization)
        .set({ 'x-pishkhan-timestamp': ts, 'x-pishkhan-signature': 'ab'.repeat(32) })
        .send(payment(t))
        .expect(401);
    });

    it('malformed: a full card number, a fractional amount, a bad RRN, an invalid national id, an unknown field', async () => {
      const bad = [
        { maskedCard: '6037991234561234' },
        { amount: '1720733.5' },
        { amount: 1720733 },
        { rrn: '12345' },
        { customerNationalId: '0499370898' },
        { colour: 'red' },
        { transactionTime: '1405/09/08' },
      ];
      for (const b of bad) {
        const res = await pay(payment(t, b)).expect(400);
        expect(res.body.code).toBe('validation');
      }
    });

    it('a transaction more than 5 minutes in the future is 400', async () => {
      const res = await pay(
        payment(t, {
          transactionTime: new Date(t.clock.now().getTime() + 10 * 60_000).toISOString(),
        }),
      ).expect(400);
      expect(res.body.errors).toEqual([
        {
          path: 'transactionTime',
          message: 'later than now (5 minutes of clock skew allowed)',
        },
      ]);
    });

    it('a gateway credential whose terminal is not registered is 403; other roles may not post', async () => {
      const stray = await t.tokenFor('gateway', { terminalId: 'TX999999', officeId: 'OF-A' });
      const office = (await t.tokenFor('office', { officeId: 'OF-A' })).authorization;
      head = await t.store.headPosition();
      const res = await signedPost(
        t,
        {
          terminalId: 'TX999999',
          officeId: 'OF-A',
          authorization: stray.authorization,
          secret: stray.signingSecret!,
        },
        '/v1/payments',
        payment(t),
      ).expect(403);
      expect(res.body.detail).toMatch(/unknown or was not active/);
      await request(t.app)
        .post('/v1/payments')
        .set('Authorization', office)
        .send(payment(t))
        .expect(403);
    });

    it('a deactivated terminal is refused', async () => {
      await request(t.app)
        .post('/v1/terminals/TS000001/deactivate')
        .set('Authorization', w.a.regulator)
        .send({ reason: 'PSP contract ended' })
        .expect(200);
      head = await t.store.headPosition();
      await signedPost(t, w.suspended, '/v1/payments', payment(t)).expect(401);
    });
  });

  describe('retries', () => {
    it('the same key with the same body answers the first result again, marked as a replay', async () => {
      const body = payment(t);
      const first = await pay(body, { 'Idempotency-Key': 'k-same-1' }).expect(201);
      const again = await pay(body, { 'Idempotency-Key': 'k-same-1' }).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      const noKey = await pay(body).expect(201);
      expect(noKey.headers['idempotent-replayed']).toBe('true');
      expect(noKey.body).toEqual(first.body);
      expect((await t.store.readStream(`payment-${first.body.paymentId as string}`)).length).toBe(
        1,
      );
    });

    it('Persian digits from a terminal are read as ASCII: the same RRN in either script is one payment, its receipt found by a Persian tracking code', async () => {
      const ascii = payment(t);
      const typed = {
        ...ascii,
        rrn: persianDigits(ascii.rrn),
        stan: persianDigits(ascii.stan),
        amount: persianDigits(ascii.amount),
        maskedCard: persianDigits(ascii.maskedCard),
      };
      const first = await pay(typed).expect(201);
      expect(first.body.paymentId).toContain(`-${ascii.rrn}`);
      const again = await pay(ascii).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body.paymentId).toBe(first.body.paymentId);
      const [event] = await t.store.readStream(`payment-${first.body.paymentId as string}`);
      expect(event!.data).toMatchObject({ rrn: ascii.rrn, stan: ascii.stan, amount: ascii.amount });
      const code = first.body.trackingCode as string;
      const receipt = await request(t.app)
        .get(`/v1/receipts/${encodeURIComponent(persianDigits(code))}`)
        .expect(200);
      expect(receipt.body.trackingCode).toBe(code);
      const bad = await pay({ ...typed, rrn: `${typed.rrn.slice(1)}x!` }).expect(400);
      expect(bad.body.errors).toEqual([{ path: 'rrn', message: '12 letters or digits' }]);
    });

    it('the same key with another body is 422, and so is the same terminal, RRN and day with other details', async () => {
      const body = payment(t);
      await pay(body, { 'Idempotency-Key': 'k-other-1' }).expect(201);
      const before = await t.store.headPosition();
      const otherRrn = await pay(
        { ...body, rrn: nextRrn() },
        { 'Idempotency-Key': 'k-other-1' },
      ).expect(422);
      expect(otherRrn.body.code).toBe('idempotency-mismatch');
      const otherAmount = await pay({ ...body, amount: '1800000' }).expect(422);
      expect(otherAmount.body.code).toBe('idempotency-mismatch');
      expect(await t.store.headPosition()).toBe(before);
    });

    it('concurrent duplicates are written exactly once; the others are told it is running or get the replay', async () => {
      const body = payment(t);
      const before = await paymentEvents();
      const answers = await Promise.all(
        Array.from({ length: 16 }, () => pay(body, { 'Idempotency-Key': 'k-concurrent' })),
      );
      expect(await paymentEvents()).toBe(before + 1);
      const statuses = answers.map((a) => a.status);
      expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
      const fresh = answers.filter(
        (a) => a.status === 201 && a.headers['idempotent-replayed'] === undefined,
      );
      expect(fresh).toHaveLength(1);
      for (const a of answers.filter((x) => x.status === 201))
        expect(a.body).toEqual(fresh[0]!.body);
      for (const a of answers.filter((x) => x.status === 409))
        expect(a.body.code).toBe('idempotency-in-progress');
    });
  });

  describe('reversals and refunds', () => {
    const reverse = (
      rrn: string,
      transactionTime: string,
      headers: Record<string, string> = {},
      terminal = w.good,
    ) =>
      signedPost(
        t,
        terminal,
        '/v1/payments/reversals',
        { rrn, transactionTime, reason: 'customer cancelled' },
        headers,
      );

    it('a terminal reverses its payment once, the same day, with negative postings', async () => {
      const body = payment(t);
      const paid = await pay(body).expect(201);
      const res = await reverse(body.rrn, body.transactionTime, {
        'Idempotency-Key': 'rev-1',
      }).expect(201);
      expect(res.body.status).toBe('reversed');
      expect(res.body.remaining).toBe('0');
      expect(res.body.corrections).toHaveLength(1);
      expect(res.body.corrections[0].amount).toBe('-1720733');
      expect(res.body.corrections[0].postings.map((p: { amount: string }) => p.amount)).toEqual(
        paid.body.postings.map((p: { amount: string }) => `-${p.amount}`),
      );
      const replay = await reverse(body.rrn, body.transactionTime, {
        'Idempotency-Key': 'rev-1',
      }).expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect((await reverse(body.rrn, body.transactionTime).expect(409)).body.detail).toMatch(
        /already reversed/,
      );
      const regulator = w.a.regulator;
      await request(t.app)
        .post(`/v1/payments/${paid.body.paymentId as string}/refunds`)
        .set('Authorization', regulator)
        .send({ amount: '1', reason: 'x' })
        .expect(409);
      expect(
        (await t.store.readStream(`payment-${paid.body.paymentId as string}`)).map((e) => e.type),
      ).toEqual(['PaymentRecorded', 'PaymentReversed']);
    });

    it('no reversal on a later day, and none of a payment that is not ours', async () => {
      const body = payment(t, {
        transactionTime: new Date(t.clock.now().getTime() - 86_400_000).toISOString(),
      });
      await pay(body).expect(201);
      expect((await reverse(body.rrn, body.transactionTime).expect(409)).body.detail).toMatch(
        /only on the day of the transaction/,
      );
      await reverse(nextRrn(), body.transactionTime).expect(404);
    });

    it('refunds: held-for-refund first, partial then the rest, never beyond what was paid; another office sees 404', async () => {
      const paid = await pay(payment(t, { amount: '1800000' })).expect(201);
      const url = `/v1/payments/${paid.body.paymentId as string}/refunds`;
      const office = (await t.tokenFor('office', { officeId: 'OF-A' })).authorization;
      const otherOffice = (await t.tokenFor('office', { officeId: 'OF-S' })).authorization;
      await request(t.app)
        .post(url)
        .set('Authorization', otherOffice)
        .send({ amount: '1000', reason: 'x' })
        .expect(404);
      const first = await request(t.app)
        .post(url)
        .set('Authorization', office)
        .set('Idempotency-Key', 'refund-1')
        .send({ amount: '79267', reason: 'overcharge returned' })
        .expect(201);
      expect(first.body.status).toBe('partially-refunded');
      expect(
        first.body.corrections[0].postings.map((p: { kind: string; amount: string }) => [
          p.kind,
          p.amount,
        ]),
      ).toEqual([
        ['agency', '0'],
        ['technical', '0'],
        ['office', '0'],
        ['vat', '0'],
        ['held-for-refund', '-79267'],
      ]);
      const replay = await request(t.app)
        .post(url)
        .set('Authorization', office)
        .set('Idempotency-Key', 'refund-1')
        .send({ amount: '79267', reason: 'overcharge returned' })
        .expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      await request(t.app)
        .post(url)
        .set('Authorization', office)
        .set('Idempotency-Key', 'refund-1')
        .send({ amount: '5', reason: 'other' })
        .expect(422);
      const beyond = await request(t.app)
        .post(url)
        .set('Authorization', w.a.regulator)
        .send({ amount: '1720734', reason: 'too much' })
        .expect(409);
      expect(beyond.body.detail).toMatch(/1720733/);
      const part = await request(t.app)
        .post(url)
        .set('Authorization', w.a.regulator)
        .send({ amount: '1000000', reason: 'service not delivered' })
        .expect(201);
      expect(sum(part.body.corrections[1].postings)).toBe('-1000000');
      expect(part.body.remaining).toBe('720733');
      const rest = await request(t.app)
        .post(url)
        .set('Authorization', w.a.regulator)
        .send({ amount: '720733', reason: 'rest' })
        .expect(201);
      expect(rest.body).toMatchObject({ status: 'refunded', remaining: '0' });
      await request(t.app)
        .post(url)
        .set('Authorization', w.a.regulator)
        .send({ amount: '1', reason: 'more' })
        .expect(409);
      const terminal = await request(t.app)
        .post(url)
        .set('Authorization', w.good.authorization)
        .send({ amount: '1', reason: 'x' });
      expect([401, 403]).toContain(terminal.status);
    });
  });

  describe('store-and-forward batches', () => {
    it('answers each item on its own: recorded, flagged (also late), replayed, rejected; only the valid ones are written', async () => {
      const already = payment(t);
      await pay(already).expect(201);
      const old = payment(t, {
        transactionTime: new Date(t.clock.now().getTime() - 5 * 86_400_000).toISOString(),
      });
      const items = [
        payment(t),
        payment(t, { amount: '1800000' }),
        already,
        { ...payment(t), maskedCard: '6037991234561234' },
        old,
        payment(t, {
          transactionTime: new Date(t.clock.now().getTime() - 9 * 86_400_000).toISOString(),
        }),
        { ...already, amount: '1' },
        'not even an object',
      ];
      const before = await paymentEvents();
      const countsBefore = await outcomeCounts();
      const res = await signedPost(t, w.good, '/v1/payments/batches', { items }).expect(200);
      expect(res.body.items.map((i: { outcome: string }) => i.outcome)).toEqual([
        'recorded',
        'flagged',
        'replayed',
        'rejected',
        'recorded',
        'flagged',
        'rejected',
        'rejected',
      ]);
      expect(res.body.summary).toEqual({ recorded: 2, flagged: 2, replayed: 1, rejected: 3 });
      expect(res.body.items[3].problem.errors[0].path).toBe('maskedCard');
      expect(res.body.items[5].result.violations).toEqual([
        { type: 'late', daysLate: 2, maxAgeDays: 7 },
      ]);
      expect(res.body.items[6].problem.code).toBe('idempotency-mismatch');
      expect(res.body.items[4].result.transactionTime.iso).toBe(old.transactionTime);
      expect(await paymentEvents()).toBe(before + 4);
      const counts = await outcomeCounts();
      expect({
        recorded: counts.recorded - countsBefore.recorded,
        flagged: counts.flagged - countsBefore.flagged,
        replayed: counts.replayed - countsBefore.replayed,
        rejected: counts.rejected - countsBefore.rejected,
      }).toEqual(res.body.summary);
      const again = await signedPost(t, w.good, '/v1/payments/batches', {
        items: items.slice(0, 2),
      }).expect(200);
      expect(again.body.summary).toMatchObject({ replayed: 2 });
      expect(again.body.items.map((i: { result: unknown }) => i.result)).toEqual(
        res.body.items.slice(0, 2).map((i: { result: unknown }) => i.result),
      );
      await signedPost(t, w.good, '/v1/payments/batches', {
        items: Array.from({ length: 1001 }, () => payment(t)),
      }).expect(400);
    });
  });

  describe('queries and receipts', () => {
    it('scopes lists by role and pages with a cursor', async () => {
      const agency = (await t.tokenFor('agency', { agencyId: 'traffic' })).authorization;
      const otherAgency = (await t.tokenFor('agency', { agencyId: 'registry' })).authorization;
      const office = (await t.tokenFor('office', { officeId: 'OF-S' })).authorization;
      const all = await request(t.app)
        .get('/v1/payments?limit=500')
        .set('Authorization', w.a.regulator)
        .expect(200);
      expect(all.body.items.length).toBeGreaterThan(10);
      expect(
        (
          await request(t.app)
            .get('/v1/payments?limit=500')
            .set('Authorization', agency)
            .expect(200)
        ).body.items.length,
      ).toBe(all.body.items.length);
      expect(
        (await request(t.app).get('/v1/payments').set('Authorization', otherAgency).expect(200))
          .body.items,
      ).toEqual([]);
      const suspendedOnes = (
        await request(t.app).get('/v1/payments?limit=500').set('Authorization', office).expect(200)
      ).body.items;
      expect(suspendedOnes.map((p: { officeId: string }) => p.officeId)).toEqual(['OF-S']);
      const forced = await request(t.app)
        .get('/v1/payments?officeId=OF-A')
        .set('Authorization', office)
        .expect(200);
      expect(forced.body.items).toEqual([]);
      const pages: string[] = [];
      let cursor: string | undefined;
      do {
        const res = await request(t.app)
          .get(`/v1/payments?status=flagged&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
          .set('Authorization', w.a.regulator)
          .expect(200);
        pages.push(
          ...res.body.items.map((p: { paymentId: string; status: string }) => p.paymentId),
        );
        cursor = res.body.nextCursor;
      } while (cursor);
      const flagged = all.body.items
        .filter((p: { status: string }) => p.status === 'flagged')
        .map((p: { paymentId: string }) => p.paymentId);
      expect(pages).toEqual(flagged);
      const ownOffice = (await t.tokenFor('office', { officeId: 'OF-A' })).authorization;
      await request(t.app)
        .get(`/v1/payments/${suspendedOnes[0].paymentId as string}`)
        .set('Authorization', ownOffice)
        .expect(404);
      await request(t.app)
        .get(`/v1/payments/${suspendedOnes[0].paymentId as string}`)
        .set('Authorization', office)
        .expect(200);
    });

    it('a receipt is public by tracking code and shows nothing personal beyond the masked card', async () => {
      const fullCard = '6037997512341234';
      const body = payment(t, {
        customerNationalId: ids.nationalId,
        maskedCard: `${fullCard.slice(0, 6)}******${fullCard.slice(-4)}`,
      });
      const paid = await pay(body).expect(201);
      const [event] = await t.store.readStream(`payment-${paid.body.paymentId as string}`);
      const res = await request(t.app)
        .get(`/v1/receipts/${paid.body.trackingCode as string}`)
        .expect(200);
      expect(res.body).toMatchObject({
        trackingCode: paid.body.trackingCode,
        amount: '1720733',
        status: 'recorded',
        maskedCard: '603799******1234',
        office: { officeId: 'OF-A' },
      });
      expect(res.body.transactionTime.jalali).toMatch(/^1405\/09\/08/);
      expect(sum(res.body.split)).toBe('1720733');
      for (const secret of [
        ids.nationalId,
        fullCard,
        (event!.data as { customerRef: string }).customerRef,
        'IR',
      ])
        expect(res.text).not.toContain(secret);
      await request(t.app).get('/v1/receipts/0000000000000000').expect(404);
    });

    it('counts outcomes, rials by beneficiary, replays and posting latency', async () => {
      const metrics = (await request(t.app).get('/metrics').expect(200)).text;
      expect(metrics).toMatch(/pishkhan_payments_total\{outcome="flagged"\} [1-9]/);
      expect(metrics).toMatch(
        /pishkhan_payment_rials_total\{beneficiary="held-for-refund"\} [1-9]/,
      );
      expect(metrics).toMatch(/pishkhan_payment_idempotent_replays_total [1-9]/);
      expect(metrics).toMatch(/pishkhan_payment_posting_seconds_count\{kind="single"\} [1-9]/);
    });
  });
});
