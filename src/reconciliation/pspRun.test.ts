import { deciderSpec } from '../../test/support/deciderSpec';
import { ValidationError } from '../shared/errors';
import { parsePspFile } from './pspFile';
import { PspSettlementReconciled, type PspExpectedCredit, type PspOutcome } from './pspRun';
import { pspSettlementRunDecider, type ReconcilePspFile } from './pspRun.decide';

const spec = deciderSpec(pspSettlementRunDecider);
const now = new Date('2026-11-30T08:00:00Z');
const treasury = 'IR430120000000000000000001';
const office = 'IR160120000000000000000002';
const vat = 'IR860120000000000000000003';
const stranger = 'IR920170000000000000000004';
const header = 'terminal_id,rrn,iban,amount,settlement_date';

const expectedOf = (
  rrn: string,
  kind: PspExpectedCredit['kind'],
  iban: string,
  amount: string,
): PspExpectedCredit => ({
  paymentId: `T1-${rrn}`,
  terminalId: 'T1',
  rrn,
  kind,
  beneficiaryId: kind === 'agency' ? 'traffic' : kind === 'office' ? 'OF-1' : 'vat',
  iban,
  amount,
  agencyId: 'traffic',
});

/** Payment 1 is paid right; payment 2 short to the agency, its office share to a stranger; payment 3 lacks VAT; one credit for an unknown payment. */
const file = [
  header,
  `T1,000000000001,${treasury},1000,1405/09/09`,
  `T1,000000000001,${office},200,2026-11-30`,
  `T1,000000000002,${treasury},900,1405/09/09`,
  `T1,000000000002,${stranger},200,1405/09/09`,
  `T1,000000000003,${treasury},1000,1405/09/09`,
  `T1,000000000009,${office},50,1405/09/09`,
].join('\n');
const expected = [
  expectedOf('000000000001', 'agency', treasury, '1000'),
  expectedOf('000000000001', 'office', office, '200'),
  expectedOf('000000000002', 'agency', treasury, '1000'),
  expectedOf('000000000002', 'office', office, '200'),
  expectedOf('000000000003', 'agency', treasury, '1000'),
  expectedOf('000000000003', 'vat', vat, '18'),
];

const command = (content = file): ReconcilePspFile => ({
  type: 'ReconcilePspFile',
  runId: 'run-1',
  from: '1405/09/08',
  to: '1405/09/08',
  fileSha256: 'f'.repeat(64),
  credits: parsePspFile(content),
  expected: { ledgerPosition: 42, credits: expected },
  accounts: [
    { iban: treasury, kind: 'agency', beneficiaryId: 'traffic' },
    { iban: office, kind: 'office', beneficiaryId: 'OF-1' },
  ],
  now,
  actor: 'cred-regulator',
});

const brief = (o: PspOutcome) =>
  [o.kind, o.rrn, o.file?.iban ?? '-', o.expected?.iban ?? '-', o.difference].join(' ');

describe('reading a PSP settlement file (فایل تسویه پرداخت‌یار)', () => {
  it('reads each credit with its line, Persian digits and either calendar', () => {
    const fa = (text: string) => text.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    const persian = `${header}\nT1,${fa('000000000001')},${fa(treasury)},${fa('1000')},${fa('1405/09/09')}\n\nT1,000000000002,${office},"1,200",2026-11-30\n`;
    expect(parsePspFile(persian)).toEqual([
      {
        line: 2,
        terminalId: 'T1',
        rrn: '000000000001',
        iban: treasury,
        amount: '1000',
        settledOn: '1405/09/09',
      },
      {
        line: 4,
        terminalId: 'T1',
        rrn: '000000000002',
        iban: office,
        amount: '1200',
        settledOn: '1405/09/09',
      },
    ]);
  });

  it.each([
    ['a header other than the documented one', 'terminal,rrn,iban,amount,date\nT1,1,2,3,4', 1],
    [
      'a Sheba that fails its check',
      `${header}\nT1,000000000001,IR430120000000000000000009,1,1405/09/09`,
      2,
    ],
    [
      'a negative amount',
      `${header}\nT1,000000000001,${office},1,1405/09/09\nT1,000000000001,${office},-5,1405/09/09`,
      3,
    ],
    ['a date that is none', `${header}\nT1,000000000001,${office},5,2026-02-30`, 2],
    ['an RRN of the wrong length', `${header}\nT1,123,${office},5,1405/09/09`, 2],
    ['a row with a column too many', `${header}\nT1,000000000001,${office},5,1405/09/09,x`, 2],
    ['an unclosed quote', `${header}\nT1,"000000000001,${office},5,1405/09/09`, 2],
  ])('refuses %s, naming the line', (_what, content, line) => {
    let error: unknown;
    try {
      parsePspFile(content);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems[0]!.path).toBe(`content.line.${line}`);
    expect((error as ValidationError).message).toContain(`line ${line}`);
  });

  it('refuses a file with a header and no rows', () => {
    expect(() => parsePspFile(`${header}\n`)).toThrow(/no rows/);
  });
});

