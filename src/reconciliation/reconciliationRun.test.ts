import { deciderSpec } from '../../test/support/deciderSpec';
import {
  ReconciliationCompleted,
  type BankEntry,
  type ExpectedCredit,
  type ReconciliationOutcome,
} from './reconciliationRun';
import { reconciliationRunDecider, type ReconcileStatement } from './reconciliationRun.decide';
import { parseStatement, type Statement } from './statement';

const spec = deciderSpec(reconciliationRunDecider);
const now = new Date('2026-11-29T08:00:00Z');

const credit = (
  day: string,
  amount: string,
  extra: Partial<ExpectedCredit> = {},
): ExpectedCredit => ({ day, iban: 'IR1', depositId: 'D1', amount, ...extra });
const entry = (entryId: string, day: string, amount: string, references: string[]): BankEntry => ({
  entryId,
  day,
  amount,
  references,
});

const reconcileStatement = (
  statement: Statement | BankEntry[],
  credits: ExpectedCredit[],
  tolerance = { amountRials: '0', days: 2 },
): ReconcileStatement => ({
  type: 'ReconcileStatement',
  runId: 'run-1',
  agencyId: 'traffic',
  from: '1403/07/01',
  to: '1403/07/10',
  format: 'csv',
  tolerance,
  statementSha256: 'a'.repeat(64),
  statement: Array.isArray(statement) ? { entries: statement, setAside: [] } : statement,
  expected: { ledgerPosition: 90, credits },
  now,
  actor: 'cred-traffic',
});

/** The outcomes of a run on an empty stream. */
const outcomesOf = (c: ReconcileStatement): ReconciliationOutcome[] => {
  const [run] = spec.given([]).when(c).events();
  return run!.outcomes;
};
/** An outcome in one line: kind, how, bank entries, expected days and deposit ids, difference. */
const brief = (o: ReconciliationOutcome) =>
  [
    o.kind,
    o.by ?? '-',
    o.bank.map((b) => b.entryId).join('+') || '-',
    o.expected.map((e) => `${e.day}:${e.depositId}`).join('+') || '-',
    o.difference,
  ].join(' ');

describe('reconciling a bank statement (تطبیق): the run recorded', () => {
  it('records every outcome with its totals, the tolerances, the position of the credits and the set-aside entries', () => {
    const command = reconcileStatement(
      [entry('B1', '1403/07/02', '100', ['D1']), entry('B2', '1403/07/02', '5', ['X'])],
      [credit('1403/07/01', '100'), credit('1403/07/01', '7', { depositId: 'D9' })],
    );
    spec
      .given([])
      .when(command)
      .then([
        {
          type: 'ReconciliationCompleted',
          runId: 'run-1',
          agencyId: 'traffic',
          from: '1403/07/01',
          to: '1403/07/10',
          format: 'csv',
          statementSha256: 'a'.repeat(64),
          tolerance: { amountRials: '0', days: 2 },
          ledgerPosition: 90,
          outcomes: [
            {
              kind: 'matched',
              by: 'reference',
              bank: [entry('B1', '1403/07/02', '100', ['D1'])],
              expected: [credit('1403/07/01', '100')],
              difference: '0',
            },
            {
              kind: 'missing_in_bank',
              bank: [],
              expected: [credit('1403/07/01', '7', { depositId: 'D9' })],
              difference: '-7',
            },
            {
              kind: 'unexpected_in_bank',
              bank: [entry('B2', '1403/07/02', '5', ['X'])],
              expected: [],
              difference: '5',
            },
          ],
          setAside: [],
          totals: {
            matched: { count: 1, bank: '100', expected: '100' },
            amount_mismatch: { count: 0, bank: '0', expected: '0' },
            missing_in_bank: { count: 1, bank: '0', expected: '7' },
            unexpected_in_bank: { count: 1, bank: '5', expected: '0' },
          },
          completedAt: now.toISOString(),
          completedBy: 'cred-traffic',
        },
      ]);
  });

  it('the same run again decides nothing: the first run stands', () => {
    const command = reconcileStatement([entry('B1', '1403/07/02', '100', ['D1'])], []);
    const [first] = spec.given([]).when(command).events();
    spec
      .given([first!])
      .when({ ...command, now: new Date(now.getTime() + 60_000) })
      .then([]);
  });

  it('the run recorded is what its event contract says', () => {
    const [run] = spec
      .given([])
      .when(
        reconcileStatement(
          [entry('B1', '1403/07/02', '100', ['D1'])],
          [credit('1403/07/01', '90')],
        ),
      )
      .events();
    expect(ReconciliationCompleted.schema.parse(run)).toEqual(run);
  });
});

