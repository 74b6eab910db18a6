import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { sqliteEventStore } from '../../../src/shared/eventStore';

/** The shape of the generated log, so a report can name a busy agency and month. */
export interface PaymentLog {
  payments: number;
  agencies: string[];
  /** ISO instant of the first payment; payments spread over `days` from there. */
  from: string;
  days: number;
}

const iban = (n: number) => `IR${String(100000000000000000000000n + BigInt(n)).padStart(24, '0')}`;

/**
 * Writes `count` PaymentRecorded events (the ledger's shape, ~700 bytes each) straight into a
 * fresh SQLite event store, 10,000 per transaction: 10 agencies × 5 services, 400 offices,
 * spread evenly over `days` days from 1403/07/01; every 50th payment is flagged with an
 * overcharge, every 100th is reversed the same minute. Reversals are written as today's code
 * writes them (`v2`: the payment's accounts carried) or as the first version did (`v1`: the
 * fold looks their payment up).
 */
export async function writePaymentLog(
  filename: string,
  count: number,
  days = 60,
  corrections: 'v1' | 'v2' = 'v2',
): Promise<PaymentLog> {
  await sqliteEventStore(filename).close();
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    'INSERT INTO events (stream, revision, id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const from = Date.parse('2024-09-21T20:30:00Z');
  const span = days * 86_400_000;
  const agencies = Array.from({ length: 10 }, (_, i) => `AG-${i + 1}`);
  const write = db.transaction((start: number, end: number) => {
    for (let i = start; i < end; i++) {
      const agency = i % 10;
      const office = i % 400;
      const service = `SVC-${agency + 1}-${(i % 5) + 1}`;
      const at = new Date(from + Math.floor((i * span) / count)).toISOString();
      const flagged = i % 50 === 0;
      const paymentId = `P${String(i).padStart(9, '0')}`;
      const gov = 1_500_000 + (i % 7) * 10_000;
      const data = {
        type: 'PaymentRecorded',
        paymentId,
        terminalId: `T${String(office).padStart(7, '0')}`,
        rrn: String(100000000000 + i),
        stan: String(i % 1_000_000).padStart(6, '0'),
        officeId: `OF-${office + 1}`,
        province: `IR-${String((office % 31) + 1).padStart(2, '0')}`,
        serviceCode: service,
        agencyId: agencies[agency],
        quantity: 1,
        occurrence: 1,
        transactionTime: at,
        receivedAt: at,
        trackingCode: `TRK${i}`,
        officeKind: 'urban',
        amount: String(gov + 150_000 + 13_500 + (flagged ? 20_000 : 0)),
        maskedCard: '603799******1234',
        status: flagged ? 'flagged' : 'recorded',
        violations: flagged
          ? [{ type: 'overcharge', expected: String(gov + 163_500), excess: '20000' }]
          : [],
        postings: [
          {
            kind: 'agency',
            code: 'gov',
            agencyId: agencies[agency],
            iban: iban(agency),
            depositId: `30${agency}${(i % 5) + 1}000`,
            amount: String(gov),
          },
          { kind: 'office', code: 'office', iban: iban(1000 + office), amount: '150000' },
          { kind: 'vat', code: 'vat', iban: iban(9999), amount: '13500' },
          ...(flagged ? [{ kind: 'held-for-refund', amount: '20000' }] : []),
        ],
        pricedAgainst: { tariffs: 1, catalogue: 1, licenses: 1, offices: 1, quotes: 0 },
        fingerprint: 'f'.repeat(64),
      };
      insert.run(
        `payment-${paymentId}`,
        0,
        randomUUID(),
        'PaymentRecorded',
        JSON.stringify(data),
        corrections === 'v2' ? '{"schemaVersion":1}' : '{}',
        at,
      );
      if (i % 100 === 1) {
        const reversal = {
          type: 'PaymentReversed',
          paymentId,
          terminalId: data.terminalId,
          amount: `-${data.amount}`,
          reversedAt: at,
          postings: data.postings.map((p) => ({ ...p, amount: `-${p.amount}` })),
          ...(corrections === 'v2'
            ? {
                officeId: data.officeId,
                province: data.province,
                serviceCode: data.serviceCode,
                agencyId: data.agencyId,
              }
            : {}),
        };
        insert.run(
          `payment-${paymentId}`,
          1,
          randomUUID(),
          'PaymentReversed',
          JSON.stringify(reversal),
          corrections === 'v2' ? '{"schemaVersion":2}' : '{}',
          at,
        );
      }
    }
  });
  for (let start = 0; start < count; start += 10_000) write(start, Math.min(count, start + 10_000));
  db.close();
  return { payments: count, agencies, from: new Date(from).toISOString(), days };
}
