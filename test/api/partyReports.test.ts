import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { seedLedger } from '../../projections/fixtures';
import { readXlsx } from '../../projections/parties/sheets';
import { seedReference } from '../../projections/reference/fixtures';
import { plainCell } from '../../src/shared/csv';
import { memoryEventStore } from '../../src/shared/eventStore';
import { startTestApp, type TestApp } from '../support/app';

type Row = Record<string, unknown>;
type Body = Record<string, unknown> & { ledgerPosition: number; sha256: string };

/** Six payments on 1403/06/30 (seedLedger's first six), one reversed, one overcharge refunded; a batch paying OF3 100,000 of its 120,000 rials of fees. */
async function seeded() {
  const store = memoryEventStore();
  await seedLedger(store, 6, { reassessments: false });
  await seedReference(store);
  await store.append(
    'settlement-14030630',
    [
      {
        type: 'SettlementBatchClosed',
        data: {
          type: 'SettlementBatchClosed',
          batchId: 'STL-14030630',
          day: '1403/06/30',
          cutoff: '00:00',
          ledgerPosition: 1,
          debtor: { name: 'd', iban: 'IR820540102680020817909002' },
          instructions: [
            {
              endToEndId: 'STL-14030630-1',
              kind: 'office',
              beneficiaryId: 'OF3',
              iban: 'IR000000000000000000000102',
              depositId: '',
              amount: '100000',
              payments: 2,
            },
          ],
          notPaidOut: [],
          total: '100000',
          contentSha256: 'x',
          closedAt: '2024-09-21T01:00:00.000Z',
          closedBy: 'r',
        },
      },
    ],
    'no_stream',
  );
  return store;
}

