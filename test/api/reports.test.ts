import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import { technicalIban } from '../support/tariffFixtures';
import { startTestApp, type TestApp } from '../support/app';
import { ids } from '../support/licensing';
import {
  officeIban,
  payment,
  paymentWorld,
  signedPost,
  type PaymentWorld,
} from '../support/payments';

const debtorIban = 'IR820540102680020817909002';
/** The tax administration's VAT account (VAT_IBAN). */
const vatIban = 'IR060100000000401234567890';
const depositId = '300000000000123';
const day = 86_400_000;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('reports over HTTP: settlement, payout files, compliance, deadlines, reconciliation', () => {
  let t: TestApp;
  let w: PaymentWorld;
  let regulator: string;
  let traffic: string;
  let otherAgency: string;
  let overchargeId: string;
  const get = (path: string, auth: string) => request(t.app).get(path).set('Authorization', auth);
  const catchUp = () => t.reporting.runner.catchUp();

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-19T08:00:00Z', reporting: { debtorIban, vatIban } });
    w = await paymentWorld(t);
    t.clock.set('2026-11-29T08:00:00Z');
    regulator = w.a.regulator;
    traffic = (await t.tokenFor('agency', { agencyId: 'traffic' })).authorization;
    otherAgency = (await t.tokenFor('agency', { agencyId: 'registry' })).authorization;
    const pay = (body: object) => signedPost(t, w.good, '/v1/payments', body).expect(201);
    for (const [daysAgo, count] of [
      [4, 1],
      [3, 2],
      [2, 3],
      [1, 4],
      [0, 2],
    ] as const) {
      for (let i = 0; i < count; i++)
        await pay(
          payment(t, {
            transactionTime: new Date(
              t.clock.now().getTime() - daysAgo * day - 60_000 * (i + 1),
            ).toISOString(),
          }),
        );
    }
    const over = await pay(payment(t, { amount: '1800000' }));
    overchargeId = over.body.paymentId as string;
    const reversed = payment(t);
    await pay(reversed);
    await signedPost(t, w.good, '/v1/payments/reversals', {
      rrn: reversed.rrn,
      transactionTime: reversed.transactionTime,
      reason: 'customer cancelled',
    }).expect(201);
    await catchUp();
  });
  afterAll(() => t.close());

  describe('settlement (تسویه)', () => {
    it('per business day and beneficiary, with reversals, by service and office, and the agency credits with deposit ids', async () => {
      const res = await get(
        '/v1/reports/settlement?from=1405/09/04&to=1405/09/08',
        regulator,
      ).expect(200);
      expect(res.body.ledgerPosition).toBe(await t.store.headPosition());
      const agency = res.body.lines.filter(
        (l: { beneficiary: { kind: string } }) => l.beneficiary.kind === 'agency',
      );
      expect(
        agency.map((l: { day: { jalali: string }; net: string }) => [l.day.jalali, l.net]),
      ).toEqual([
        ['1405/09/04', '1500000'],
        ['1405/09/05', '3000000'],
        ['1405/09/06', '4500000'],
        ['1405/09/07', '6000000'],
        ['1405/09/08', '4500000'],
      ]);
      const today = agency[4];
      expect(today).toMatchObject({
        beneficiary: { kind: 'agency', id: 'traffic', iban: ids.iban, depositId },
        payments: 4,
        gross: '6000000',
        reversalCount: 1,
        reversals: '1500000',
        refunds: '0',
        net: '4500000',
      });
      expect(today.byService).toEqual([
        {
          serviceCode: 'vehicle-transfer',
          payments: 4,
          gross: '6000000',
          reversalCount: 1,
          reversals: '1500000',
          refundCount: 0,
          refunds: '0',
          net: '4500000',
        },
      ]);
      expect(today.byOffice.map((o: { officeId: string }) => o.officeId)).toEqual(['OF-A']);
      expect(today.day.start.iso).toBe('2026-11-28T20:30:00.000Z');
      const office = res.body.lines.find(
        (l: { beneficiary: { kind: string }; day: { jalali: string } }) =>
          l.beneficiary.kind === 'office' && l.day.jalali === '1405/09/08',
      );
      expect(office).toMatchObject({
        beneficiary: { id: 'OF-A', iban: officeIban },
        gross: '600000',
        reversals: '150000',
        net: '450000',
      });
      const held = res.body.lines.find(
        (l: { beneficiary: { kind: string } }) => l.beneficiary.kind === 'held',
      );
      expect(held).toMatchObject({ gross: '79267', net: '79267' });
      expect(res.body.expectedTreasuryCredits[4]).toEqual({
        day: today.day,
        agencyId: 'traffic',
        iban: ids.iban,
        depositId,
        amount: '4500000',
      });
      const { sha256, ...rest } = res.body;
      expect(sha256).toMatch(/^[0-9a-f]{64}$/);
      const again = await get(
        '/v1/reports/settlement?from=1405/09/04&to=1405/09/08',
        regulator,
      ).expect(200);
      expect(again.body).toEqual({ ...rest, sha256 });
    });

    it('as CSV with a byte-order mark, the ledger position and the digest of its bytes', async () => {
      const res = await get('/v1/reports/settlement.csv?from=1405/09/08&to=1405/09/08', regulator)
        .buffer(true)
        .parse((r, cb) => {
          let text = '';
          r.setEncoding('utf8');
          r.on('data', (c: string) => (text += c));
          r.on('end', () => cb(null, text));
        });
      expect(res.status).toBe(200);
      const body = res.body as string;
      expect(body.charCodeAt(0)).toBe(0xfeff);
      expect(body.split('\r\n')[0]).toBe(
        '\ufeffbusiness_day,business_day_start,beneficiary_kind,beneficiary_id,iban,deposit_id,service_code,payments,gross_rials,reversals_rials,refunds_rials,net_rials,ledger_position',
      );
      expect(body).toContain(
        `1405/09/08,2026-11-28T20:30:00.000Z,agency,traffic,"=""${ids.iban}""","=""${depositId}""",vehicle-transfer,4,6000000,1500000,0,4500000,`,
      );
      expect(res.headers['x-content-sha256']).toBe(sha(body));
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename=settlement_all_1405-09-08_1405-09-08.csv',
      );
      const own = await get('/v1/reports/settlement.csv?from=1405/09/04&to=1405/09/08', traffic);
      expect(own.headers['content-disposition']).toBe(
        'attachment; filename=settlement_traffic_1405-09-04_1405-09-08.csv',
      );
      expect(res.headers['x-ledger-position']).toBe(String(await t.store.headPosition()));
    });

    it('an agency reads only its own money: its treasury lines; another agency asking for them gets 404', async () => {
      const own = await get('/v1/reports/settlement?from=1405/09/04&to=1405/09/08', traffic).expect(
        200,
      );
      expect(
        new Set(
          own.body.lines.map(
            (l: { beneficiary: { kind: string; id: string } }) =>
              `${l.beneficiary.kind}:${l.beneficiary.id}`,
          ),
        ),
      ).toEqual(new Set(['agency:traffic']));
      await get(
        '/v1/reports/settlement?from=1405/09/04&to=1405/09/08&agencyId=traffic',
        otherAgency,
      ).expect(404);
      const theirs = await get(
        '/v1/reports/settlement?from=1405/09/04&to=1405/09/08',
        otherAgency,
      ).expect(200);
      expect(theirs.body.lines).toEqual([]);
      await get(
        '/v1/reports/settlement?from=1405/09/04&to=1405/09/08',
        (await t.tokenFor('office', { officeId: 'OF-A' })).authorization,
      ).expect(403);
      await get('/v1/reports/settlement?from=1405/09/08&to=1405/09/04', regulator).expect(400);
    });
  });

  describe('settlement batches and payout files', () => {
    it('will not close a day whose VAT has no account: VAT_IBAN is named, nothing is recorded', async () => {
      const reporting = t.reporting;
      delete reporting.vatIban;
      try {
        const res = await request(t.app)
          .post('/v1/settlement/batches')
          .set('Authorization', regulator)
          .send({ day: '1405/09/07' })
          .expect(409);
        expect(res.body.detail).toMatch(/80268 rials of VAT .*VAT_IBAN/);
        expect(await t.store.readStream('settlement-14050907')).toEqual([]);
      } finally {
        reporting.vatIban = vatIban;
      }
    });

    it('closes a day that is over, once, into payout instructions per beneficiary Sheba, VAT to VAT_IBAN', async () => {
      await request(t.app)
        .post('/v1/settlement/batches')
        .set('Authorization', regulator)
        .send({ day: '1405/09/08' })
        .expect(409);
      await request(t.app)
        .post('/v1/settlement/batches')
        .set('Authorization', traffic)
        .send({ day: '1405/09/07' })
        .expect(403);
      const res = await request(t.app)
        .post('/v1/settlement/batches')
        .set('Authorization', regulator)
        .send({ day: '1405/09/07' })
        .expect(201);
      expect(res.body.instructions).toEqual([
        {
          endToEndId: 'STL-14050907-00001',
          kind: 'agency',
          beneficiaryId: 'traffic',
          iban: ids.iban,
          depositId,
          amount: '6000000',
          payments: 4,
        },
        {
          endToEndId: 'STL-14050907-00002',
          kind: 'office',
          beneficiaryId: 'OF-A',
          iban: officeIban,
          depositId: '',
          amount: '600000',
          payments: 4,
        },
        {
          endToEndId: 'STL-14050907-00003',
          kind: 'technical',
          beneficiaryId: 'pages',
          iban: technicalIban,
          depositId: '',
          amount: '202664',
          payments: 4,
        },
        {
          endToEndId: 'STL-14050907-00004',
          kind: 'vat',
          beneficiaryId: '',
          iban: vatIban,
          depositId: '',
          amount: '80268',
          payments: 4,
        },
      ]);
      expect(res.body.notPaidOut).toEqual([]);
      expect(res.body.total).toBe('6882932');
      const events = await t.store.readStream('settlement-14050907');
      expect(events.map((e) => e.type)).toEqual(['SettlementBatchClosed']);
      const again = await request(t.app)
        .post('/v1/settlement/batches')
        .set('Authorization', regulator)
        .send({ day: '1405/09/07' })
        .expect(409);
      expect(again.body.detail).toMatch(/already closed/);
    });

    it('exports pain.001.001.03 with every required element, byte-identical on re-export, with its digest', async () => {
      const first = await get('/v1/settlement/batches/14050907/pain.001.xml', regulator).expect(
        200,
      );
      const second = await get('/v1/settlement/batches/14050907/pain.001.xml', regulator).expect(
        200,
      );
      const xml = first.text;
      expect(second.text).toBe(xml);
      expect(first.headers['x-content-sha256']).toBe(sha(xml));
      const doc = new XMLParser({ ignoreAttributes: false, parseTagValue: false }).parse(xml);
      expect(doc.Document['@_xmlns']).toBe('urn:iso:std:iso:20022:tech:xsd:pain.001.001.03');
      const init = doc.Document.CstmrCdtTrfInitn;
      const batch = (await get('/v1/settlement/batches/14050907', regulator).expect(200)).body;
      expect(init.GrpHdr).toMatchObject({
        MsgId: `STL-14050907-P${batch.ledgerPosition as number}`,
        NbOfTxs: '4',
        CtrlSum: '6882932',
        InitgPty: { Nm: 'Pishkhan Ledger (CRA)' },
      });
      expect(init.GrpHdr.CreDtTm).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const p = init.PmtInf;
      expect(p).toMatchObject({
        PmtInfId: 'STL-14050907',
        PmtMtd: 'TRF',
        NbOfTxs: '4',
        CtrlSum: '6882932',
        ReqdExctnDt: '2026-11-29',
        Dbtr: { Nm: 'Shaparak settlement' },
        DbtrAcct: { Id: { IBAN: debtorIban } },
      });
      expect(p.DbtrAgt.FinInstnId).toBeDefined();
      expect(p.CdtTrfTxInf).toHaveLength(4);
      expect(p.CdtTrfTxInf[3].CdtrAcct.Id.IBAN).toBe(vatIban);
      for (const tx of p.CdtTrfTxInf) {
        expect(tx.PmtId.EndToEndId).toMatch(/^STL-14050907-\d{5}$/);
        expect(tx.Amt.InstdAmt['@_Ccy']).toBe('IRR');
        expect(tx.Amt.InstdAmt['#text']).toMatch(/^\d+$/);
        expect(tx.CdtrAcct.Id.IBAN).toMatch(/^IR\d{24}$/);
        expect(tx.Cdtr.Nm).toBeTruthy();
      }
      expect(p.CdtTrfTxInf[0].RmtInf.Ustrd).toBe(depositId);
      const csv = await get('/v1/settlement/batches/14050907/payouts.csv', regulator).expect(200);
      expect(csv.text.startsWith('\ufeffbatch_id,end_to_end_id')).toBe(true);
      expect(csv.headers['x-ledger-position']).toBe(String(batch.ledgerPosition));
      expect(csv.headers['content-disposition']).toBe(
        'attachment; filename=payouts_STL-14050907_1405-09-07.csv',
      );
      expect(first.headers['content-disposition']).toBe(
        'attachment; filename=pain.001_STL-14050907_1405-09-07.xml',
      );
      await get('/v1/settlement/batches/14050906/pain.001.xml', regulator).expect(404);
    });
  });

  describe('tariff compliance (رعایت تعرفه)', () => {
    it('violations with the excess collected, refunded and still held, the most offending offices and the payments behind them', async () => {
      const before = await get(
        '/v1/reports/compliance?from=1405/09/01&to=1405/09/30',
        regulator,
      ).expect(200);
      expect(before.body.byType).toEqual([
        {
          type: 'overcharge',
          payments: 1,
          violations: 1,
          excessCollected: '79267',
          refunded: '0',
          stillHeld: '79267',
        },
      ]);
      await request(t.app)
        .post(`/v1/payments/${overchargeId}/refunds`)
        .set('Authorization', regulator)
        .send({ amount: '50000', reason: 'part of the excess' })
        .expect(201);
      await catchUp();
      const res = await get(
        '/v1/reports/compliance?from=1405/09/01&to=1405/09/30',
        regulator,
      ).expect(200);
      expect(res.body.totals).toEqual({
        payments: 1,
        violations: 1,
        excessCollected: '79267',
        refunded: '50000',
        stillHeld: '29267',
      });
      expect(res.body.mostOffendingOffices[0]).toMatchObject({ officeId: 'OF-A', payments: 1 });
      expect(res.body.byProvince).toEqual([
        {
          province: 'IR-23',
          payments: 1,
          violations: 1,
          excessCollected: '79267',
          refunded: '50000',
          stillHeld: '29267',
        },
      ]);
      expect(res.body.byMonth[0].month).toBe('1405/09');
      const drill = await get(
        '/v1/reports/compliance/payments?from=1405/09/01&to=1405/09/30&type=overcharge&officeId=OF-A',
        regulator,
      ).expect(200);
      expect(drill.body.items).toEqual([
        expect.objectContaining({
          paymentId: overchargeId,
          violations: ['overcharge'],
          amount: '1800000',
          excessCollected: '79267',
          stillHeld: '29267',
        }),
      ]);
      const none = await get(
        '/v1/reports/compliance/payments?from=1405/09/01&to=1405/09/30&type=undercharge',
        regulator,
      ).expect(200);
      expect(none.body.items).toEqual([]);
      await get('/v1/reports/compliance?from=1405/09/01&to=1405/09/30', traffic).expect(403);
    });
  });

  describe('tariff compliance as CSV', () => {
    it('one row per section and key, with the same figures as the JSON, named for the province and period', async () => {
      const json = await get('/v1/reports/compliance?from=1405/09/01&to=1405/09/30', regulator);
      const res = await get(
        '/v1/reports/compliance.csv?from=1405/09/01&to=1405/09/30&province=IR-23',
        regulator,
      ).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename=compliance_IR-23_1405-09-01_1405-09-30.csv',
      );
      expect(res.headers['x-content-sha256']).toBe(sha(res.text));
      const lines = res.text.replace(/^\ufeff/, '').split('\r\n');
      expect(lines[0]).toBe(
        'section,key,payments,violations,excess_collected_rials,refunded_rials,still_held_rials,ledger_position',
      );
      const t0 = json.body.totals;
      expect(lines[1]).toBe(
        `totals,all,${t0.payments},${t0.violations},${t0.excessCollected},${t0.refunded},${t0.stillHeld},${json.body.ledgerPosition}`,
      );
      expect(lines.filter((l) => l.startsWith('type,overcharge,'))).toHaveLength(1);
      await get('/v1/reports/compliance.csv?from=1405/09/01&to=1405/09/30', traffic).expect(403);
    });
  });

  describe('catalogue deadlines (clause 2)', () => {
    it('delivered means assigned and paid for by the timetable date; late ones are listed', async () => {
      const now = await get('/v1/reports/catalogue-deadlines', w.a.areo).expect(200);
      const status = (body: { items: Array<{ serviceCode: string; status: string }> }) =>
        Object.fromEntries(body.items.map((i) => [i.serviceCode, i.status]));
      expect(status(now.body)).toEqual({
        'vehicle-transfer': 'delivered_on_time',
        'plate-change': 'pending',
        'ownership-document': 'pending',
      });
      const later = await get('/v1/reports/catalogue-deadlines?at=1407/07/15', w.a.areo).expect(
        200,
      );
      expect(
        later.body.late
          .map((i: { serviceCode: string; status: string }) => `${i.serviceCode}:${i.status}`)
          .sort(),
      ).toEqual(['ownership-document:overdue', 'plate-change:overdue']);
      expect(
        (await get('/v1/reports/catalogue-deadlines', traffic).expect(200)).body.items,
      ).toHaveLength(3);
      expect(
        (await get('/v1/reports/catalogue-deadlines', otherAgency).expect(200)).body.items,
      ).toEqual([]);
      await get(
        '/v1/reports/catalogue-deadlines',
        (await t.tokenFor('office', { officeId: 'OF-A' })).authorization,
      ).expect(403);
    });
  });

  describe('reconciliation (تطبیق) of a bank statement', () => {
    const statement = [
      'date,amount,reference,bank_reference,description',
      `2026-11-26,3000000,${depositId},B-1,`,
      `1405/09/06,4501000,${depositId},B-2,`,
      `2026-11-29,10500000,${depositId},B-3,two days in one credit`,
      '2026-11-28,123456,X-999,B-4,',
      '2026-11-28,-500000,,B-5,a debit',
    ].join('\n');
    const upload = (auth: string, extra: object = {}) =>
      request(t.app)
        .post('/v1/reconciliations')
        .set('Authorization', auth)
        .send({
          from: '1405/09/04',
          to: '1405/09/08',
          format: 'csv',
          content: `\ufeff${statement}`,
          ...extra,
        });

    it('gives every outcome kind, one-to-many included, with totals; the same statement again changes nothing', async () => {
      const res = await upload(traffic).expect(201);
      const kinds = res.body.outcomes.map(
        (o: { kind: string; bank: Array<{ entryId: string }>; expected: Array<{ day: string }> }) =>
          `${o.kind} ${o.bank.map((b) => b.entryId).join('+')} ${o.expected.map((e) => e.day).join('+')}`,
      );
      expect(kinds).toEqual([
        'matched B-1 1405/09/05',
        'amount_mismatch B-2 1405/09/06',
        'matched B-3 1405/09/08+1405/09/07',
        'missing_in_bank  1405/09/04',
        'unexpected_in_bank B-4 ',
      ]);
      expect(res.body.outcomes[1].difference).toBe('1000');
      expect(res.body.totals).toEqual({
        matched: { count: 2, bank: '13500000', expected: '13500000' },
        amount_mismatch: { count: 1, bank: '4501000', expected: '4500000' },
        missing_in_bank: { count: 1, bank: '0', expected: '1500000' },
        unexpected_in_bank: { count: 1, bank: '123456', expected: '0' },
      });
      const again = await upload(traffic).expect(200);
      expect(again.body).toEqual(res.body);
      const runs = await t.store.readAll({
        after: 0,
        limit: 100_000,
        filter: { eventTypes: ['ReconciliationCompleted'] },
      });
      expect(runs).toHaveLength(1);
      expect(runs[0]!.stream).toBe(`reconciliation-${res.body.runId as string}`);
    });

    it('a tolerance configured for the run lets a near amount match', async () => {
      const res = await upload(traffic, { amountToleranceRials: '1000' }).expect(201);
      expect(res.body.outcomes[1]).toMatchObject({ kind: 'matched', difference: '1000' });
    });

    it('camt.053: a pending credit and a credit in another currency are reported under setAside, not matched', async () => {
      const ntry = (ref: string, amount: string, ccy: string, sts: string, date: string) =>
        `<Ntry><NtryRef>${ref}</NtryRef><Amt Ccy="${ccy}">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>${sts}</Sts>` +
        `<BookgDt><Dt>${date}</Dt></BookgDt><AcctSvcrRef>${ref}</AcctSvcrRef>` +
        `<NtryDtls><TxDtls><RmtInf><Ustrd>${depositId}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`;
      const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>M-1</MsgId><CreDtTm>2026-11-29T06:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S-1</Id><CreDtTm>2026-11-29T06:00:00</CreDtTm><Acct><Id><IBAN>${ids.iban}</IBAN></Id></Acct>
${ntry('C-1', '3000000', 'IRR', 'BOOK', '2026-11-26')}${ntry('C-2', '4500000', 'IRR', 'PDNG', '2026-11-27')}${ntry('C-3', '150', 'EUR', 'BOOK', '2026-11-27')}
</Stmt></BkToCstmrStmt></Document>`;
      const res = await upload(traffic, { format: 'camt.053', content: xml }).expect(201);
      const seen = res.body.outcomes.flatMap((o: { bank: Array<{ entryId: string }> }) =>
        o.bank.map((b) => b.entryId),
      );
      expect(seen).toEqual(['C-1']);
      expect(
        res.body.setAside.map((e: { entryId: string; reason: string }) => [e.entryId, e.reason]),
      ).toEqual([
        ['C-2', 'not-booked'],
        ['C-3', 'currency'],
      ]);
      expect(res.body.totals.unexpected_in_bank.count).toBe(0);
    });

    it('rejects a statement without the documented header, and callers other than an agency', async () => {
      const bad = await request(t.app)
        .post('/v1/reconciliations')
        .set('Authorization', traffic)
        .send({
          from: '1405/09/04',
          to: '1405/09/08',
          format: 'csv',
          content: 'when,how much\n2026-11-26,1',
        })
        .expect(400);
      expect(bad.body.detail).toMatch(/header/);
      await upload(regulator).expect(403);
      const theirs = await upload(otherAgency).expect(201);
      expect(
        theirs.body.outcomes.every((o: { kind: string }) => o.kind === 'unexpected_in_bank'),
      ).toBe(true);
    });
  });
});