describe('matching bank credits to expected treasury credits', () => {
  it('matched by reference: the credit whose deposit id the entry names, the nearest day first', () => {
    const out = outcomesOf(
      reconcileStatement(
        [entry('B1', '1403/07/03', '100', ['D1'])],
        [credit('1403/07/01', '100'), credit('1403/07/03', '100')],
      ),
    );
    expect(out.map(brief)).toEqual([
      'matched reference B1 1403/07/03:D1 0',
      'missing_in_bank - - 1403/07/01:D1 -100',
    ]);
  });

  it('matched by reference, one-to-many: one bank credit covering several days of the same deposit id', () => {
    const out = outcomesOf(
      reconcileStatement(
        [entry('B1', '1403/07/03', '350', ['D1'])],
        [credit('1403/07/02', '100'), credit('1403/07/03', '250')],
      ),
    );
    expect(out.map(brief)).toEqual(['matched reference B1 1403/07/03:D1+1403/07/02:D1 0']);
  });

  it('amount_mismatch: a referenced credit of another amount is paired with the nearest one, with the difference', () => {
    const out = outcomesOf(
      reconcileStatement(
        [entry('B1', '1403/07/02', '4501000', ['D1'])],
        [credit('1403/07/02', '4500000')],
      ),
    );
    expect(out.map(brief)).toEqual(['amount_mismatch reference B1 1403/07/02:D1 1000']);
  });

  it('an amount tolerance lets the near amount match, the difference still shown', () => {
    const out = outcomesOf(
      reconcileStatement(
        [entry('B1', '1403/07/02', '4501000', ['D1'])],
        [credit('1403/07/02', '4500000')],
        { amountRials: '1000', days: 2 },
      ),
    );
    expect(out.map(brief)).toEqual(['matched reference B1 1403/07/02:D1 1000']);
  });

  it('matched by batch: one bank credit covering all of a settlement batch’s open credits', () => {
    const out = outcomesOf(
      reconcileStatement(
        [entry('B1', '1403/07/02', '350', ['STL-14030701'])],
        [
          credit('1403/07/01', '100', { depositId: 'D1', batchId: 'STL-14030701' }),
          credit('1403/07/01', '250', { depositId: 'D2', batchId: 'STL-14030701' }),
          credit('1403/07/02', '70', { batchId: 'STL-14030702' }),
        ],
      ),
    );
    expect(out.map(brief)).toEqual([
      'matched batch B1 1403/07/01:D1+1403/07/01:D2 0',
      'missing_in_bank - - 1403/07/02:D1 -70',
    ]);
  });

  it('amount_mismatch by batch: a batch credit of the wrong sum, against the whole batch', () => {
    const out = outcomesOf(
      reconcileStatement(
        [entry('B1', '1403/07/01', '340', ['S'])],
        [
          credit('1403/07/01', '100', { batchId: 'S' }),
          credit('1403/07/01', '250', { depositId: 'D2', batchId: 'S' }),
        ],
      ),
    );
    expect(out.map(brief)).toEqual(['amount_mismatch batch B1 1403/07/01:D1+1403/07/01:D2 -10']);
  });

  it('matched by amount and date: without a usable reference, only when exactly one open credit fits', () => {
    const out = outcomesOf(
      reconcileStatement(
        [entry('B1', '1403/07/02', '100', ['?']), entry('B2', '1403/07/10', '300', [])],
        [credit('1403/07/01', '100'), credit('1403/07/03', '100'), credit('1403/07/09', '300')],
      ),
    );
    expect(out.map(brief)).toEqual([
      'matched amount-and-date B2 1403/07/09:D1 0',
      'missing_in_bank - - 1403/07/01:D1 -100',
      'missing_in_bank - - 1403/07/03:D1 -100',
      'unexpected_in_bank - B1 - 100',
    ]);
  });

  it('missing_in_bank and unexpected_in_bank: a reference outside the date tolerance does not match; a wider tolerance lets it', () => {
    const far = [entry('B1', '1403/07/05', '100', ['D1'])];
    const expected = [credit('1403/07/01', '100')];
    expect(outcomesOf(reconcileStatement(far, expected)).map(brief)).toEqual([
      'missing_in_bank - - 1403/07/01:D1 -100',
      'unexpected_in_bank - B1 - 100',
    ]);
    expect(
      outcomesOf(reconcileStatement(far, expected, { amountRials: '0', days: 4 })).map(brief),
    ).toEqual(['matched reference B1 1403/07/01:D1 0']);
  });

  it('set aside: a camt credit not booked or not in rials is recorded apart and matches nothing', () => {
    const ntry = (ref: string, amount: string, ccy: string, sts: string) =>
      `<Ntry><NtryRef>${ref}</NtryRef><Amt Ccy="${ccy}">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd>` +
      `<Sts><Cd>${sts}</Cd></Sts><BookgDt><Dt>2024-09-23</Dt></BookgDt><AcctSvcrRef>${ref}</AcctSvcrRef>` +
      `<NtryDtls><TxDtls><RmtInf><Ustrd>D2</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`;
    const statement = parseStatement(
      'camt.053',
      `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
<GrpHdr><MsgId>M-1</MsgId><CreDtTm>2024-09-24T06:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S-1</Id>${ntry('C-1', '2500000', 'IRR', 'PDNG')}${ntry('C-2', '2500000', 'IRR', 'INFO')}${ntry('C-3', '150.25', 'EUR', 'BOOK')}</Stmt>
</BkToCstmrStmt></Document>`,
    );
    const [run] = spec
      .given([])
      .when({
        ...reconcileStatement(statement, [credit('1403/07/02', '2500000', { depositId: 'D2' })]),
        format: 'camt.053',
      })
      .events();
    expect(
      run!.setAside!.map((e) => [e.entryId, e.reason, e.status, e.currency, e.amount]),
    ).toEqual([
      ['C-1', 'not-booked', 'PDNG', 'IRR', '2500000'],
      ['C-2', 'not-booked', 'INFO', 'IRR', '2500000'],
      ['C-3', 'currency', 'BOOK', 'EUR', '150.25'],
    ]);
    expect(run!.outcomes.map(brief)).toEqual(['missing_in_bank - - 1403/07/02:D2 -2500000']);
    expect(run!.totals.unexpected_in_bank.count).toBe(0);
  });
});
