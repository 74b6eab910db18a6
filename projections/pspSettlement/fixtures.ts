import type { EventStore } from '../../src/shared/eventStore';

const counts = (o: Record<string, number>) => ({
  matched: 0,
  amount_mismatch: 0,
  iban_mismatch: 0,
  missing_in_file: 0,
  unexpected_in_file: 0,
  ...o,
});

/** Three PSP settlement runs, each with a match for agency AG1 and a wrong-IBAN credit, for the projection's tests. */
export async function seedPspRuns(store: EventStore): Promise<void> {
  for (const n of [1, 2, 3]) {
    const runId = String(n).repeat(32);
    const expected = (amount: string) => ({
      paymentId: `T1-${n}`,
      terminalId: 'T1',
      rrn: `00000000000${n}`,
      kind: 'agency' as const,
      beneficiaryId: 'AG1',
      iban: `IR${'1'.repeat(24)}`,
      amount,
      agencyId: 'AG1',
    });
    const file = (line: number, iban: string, amount: string) => ({
      line,
      terminalId: 'T1',
      rrn: `00000000000${n}`,
      iban,
      amount,
      settledOn: '1403/07/02',
    });
    await store.append(
      `pspsettlement-${runId}`,
      [
        {
          type: 'PspSettlementReconciled',
          metadata: { schemaVersion: 1 },
          data: {
            type: 'PspSettlementReconciled',
            runId,
            from: '1403/07/01',
            to: '1403/07/01',
            fileSha256: 'f'.repeat(64),
            settledOn: ['1403/07/02'],
            ledgerPosition: n,
            rows: 2,
            outcomes: [
              {
                kind: 'matched',
                terminalId: 'T1',
                rrn: `00000000000${n}`,
                file: file(2, `IR${'1'.repeat(24)}`, '100'),
                expected: expected('100'),
                agencyIds: ['AG1'],
                difference: '0',
              },
              {
                kind: 'iban_mismatch',
                terminalId: 'T1',
                rrn: `00000000000${n}`,
                file: file(3, `IR${'2'.repeat(24)}`, '10'),
                expected: { ...expected('10'), kind: 'office', beneficiaryId: 'OF1' },
                agencyIds: [],
                difference: '0',
              },
            ],
            beneficiaries: [],
            totals: {
              expected: '110',
              credited: '110',
              difference: '0',
              outcomes: counts({ matched: 1, iban_mismatch: 1 }),
            },
            completedAt: '2024-09-23T08:00:00.000Z',
            completedBy: 'regulator',
          },
        },
      ],
      'no_stream',
    );
  }
}