describe('party reports (issue 19): national, agency, office, working group', () => {
  let t: TestApp;
  const auth: Record<string, string> = {};
  const get = (path: string, who: string) =>
    request(t.app)
      .get(path)
      .set('Authorization', auth[who]!)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
  const json = async (path: string, who: string) => {
    const res = await get(path, who).expect(200);
    return JSON.parse((res.body as Buffer).toString('utf8')) as Body;
  };

  beforeAll(async () => {
    t = await startTestApp({ store: await seeded(), now: '2025-02-01T06:00:00Z' });
    await t.reporting.runner.catchUp();
    for (const [name, role, scope] of [
      ['regulator', 'regulator', {}],
      ['areo', 'areo', {}],
      ['mpoTehran', 'provincial_mpo', { province: 'IR-23' }],
      ['mpoGilan', 'provincial_mpo', { province: 'IR-01' }],
      ['ag1', 'agency', { agencyId: 'AG1' }],
      ['ag2', 'agency', { agencyId: 'AG2' }],
      ['of3', 'office', { officeId: 'OF3' }],
      ['of1', 'office', { officeId: 'OF1' }],
      ['wgTehran', 'working_group', { province: 'IR-23', memberBody: 'areo' }],
      ['wgGilan', 'working_group', { province: 'IR-01', memberBody: 'areo' }],
    ] as const)
      auth[name] = (await t.tokenFor(role, scope)).authorization;
  }, 60_000);
  afterAll(() => t.close());

  /**
   * The CSV's section and the XLSX's sheet of that name hold, row for row, every figure of the
   * JSON table they come from: counts and rials alike, as numbers a spreadsheet sums.
   */
  async function expectFilesMatch(
    path: string,
    query: string,
    who: string,
    tables: Record<string, Row[]>,
  ) {
    const csv = await get(`${path}.csv${query}`, who).expect(200);
    const xlsx = await get(`${path}.xlsx${query}`, who).expect(200);
    const position = Number(csv.headers['x-ledger-position']);
    expect(Number(xlsx.headers['x-ledger-position'])).toBe(position);
    const csvRows = parse<Record<string, string>>((csv.body as Buffer).toString('utf8'), {
      columns: true,
      bom: true,
    }).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plainCell(v)])));
    const sheets = await readXlsx(xlsx.body as Buffer);
    let figures = 0;
    for (const [section, rows] of Object.entries(tables)) {
      const fromCsv = csvRows.filter((r) => r.section === section);
      const fromXlsx = sheets.get(section) ?? [];
      expect([section, fromCsv.length, fromXlsx.length]).toEqual([
        section,
        rows.length,
        rows.length,
      ]);
      rows.forEach((row, i) => {
        for (const [key, value] of Object.entries(row)) {
          if (typeof value !== 'number' && !(typeof value === 'string' && /^-?\d+$/.test(value)))
            continue;
          figures += 1;
          expect([section, key, fromCsv[i]![key]]).toEqual([section, key, String(value)]);
          expect([section, key, fromXlsx[i]![key]]).toEqual([section, key, Number(value)]);
        }
        expect(fromCsv[i]!.ledger_position).toBe(String(position));
      });
    }
    expect(figures).toBeGreaterThan(0);
    const about = new Map((sheets.get('about') ?? []).map((r) => [r.field, r.value]));
    expect(about.get('ledger_position')).toBe(position);
  }

  describe('national (AREO, provincial MPOs)', () => {
    const path = '/v1/reports/national';
    const month = '?from=1403/06&to=1403/06';

    it('adds up to the hand-computed totals of 1403/06', async () => {
      const r = await json(`${path}${month}`, 'areo');
      // 1,132,000 + 1,133,000 + 1,134,000 + 1,140,000 + 1,132,000 + 1,133,000 = 6,804,000 gross;
      // net = 6,804,000 − 1,133,000 (reversal of #5) − 5,000 (refund of #3's overcharge).
      expect(r.totals).toEqual({
        payments: 6,
        gross: '6804000',
        reversalCount: 1,
        reversals: '1133000',
        refundCount: 1,
        refunds: '5000',
        net: '5666000',
        officeFees: '600000',
        vat: '60000',
      });
      const net = (rows: unknown, key: string) =>
        Object.fromEntries((rows as Row[]).map((x) => [x[key], x.net]));
      expect(net(r.byAgency, 'agencyId')).toEqual({ AG1: '3398000', AG2: '2268000' });
      expect(net(r.byProvince, 'province')).toEqual({ 'IR-01': '1132000', 'IR-23': '4534000' });
      expect(net(r.byOfficeKind, 'officeKind')).toEqual({ urban: '5666000' });
      expect((r.period as Row).from).toBe('1403/06/01');
      expect((r.period as Row).to).toBe('1403/06/31');
      expect(typeof r.sha256).toBe('string');
      const s1 = (r.coverage as Row[]).find(
        (c) => c.serviceCode === 'S1' && c.province === 'IR-23',
      );
      expect(s1).toMatchObject({ officesDelivered: 2 });
    });

    it('trends compare each month with the one before', async () => {
      const r = await json(`${path}?from=1403/05&to=1403/07`, 'regulator');
      expect((r.trends as Row[]).map((x) => [x.month, x.net, x.netChange])).toEqual([
        ['1403/06', '5666000', '0'],
      ]);
    });

    it('a provincial MPO reads its own province; another province is 404, in every format', async () => {
      const r = await json(`${path}${month}`, 'mpoTehran');
      expect(r.province).toBe('IR-23');
      expect((r.totals as Row).net).toBe('4534000');
      for (const ext of ['', '.csv', '.xlsx'])
        await get(`${path}${ext}${month}&province=IR-01`, 'mpoTehran').expect(404);
      expect((await json(`${path}${month}&province=IR-01`, 'areo')).province).toBe('IR-01');
    });

    it('CSV and XLSX carry the numbers of the JSON; Persian headers on request', async () => {
      const r = await json(`${path}${month}`, 'areo');
      await expectFilesMatch(path, month, 'areo', {
        totals: [r.totals as Row],
        by_agency: r.byAgency as Row[],
        by_province: r.byProvince as Row[],
        by_agency_province: r.byAgencyProvince as Row[],
        coverage: r.coverage as Row[],
      });
      const fa = await get(`${path}.csv${month}&lang=fa`, 'areo').expect(200);
      expect((fa.body as Buffer).toString('utf8')).toContain('خالص (ریال)');
      expect(fa.headers['content-disposition']).toContain('national_all_1403-06-01_1403-06-31.csv');
    });
  });

  describe('agency', () => {
    const path = '/v1/reports/agencies/AG2';
    const range = '?from=1403/06&to=1403/07';

    it('its own services only, hand-computed: settlement, compliance, volumes', async () => {
      const r = await json(`${path}${range}`, 'ag2');
      // Treasury fees of #1, #3, #5: 1,001,000 + 1,003,000 + 1,001,000; #5 reversed.
      expect((r.settlement as { totals: Row }).totals).toMatchObject({
        gross: '3005000',
        reversals: '1001000',
        net: '2004000',
      });
      expect((r.compliance as { totals: Row }).totals).toEqual({
        payments: 1,
        violations: 1,
        excessCollected: '5000',
        refunded: '5000',
        stillHeld: '0',
      });
      const v = r.volumes as { totals: Row; byOffice: Row[] };
      expect(v.totals.net).toBe('2268000');
      expect(v.byOffice.map((o) => o.officeId)).toEqual(['OF1', 'OF2', 'OF3']);
      expect(JSON.stringify(r)).not.toContain('AG1');
    });

    it('the settlement report as XLSX carries the JSON lines, and is 404 for another agency', async () => {
      const q = '?from=1403/06/01&to=1403/07/30';
      const r = await json(`/v1/reports/settlement${q}`, 'ag2');
      const lines = (r.lines as Array<{ byService: Row[] }>).flatMap((l) => l.byService);
      expect(lines.length).toBeGreaterThan(0);
      const xlsx = await get(`/v1/reports/settlement.xlsx${q}&lang=fa`, 'ag2').expect(200);
      const sheet = (await readXlsx(xlsx.body as Buffer)).get('تسویه')!;
      expect(sheet.map((x) => x['خالص (ریال)'])).toEqual(lines.map((l) => Number(l.net)));
      await get(`/v1/reports/settlement.xlsx${q}&agencyId=AG2`, 'ag1').expect(404);
    });

    it("another agency's report is 404 in every format", async () => {
      for (const ext of ['', '.csv', '.xlsx'])
        await get(`${path}${ext}${range}`, 'ag1').expect(404);
      await get(`/v1/reports/agencies/AG2/reconciliations`, 'ag1').expect(404);
    });

    it('CSV and XLSX carry the numbers of the JSON', async () => {
      const r = await json(`${path}${range}`, 'ag2');
      const v = r.volumes as Record<string, Row[]>;
      await expectFilesMatch(path, range, 'ag2', {
        by_office: v.byOffice!,
        by_service: v.byService!,
        by_month: v.byMonth!,
      });
    });

    it('every reconciliation run is retrievable with its outcomes, newest first', async () => {
      const runs = (await json('/v1/reports/agencies/AG1/reconciliations', 'ag1')).runs as Row[];
      expect(runs.map((x) => x.runId)).toEqual(['RUN-3', 'RUN-2', 'RUN-1']);
      const one = await json('/v1/reports/agencies/AG1/reconciliations?runId=RUN-1', 'ag1');
      const [run] = one.runs as Array<{ outcomes: Row[] }>;
      expect(run!.outcomes).toEqual([
        expect.objectContaining({ kind: 'matched', difference: '0' }),
      ]);
      const page = await json('/v1/reports/agencies/AG1/reconciliations?limit=2', 'ag1');
      const rest = await json(
        `/v1/reports/agencies/AG1/reconciliations?limit=2&before=${String(page.nextBefore)}`,
        'ag1',
      );
      expect((rest.runs as Row[]).map((x) => x.runId)).toEqual(['RUN-1']);
      await get('/v1/reports/agencies/AG1/reconciliations?runId=nope', 'ag1').expect(404);
      const all = await json('/v1/reports/agencies/AG1/reconciliations', 'ag1');
      await expectFilesMatch('/v1/reports/agencies/AG1/reconciliations', '', 'ag1', {
        outcomes: (all.runs as Array<{ runId: string; outcomes: Row[] }>).flatMap((x) =>
          x.outcomes.map((o) => ({ difference: o.difference })),
        ),
      });
    });
  });

  describe('office statement', () => {
    const path = '/v1/reports/offices/OF3/statement';
    const month = '?month=1403/06';

    it('hand-computed: payments, reversal, fees, VAT, paid out and still owed', async () => {
      const r = await json(`${path}${month}`, 'of3');
      // #2 (1,134,000) and #5 (1,133,000, reversed); 120,000 office fee each, #5's taken back.
      expect(r.totals).toEqual({
        payments: 2,
        gross: '2267000',
        reversalCount: 1,
        reversals: '1133000',
        refundCount: 0,
        refunds: '0',
        net: '1134000',
        officeFees: '120000',
        vat: '12000',
      });
      expect(r.paidOut).toBe('100000');
      expect(r.stillOwed).toBe('20000');
      expect(r.owedToDate).toBe('20000');
      expect((r.payouts as Row[]).map((p) => [p.day, p.amount])).toEqual([
        ['1403/06/30', '100000'],
      ]);
      expect((r.supervision as Row).period).toBe('1403-H1');
      expect((r.supervision as Row).score).toMatch(/^\d+\.\d\d$/);
    });

    it("its compliance record: OF1's overcharge of 5,000 rials (#3), refunded", async () => {
      const r = await json('/v1/reports/offices/OF1/statement?month=1403/06', 'regulator');
      expect(r.compliance).toEqual({
        totals: {
          payments: 1,
          violations: 1,
          excessCollected: '5000',
          refunded: '5000',
          stillHeld: '0',
        },
        byType: [
          {
            type: 'overcharge',
            payments: 1,
            violations: 1,
            excessCollected: '5000',
            refunded: '5000',
            stillHeld: '0',
          },
        ],
      });
    });

    it("another office's statement is 404 in every format", async () => {
      for (const ext of ['', '.csv', '.xlsx'])
        await get(`${path}${ext}${month}`, 'of1').expect(404);
    });

    it('CSV and XLSX carry the numbers of the JSON', async () => {
      const r = await json(`${path}${month}`, 'of3');
      await expectFilesMatch(path, month, 'of3', {
        statement: [{ ...(r.totals as Row), paidOut: r.paidOut, stillOwed: r.stillOwed }],
        payouts: (r.payouts as Row[]).map((p) => ({ amount: p.amount })),
        by_service: r.byService as Row[],
      });
    });
  });

  describe('working group', () => {
    const path = '/v1/reports/provinces/IR-23/licensing';

    it('applications of its province by state with age, licensed offices with scores', async () => {
      const r = await json(path, 'wgTehran');
      const apps = r.applications as Row[];
      expect(apps.map((a) => a.licenseId).sort()).toEqual(['L1', 'L2', 'L3', 'L4']);
      // L1 was applied for on 2025-01-02T06:00Z; the clock reads 2025-02-01T06:00Z.
      expect(apps.find((a) => a.licenseId === 'L1')!.ageDays).toBe(30);
      const byState = r.byState as Row[];
      expect(byState.reduce((n, s) => n + Number(s.applications), 0)).toBe(4);
      for (const o of r.offices as Row[]) expect(o.score).toMatch(/^\d+\.\d\d$/);
      expect(JSON.stringify(r)).not.toContain('hash-');
    });

    it("another province's report is 404 in every format", async () => {
      for (const ext of ['', '.csv', '.xlsx']) await get(`${path}${ext}`, 'wgGilan').expect(404);
    });

    it('CSV and XLSX carry the numbers of the JSON', async () => {
      const r = await json(path, 'wgTehran');
      await expectFilesMatch(path, '', 'wgTehran', {
        by_state: r.byState as Row[],
        applications: (r.applications as Row[]).map((a) => ({
          ageDays: a.ageDays,
          votes: a.votes,
        })),
      });
    });
  });
});
