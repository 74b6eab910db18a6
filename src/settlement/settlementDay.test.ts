import { deciderSpec } from '../../test/support/deciderSpec';
import { canonicalJson, sha256 } from '../../projections/digest';
import { IllegalStateError } from '../shared/errors';
import { SettlementBatchClosed } from './settlementDay';
import {
  settlementDayDecider,
  type CloseSettlementDay,
  type DayAccount,
} from './settlementDay.decide';

const spec = deciderSpec(settlementDayDecider);
const debtorIban = 'IR820540102680020817909002';
const vatIban = 'IR060100000000401234567890';
const agencyIban = 'IR550170000000111111111111';
const officeIban = 'IR550170000000222222222222';
const endsAt = new Date('2026-11-28T20:30:00Z');
const now = new Date('2026-11-29T08:00:00Z');

const account = (
  kind: string,
  beneficiaryId: string,
  iban: string,
  net: bigint,
  extra: Partial<DayAccount> = {},
): DayAccount => ({ kind, beneficiaryId, iban, depositId: '', net, payments: 4, ...extra });
const agency = account('agency', 'traffic', agencyIban, 6_000_000n, {
  depositId: '300000000000123',
});
const office = account('office', 'OF-A', officeIban, 600_000n);
const vat = account('vat', '', '', 80_268n);

const close = (overrides: Partial<CloseSettlementDay> = {}): CloseSettlementDay => ({
  type: 'CloseSettlementDay',
  day: '1405/09/07',
  endsAt,
  cutoff: '00:00',
  debtor: { name: 'Shaparak settlement', iban: debtorIban },
  vatIban,
  now,
  actor: 'cred-regulator',
  ledgerPosition: 412,
  accounts: [agency, office, vat],
  agreement: {
    agrees: true,
    position: 412,
    ledger: { payments: 4, postings: 12, gross: '6680268' },
    settlement: { postings: 12, gross: '6680268' },
  },
  ...overrides,
});

const instructions = [
  {
    endToEndId: 'STL-14050907-00001',
    kind: 'agency',
    beneficiaryId: 'traffic',
    iban: agencyIban,
    depositId: '300000000000123',
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
    kind: 'vat',
    beneficiaryId: '',
    iban: vatIban,
    depositId: '',
    amount: '80268',
    payments: 4,
  },
] as const;

const closed: SettlementBatchClosed = {
  type: 'SettlementBatchClosed',
  batchId: 'STL-14050907',
  day: '1405/09/07',
  cutoff: '00:00',
  ledgerPosition: 412,
  debtor: { name: 'Shaparak settlement', iban: debtorIban },
  instructions: [...instructions],
  notPaidOut: [],
  total: '6680268',
  contentSha256: sha256(
    canonicalJson({
      batchId: 'STL-14050907',
      day: '1405/09/07',
      ledgerPosition: 412,
      instructions,
    }),
  ),
  closedAt: now.toISOString(),
  closedBy: 'cred-regulator',
};

describe('closing a settlement day (بستن روز تسویه)', () => {
  it('an open day that is over closes into one payout instruction per paid account, VAT to the VAT account', () => {
    spec.given([]).when(close()).then([closed]);
  });

  it('a day closes once: closing it again is refused', () => {
    spec
      .given([closed])
      .when(close())
      .thenThrows(IllegalStateError, /1405\/09\/07 is already closed/);
  });

  it('accounts held for refund, with a negative net or without a Sheba are listed as not paid out, with why; empty ones are left out', () => {
    const [batch] = spec
      .given([])
      .when(
        close({
          accounts: [
            account('agency', 'traffic', agencyIban, 0n),
            account('held-for-refund', '', '', 300_000n),
            account('unallocated', '', '', 0n),
            account('office', 'OF-A', officeIban, -150_000n),
            account('office', 'OF-B', '', 90_000n),
            account('technical', 'pages', 'IR550170000000333333333333', 2_500n, { payments: 1 }),
          ],
        }),
      )
      .events();
    expect(batch!.instructions).toEqual([
      {
        endToEndId: 'STL-14050907-00001',
        kind: 'technical',
        beneficiaryId: 'pages',
        iban: 'IR550170000000333333333333',
        depositId: '',
        amount: '2500',
        payments: 1,
      },
    ]);
    expect(batch!.notPaidOut).toEqual([
      {
        kind: 'held-for-refund',
        beneficiaryId: '',
        iban: '',
        depositId: '',
        net: '300000',
        reason: 'held',
      },
      {
        kind: 'office',
        beneficiaryId: 'OF-A',
        iban: officeIban,
        depositId: '',
        net: '-150000',
        reason: 'negative-net',
      },
      {
        kind: 'office',
        beneficiaryId: 'OF-B',
        iban: '',
        depositId: '',
        net: '90000',
        reason: 'no-iban',
      },
    ]);
    expect(batch!.total).toBe('2500');
  });

  it('a day with VAT owed and no VAT account configured is refused, naming VAT_IBAN', () => {
    spec
      .given([])
      .when(close({ vatIban: undefined }))
      .thenThrows(IllegalStateError, /80268 rials of VAT .*VAT_IBAN/);
  });

  it('a day without VAT closes without a VAT account', () => {
    const [batch] = spec
      .given([])
      .when(close({ vatIban: undefined, accounts: [agency, office] }))
      .events();
    expect(batch!.instructions.map((i) => i.kind)).toEqual(['agency', 'office']);
  });

  it('without a debtor account nothing is closed', () => {
    spec
      .given([])
      .when(close({ debtor: { name: 'Shaparak settlement' } }))
      .thenThrows(IllegalStateError, /SETTLEMENT_DEBTOR_IBAN/);
  });

  it('a day that is not over yet is refused', () => {
    spec
      .given([])
      .when(close({ now: new Date(endsAt.getTime() - 1) }))
      .thenThrows(IllegalStateError, /not over until 2026-11-28T20:30:00.000Z/);
  });

  it('a day whose settlement lines disagree with the ledger is not paid out', () => {
    const agreement = {
      agrees: false,
      position: 412,
      ledger: { payments: 4, postings: 12, gross: '6680268' },
      settlement: { postings: 11, gross: '6679268' },
    };
    spec
      .given([])
      .when(close({ agreement }))
      .thenThrows(
        IllegalStateError,
        /does not agree with the ledger: .* 11 postings and 6679268 rials/,
      );
  });

  it('the batch recorded is what its event contract says', () => {
    const [batch] = spec.given([]).when(close()).events();
    expect(SettlementBatchClosed.schema.parse(batch)).toEqual(batch);
  });

  it('the same accounts give the same instructions and digest', () => {
    const first = spec.given([]).when(close()).events();
    const again = spec
      .given([])
      .when(close({ now: new Date(now.getTime() + 60_000) }))
      .events();
    expect(again[0]!.contentSha256).toBe(first[0]!.contentSha256);
  });
});