describe('reconciling a PSP settlement file against the ledger’s splits', () => {
  it('gives every credit of the file and every expected credit one outcome', () => {
    const [run] = spec.given([]).when(command()).events();
    expect(run!.outcomes.map(brief)).toEqual([
      `matched 000000000001 ${treasury} ${treasury} 0`,
      `matched 000000000001 ${office} ${office} 0`,
      `amount_mismatch 000000000002 ${treasury} ${treasury} -100`,
      `iban_mismatch 000000000002 ${stranger} ${office} 0`,
      `matched 000000000003 ${treasury} ${treasury} 0`,
      `unexpected_in_file 000000000009 ${office} - 50`,
      `missing_in_file 000000000003 - ${vat} -18`,
    ]);
    expect(run!.outcomes[5]!.creditedAccount).toEqual({
      iban: office,
      kind: 'office',
      beneficiaryId: 'OF-1',
    });
    expect(run!.outcomes[2]!.agencyIds).toEqual(['traffic']);
    expect(run!.outcomes[5]!.agencyIds).toEqual([]);
  });

  it('totals each beneficiary account and the run, to the rial', () => {
    const [run] = spec.given([]).when(command()).events();
    const counts = (o: Partial<Record<string, number>>) => ({
      matched: 0,
      amount_mismatch: 0,
      iban_mismatch: 0,
      missing_in_file: 0,
      unexpected_in_file: 0,
      ...o,
    });
    expect(run!.totals).toEqual({
      expected: '3418',
      credited: '3350',
      difference: '-68',
      outcomes: counts({
        matched: 3,
        amount_mismatch: 1,
        iban_mismatch: 1,
        missing_in_file: 1,
        unexpected_in_file: 1,
      }),
    });
    expect(run!.beneficiaries).toEqual([
      {
        iban: office,
        kind: 'office',
        beneficiaryId: 'OF-1',
        expected: '400',
        credited: '250',
        difference: '-150',
        outcomes: counts({ matched: 1, iban_mismatch: 1, unexpected_in_file: 1 }),
      },
      {
        iban: treasury,
        kind: 'agency',
        beneficiaryId: 'traffic',
        expected: '3000',
        credited: '2900',
        difference: '-100',
        outcomes: counts({ matched: 2, amount_mismatch: 1 }),
      },
      {
        iban: vat,
        kind: 'vat',
        beneficiaryId: 'vat',
        expected: '18',
        credited: '0',
        difference: '-18',
        outcomes: counts({ missing_in_file: 1 }),
      },
      {
        iban: stranger,
        expected: '0',
        credited: '200',
        difference: '200',
        outcomes: counts({ iban_mismatch: 1 }),
      },
    ]);
    expect(PspSettlementReconciled.schema.parse(run)).toEqual(run);
    expect(run).toMatchObject({ settledOn: ['1405/09/09'], rows: 6, ledgerPosition: 42 });
  });

  it('the same credit twice: the second is unexpected', () => {
    const twice = `${header}\nT1,000000000001,${treasury},1000,1405/09/09\nT1,000000000001,${treasury},1000,1405/09/09`;
    const [run] = spec.given([]).when(command(twice)).events();
    expect(run!.outcomes.map((o) => o.kind).slice(0, 2)).toEqual(['matched', 'unexpected_in_file']);
  });

  it('a run already recorded decides nothing', () => {
    const [first] = spec.given([]).when(command()).events();
    spec
      .given([first!])
      .when({ ...command(), now: new Date(now.getTime() + 60_000) })
      .then([]);
  });
});
