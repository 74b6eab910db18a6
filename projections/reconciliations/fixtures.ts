import type { EventStore } from '../../src/shared/eventStore';

const none = { count: 0, bank: '0', expected: '0' };

/** Three reconciliation runs of agency AG1, one matched and two short by 1,000 rials, recorded as the slice records them. */
export async function seedReconciliations(store: EventStore): Promise<void> {
  const runs = [
    { runId: 'RUN-1', from: '1403/06/30', to: '1403/06/31', difference: '0', bank: '2000000' },
    { runId: 'RUN-2', from: '1403/07/01', to: '1403/07/01', difference: '-1000', bank: '999000' },
    { runId: 'RUN-3', from: '1403/07/01', to: '1403/07/01', difference: '-1000', bank: '999000' },
  ];
  for (const [i, r] of runs.entries()) {
    const expected = String(BigInt(r.bank) - BigInt(r.difference));
    const kind = r.difference === '0' ? 'matched' : 'amount_mismatch';
    await store.append(
      `reconciliation-${r.runId}`,
      [
        {
          type: 'ReconciliationCompleted',
          data: {
            type: 'ReconciliationCompleted',
            runId: r.runId,
            agencyId: 'AG1',
            from: r.from,
            to: r.to,
            format: 'csv',
            statementSha256: `${i}`.repeat(64),
            tolerance: { amountRials: '0', days: 2 },
            ledgerPosition: 10 + i,
            outcomes: [
              {
                kind,
                by: 'reference',
                bank: [{ entryId: `B${i}`, day: r.to, amount: r.bank, references: ['3001'] }],
                expected: [
                  {
                    day: r.to,
                    iban: `IR${'1'.padStart(24, '0')}`,
                    depositId: '3001',
                    amount: expected,
                  },
                ],
                difference: r.difference,
              },
            ],
            totals: {
              matched: kind === 'matched' ? { count: 1, bank: r.bank, expected } : none,
              amount_mismatch:
                kind === 'amount_mismatch' ? { count: 1, bank: r.bank, expected } : none,
              missing_in_bank: none,
              unexpected_in_bank: none,
            },
            completedAt: `2024-09-2${3 + i}T08:00:00.000Z`,
            completedBy: 'credential-ag1',
          },
        },
      ],
      'no_stream',
    );
  }
}
