import { parse } from 'csv-parse/sync';
import type { SettlementBatchClosed } from '../../contracts/events/settlement';
import { payoutCsv } from '../../projections/settlement/exports';
import type { TestApp } from '../support/app';
import { paymentBody, send, startTwoTenantApp, type World } from '../support/tenants';

jest.setTimeout(60_000);

type Row = Record<string, string>;
const rowsOf = (csv: string): Row[] => parse<Row>(csv, { columns: true, bom: true });
/** The CSV keeps identifier columns as `="…"` for spreadsheets; the value inside. */
const text = (cell: string | undefined) => (cell ?? '').replace(/^="(.*)"$/, '$1');

/**
 * The payout files of closed settlement batches as an agency's accountant reads them (issue 21):
 * the same routes as the regulator's, scoped by the credential to the instructions that credit
 * the agency's own accounts. Two tenants pay on 1405/09/07; only tenant B on 1405/09/08.
 */
describe('payout files of closed settlement days, scoped to an agency', () => {
  let t: TestApp;
  let w: World;
  let closed: SettlementBatchClosed;
  const get = (path: string, as: { authorization?: string } | undefined) =>
    send(t, 'GET', path, as);

  beforeAll(async () => {
    ({ t, w } = await startTwoTenantApp(1000));
    const regulator = w.A.auth.regulator;
    closed = (
      await send(t, 'POST', '/v1/settlement/batches', regulator, { day: '1405/09/07' }).expect(201)
    ).body as SettlementBatchClosed;
    await send(t, 'POST', '/v1/payments', w.B.gateway, paymentBody(t, w.B.serviceCode)).expect(201);
    t.clock.set('2026-11-30T08:00:00Z');
    await send(t, 'POST', '/v1/settlement/batches', regulator, { day: '1405/09/08' }).expect(201);
    await t.reporting.runner.catchUp();
  });
  afterAll(() => t.close());

  it('the regulator reads the whole batch and its CSV exactly as closed, and lists every closed day', async () => {
    const regulator = w.A.auth.regulator;
    const batch = (await get('/v1/settlement/batches/14050907', regulator).expect(200)).body;
    expect(batch).toEqual(closed);
    expect(batch.agencyId).toBeUndefined();
    expect(new Set(closed.instructions.map((i) => i.kind))).toEqual(
      new Set(['agency', 'office', 'technical', 'vat']),
    );
    const csv = await get('/v1/settlement/batches/14050907/payouts.csv', regulator).expect(200);
    expect(csv.text).toBe(payoutCsv(closed));
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename=payouts_STL-14050907_1405-09-07.csv',
    );
    const list = (await get('/v1/settlement/batches', regulator).expect(200)).body;
    expect(list.items.map((b: { day: string }) => b.day)).toEqual(['1405/09/08', '1405/09/07']);
    expect(list.items[1]).toEqual({
      batchId: 'STL-14050907',
      day: '1405/09/07',
      dayStart: { iso: '2026-11-27T20:30:00.000Z', jalali: '1405/09/07 00:00' },
      closedAt: closed.closedAt,
      ledgerPosition: closed.ledgerPosition,
      instructions: closed.instructions.length,
      payments: closed.instructions.reduce((n, i) => n + i.payments, 0),
      total: closed.total,
      notPaidOut: 0,
    });
    expect(list.nextCursor).toBeUndefined();
  });

  it("an agency reads only the instructions crediting its own accounts: its total, never the other agency's, the offices' or VAT", async () => {
    const own = closed.instructions.filter(
      (i) => i.kind === 'agency' && i.beneficiaryId === w.A.agencyId,
    );
    expect(own).toHaveLength(1);
    const batch = (await get('/v1/settlement/batches/14050907', w.A.auth.agency).expect(200)).body;
    expect(batch).toMatchObject({
      batchId: 'STL-14050907',
      agencyId: w.A.agencyId,
      instructions: own,
      notPaidOut: [],
      total: own[0]!.amount,
    });
    expect(JSON.stringify(batch)).not.toContain(w.B.agencyId);
    expect(JSON.stringify(batch)).not.toContain(w.A.officeId);

    const csv = await get('/v1/settlement/batches/14050907/payouts.csv', w.A.auth.agency).expect(
      200,
    );
    const rows = rowsOf(csv.text);
    expect(rows.map((r) => [r.end_to_end_id, r.beneficiary_id, text(r.deposit_id)])).toEqual(
      own.map((i) => [i.endToEndId, w.A.agencyId, i.depositId]),
    );
    expect(rows[0]!.amount_rials).toBe(own[0]!.amount);
    expect(csv.text).not.toContain(w.B.agencyId);
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename=payouts_STL-14050907_1405-09-07_traffic.csv',
    );
    const again = await get('/v1/settlement/batches/14050907/payouts.csv', w.A.auth.agency);
    expect(again.text).toBe(csv.text);
    expect(csv.headers['x-content-sha256']).toBe(again.headers['x-content-sha256']);

    const other = (await get('/v1/settlement/batches/14050907', w.B.auth.agency).expect(200)).body;
    expect(other.instructions.map((i: { beneficiaryId: string }) => i.beneficiaryId)).toEqual([
      w.B.agencyId,
    ]);
    expect(JSON.stringify(other)).not.toContain(w.A.agencyId);
  });

  it('an agency lists only the closed days that pay it, with its own totals, page by page', async () => {
    const mine = (await get('/v1/settlement/batches', w.A.auth.agency).expect(200)).body;
    const own = closed.instructions.find((i) => i.beneficiaryId === w.A.agencyId)!;
    expect(mine.items).toEqual([
      expect.objectContaining({
        day: '1405/09/07',
        instructions: 1,
        payments: own.payments,
        total: own.amount,
      }),
    ]);
    const first = (await get('/v1/settlement/batches?limit=1', w.B.auth.agency).expect(200)).body;
    expect(first.items.map((b: { day: string }) => b.day)).toEqual(['1405/09/08']);
    expect(first.nextCursor).toBe('14050908');
    const second = (
      await get(
        `/v1/settlement/batches?limit=1&cursor=${first.nextCursor}`,
        w.B.auth.agency,
      ).expect(200)
    ).body;
    expect(second.items.map((b: { day: string }) => b.day)).toEqual(['1405/09/07']);
    expect(second.nextCursor).toBeUndefined();
  });

  it('a closed day with nothing of the agency, and a day not closed, are not found for it; the same day is there for the agency it pays', async () => {
    await get('/v1/settlement/batches/14050908', w.B.auth.agency).expect(200);
    for (const path of [
      '/v1/settlement/batches/14050908',
      '/v1/settlement/batches/14050908/payouts.csv',
      '/v1/settlement/batches/14050906',
      '/v1/settlement/batches/14050906/payouts.csv',
      '/v1/settlement/batches/14051399',
    ]) {
      const res = await get(path, w.A.auth.agency);
      expect([path, res.status, res.headers['content-type']]).toEqual([
        path,
        404,
        expect.stringContaining('application/problem+json'),
      ]);
    }
  });

  it('refuses the pain.001 to an agency (the payer initiates it), the files to other roles, and a bad cursor', async () => {
    await get('/v1/settlement/batches/14050907/pain.001.xml', w.A.auth.agency).expect(403);
    await get('/v1/settlement/batches/14050907/pain.001.xml', w.A.auth.regulator).expect(200);
    for (const role of ['office', 'areo', 'psp', 'working_group'] as const) {
      await get('/v1/settlement/batches', w.A.auth[role]).expect(403);
      await get('/v1/settlement/batches/14050907/payouts.csv', w.A.auth[role]).expect(403);
    }
    await get('/v1/settlement/batches', undefined).expect(401);
    for (const query of ['cursor=1405-09-07', 'limit=0', 'limit=101', 'agencyId=registry'])
      await get(`/v1/settlement/batches?${query}`, w.A.auth.agency).expect(400);
  });
});
