import {
  pspOutcomeKinds,
  type PspAccount,
  type PspBeneficiaryTotals,
  type PspExpectedCredit,
  type PspFileCredit,
  type PspOutcome,
  type PspOutcomeKind,
  type PspSettlementReconciled,
} from '../../contracts/events/pspSettlement';

const keyOf = (x: { terminalId: string; rrn: string }) => `${x.terminalId}|${x.rrn}`;

const zeroCounts = () =>
  Object.fromEntries(pspOutcomeKinds.map((k) => [k, 0])) as Record<PspOutcomeKind, number>;

function outcome(
  kind: PspOutcomeKind,
  file: PspFileCredit | undefined,
  expected: PspExpectedCredit | undefined,
  accounts: ReadonlyMap<string, PspAccount>,
): PspOutcome {
  const credited = file && file.iban !== expected?.iban ? accounts.get(file.iban) : undefined;
  const agencyIds = [
    ...new Set([
      ...(expected?.kind === 'agency' ? [expected.beneficiaryId] : []),
      ...(credited?.kind === 'agency' ? [credited.beneficiaryId] : []),
    ]),
  ];
  const at = (file ?? expected)!;
  return {
    kind,
    terminalId: at.terminalId,
    rrn: at.rrn,
    ...(file ? { file } : {}),
    ...(expected ? { expected } : {}),
    ...(credited ? { creditedAccount: credited } : {}),
    agencyIds,
    difference: (BigInt(file?.amount ?? '0') - BigInt(expected?.amount ?? '0')).toString(),
  };
}

/**
 * Matches a PSP's settlement credits to the credits the ledger's splits expect (تطبیق تسهیم),
 * payment by payment (terminal and RRN). Within one payment, in file order: a credit to an
 * expected IBAN with its amount is matched; then one to an expected IBAN with another amount
 * is an amount mismatch; then one of an expected amount to an IBAN the ledger does not name
 * for that payment is an IBAN mismatch (the money went to another account). Credits left are
 * unexpected; expected credits left are missing. `accounts` names the owners of IBANs the
 * ledger knows, for credits it expected nothing of.
 */
export function matchPspCredits(
  file: readonly PspFileCredit[],
  expected: readonly PspExpectedCredit[],
  accounts: ReadonlyMap<string, PspAccount>,
): PspOutcome[] {
  const open = new Map<string, PspExpectedCredit[]>();
  for (const e of expected) open.set(keyOf(e), [...(open.get(keyOf(e)) ?? []), e]);
  const byPayment = new Map<string, PspFileCredit[]>();
  for (const f of file) byPayment.set(keyOf(f), [...(byPayment.get(keyOf(f)) ?? []), f]);
  const decided = new Map<PspFileCredit, PspOutcome>();
  const missing: PspOutcome[] = [];
  for (const [key, credits] of byPayment) {
    const left = open.get(key) ?? [];
    const passes: Array<[PspOutcomeKind, (f: PspFileCredit, e: PspExpectedCredit) => boolean]> = [
      ['matched', (f, e) => f.iban === e.iban && f.amount === e.amount],
      ['amount_mismatch', (f, e) => f.iban === e.iban],
      ['iban_mismatch', (f, e) => f.amount === e.amount],
    ];
    for (const [kind, fits] of passes) {
      for (const f of credits) {
        if (decided.has(f)) continue;
        const i = left.findIndex((e) => fits(f, e));
        if (i < 0) continue;
        decided.set(f, outcome(kind, f, left.splice(i, 1)[0], accounts));
      }
    }
    open.set(key, left);
  }
  for (const left of open.values())
    for (const e of left) missing.push(outcome('missing_in_file', undefined, e, accounts));
  return [
    ...file.map((f) => decided.get(f) ?? outcome('unexpected_in_file', f, undefined, accounts)),
    ...missing,
  ];
}

/**
 * Rials expected and credited, and outcomes by kind, per beneficiary account (IBAN and whose it
 * is, as the ledger names it; an IBAN the ledger knows nothing of stands alone); and for the run.
 */
export function pspTotals(outcomes: readonly PspOutcome[]): {
  beneficiaries: PspBeneficiaryTotals[];
  totals: PspSettlementReconciled['totals'];
} {
  interface Sum {
    iban: string;
    account?: Pick<PspAccount, 'kind' | 'beneficiaryId'>;
    expected: bigint;
    credited: bigint;
    outcomes: Record<PspOutcomeKind, number>;
  }
  const by = new Map<string, Sum>();
  const sumOf = (iban: string, account: Pick<PspAccount, 'kind' | 'beneficiaryId'> | undefined) => {
    const key = [iban, account?.kind ?? '', account?.beneficiaryId ?? ''].join('|');
    let s = by.get(key);
    if (!s) {
      s = { iban, expected: 0n, credited: 0n, outcomes: zeroCounts() };
      if (account) s.account = { kind: account.kind, beneficiaryId: account.beneficiaryId };
      by.set(key, s);
    }
    return s;
  };
  const all: Sum = { iban: '', expected: 0n, credited: 0n, outcomes: zeroCounts() };
  for (const o of outcomes) {
    all.outcomes[o.kind] += 1;
    const touched = new Set<Sum>();
    if (o.expected) {
      const s = sumOf(o.expected.iban, o.expected);
      s.expected += BigInt(o.expected.amount);
      all.expected += BigInt(o.expected.amount);
      touched.add(s);
    }
    if (o.file) {
      const s =
        o.expected && o.file.iban === o.expected.iban
          ? sumOf(o.expected.iban, o.expected)
          : sumOf(o.file.iban, o.creditedAccount);
      s.credited += BigInt(o.file.amount);
      all.credited += BigInt(o.file.amount);
      touched.add(s);
    }
    for (const s of touched) s.outcomes[o.kind] += 1;
  }
  const view = (s: Sum) => ({
    expected: s.expected.toString(),
    credited: s.credited.toString(),
    difference: (s.credited - s.expected).toString(),
    outcomes: s.outcomes,
  });
  return {
    beneficiaries: [...by.keys()]
      .sort()
      .map((key) => by.get(key)!)
      .map((s) => ({ iban: s.iban, ...(s.account ?? {}), ...view(s) })),
    totals: view(all),
  };
}
