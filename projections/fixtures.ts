import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryEventStore, type EventStore } from '../src/shared/eventStore';
import { sqliteReadModelDb, type ReadModelDb } from './db';

/** A memory event store and a SQLite read-model database in a fresh temporary directory. */
export function scratchReadModels(name: string): {
  store: EventStore;
  db: ReadModelDb;
  close(): Promise<void>;
} {
  const dir = mkdtempSync(join(tmpdir(), `pishkhan-${name}-`));
  const store = memoryEventStore();
  const db = sqliteReadModelDb(join(dir, 'readmodels.sqlite'));
  return {
    store,
    db,
    async close() {
      await db.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
import { seedComplaints } from './complaints/fixtures';
import { seedReassessments } from './compliance/fixtures';
import { seedDataAccess } from './dataAccess/fixtures';
import { seedReconciliations } from './reconciliations/fixtures';
import { seedPspRuns } from './pspSettlement/fixtures';

const iban = (n: number) => `IR${String(n).padStart(24, '0')}`;

/**
 * A small ledger in the payment slice's event shapes, for projection tests: payments over
 * four Tehran days, two agencies, three offices, overcharges, a reversal, a partial refund,
 * a catalogue with deadlines, assignments and a closed settlement batch, and five complaint
 * cases in every state a case can reach.
 */
export async function seedLedger(
  store: EventStore,
  count = 60,
  options: { complaints?: boolean; reassessments?: boolean } = {},
): Promise<void> {
  await store.append(
    'service-S1',
    [
      {
        type: 'ServiceDefined',
        data: {
          type: 'ServiceDefined',
          serviceCode: 'S1',
          agencyId: 'AG1',
          nameFa: 'خدمت یک',
          nameEn: 'S1',
          conditions: '',
          customerData: 'none',
          definedAt: '2024-01-01T00:00:00Z',
        },
      },
    ],
    'no_stream',
  );
  await store.append(
    'service-S2',
    [
      {
        type: 'ServiceDefined',
        data: {
          type: 'ServiceDefined',
          serviceCode: 'S2',
          agencyId: 'AG2',
          nameFa: 'خدمت دو',
          nameEn: 'S2',
          conditions: '',
          customerData: 'none',
          definedAt: '2024-01-01T00:00:00Z',
        },
      },
    ],
    'no_stream',
  );
  const entries = [
    {
      serviceCode: 'S1',
      agencyId: 'AG1',
      conditions: '',
      availableFrom: '2024-03-20T00:00:00Z',
      offerBy: '2024-09-30T00:00:00Z',
    },
    {
      serviceCode: 'S2',
      agencyId: 'AG2',
      conditions: '',
      availableFrom: '2024-03-20T00:00:00Z',
      offerBy: '2024-09-01T00:00:00Z',
    },
    {
      serviceCode: 'S3',
      agencyId: 'AG2',
      conditions: '',
      availableFrom: '2024-03-20T00:00:00Z',
      offerBy: '2026-03-01T00:00:00Z',
    },
  ];
  await store.append(
    'catalogue-national_1403-H1',
    [
      {
        type: 'CataloguePublished',
        data: {
          type: 'CataloguePublished',
          scope: { kind: 'national' },
          period: '1403-H1',
          version: 1,
          publishedAt: '2024-03-20T00:00:00Z',
          publishedBy: 'areo',
          entries,
        },
      },
    ],
    'no_stream',
  );
  await store.append(
    'office-OF1',
    [
      {
        type: 'ServiceAssigned',
        data: {
          type: 'ServiceAssigned',
          officeId: 'OF1',
          serviceCode: 'S1',
          period: '1403-H1',
          assignedAt: '2024-08-01T00:00:00Z',
          assignedBy: 'r',
        },
      },
    ],
    'no_stream',
  );
  await store.append(
    'office-OF2',
    [
      {
        type: 'ServiceAssigned',
        data: {
          type: 'ServiceAssigned',
          officeId: 'OF2',
          serviceCode: 'S2',
          period: '1403-H1',
          assignedAt: '2024-09-10T00:00:00Z',
          assignedBy: 'r',
        },
      },
    ],
    'no_stream',
  );
  const start = Date.parse('2024-09-20T06:00:00Z');
  await store.append(
    'terminal-T1',
    [
      {
        type: 'TerminalRegistered',
        data: {
          type: 'TerminalRegistered',
          terminalId: 'T1',
          merchantId: '000000000000001',
          psp: 'PSP one',
          pspId: 'PSP1',
          officeId: 'O1',
          registeredAt: '2024-01-01T00:00:00Z',
          registeredBy: 'r',
        },
        metadata: { schemaVersion: 2 },
      },
    ],
    'no_stream',
  );
  for (let i = 0; i < count; i++) {
    const agency = i % 2 === 0 ? 'AG1' : 'AG2';
    const office = `OF${(i % 3) + 1}`;
    const gov = 1_000_000 + (i % 4) * 1000;
    const over = i % 7 === 3 ? 5000 : 0;
    const at = new Date(start + i * 97 * 60_000).toISOString();
    const paymentId = `T1-${i}`;
    const postings = [
      {
        kind: 'agency',
        code: 'gov',
        agencyId: agency,
        iban: iban(agency === 'AG1' ? 1 : 2),
        depositId: agency === 'AG1' ? '3001' : '3002',
        amount: String(gov),
      },
      { kind: 'office', code: 'office', iban: iban(100 + (i % 3)), amount: '120000' },
      { kind: 'vat', code: 'vat', amount: '12000' },
      ...(over ? [{ kind: 'held-for-refund', amount: String(over) }] : []),
    ];
    const amount = String(gov + 132_000 + over);
    const recorded = {
      type: 'PaymentRecorded',
      paymentId,
      trackingCode: String(i),
      terminalId: 'T1',
      officeId: office,
      province: i % 5 === 0 ? 'IR-01' : 'IR-23',
      officeKind: 'urban',
      rrn: String(i).padStart(12, '0'),
      stan: '000001',
      transactionTime: at,
      receivedAt: at,
      serviceCode: agency === 'AG1' ? 'S1' : 'S2',
      agencyId: agency,
      quantity: 1,
      occurrence: 1,
      amount,
      maskedCard: '603799******1234',
      status: over ? 'flagged' : 'recorded',
      violations: over
        ? [{ type: 'overcharge', expected: String(gov + 132_000), excess: String(over) }]
        : [],
      postings,
      fingerprint: 'f',
      pricedAgainst: { tariffs: 0, catalogue: 0, licenses: 0, offices: 0, quotes: 0 },
    };
    await store.append(
      `payment-${paymentId}`,
      [{ type: 'PaymentRecorded', data: recorded }],
      'no_stream',
    );
    if (i % 11 === 5) {
      await store.append(
        `payment-${paymentId}`,
        [
          {
            type: 'PaymentReversed',
            data: {
              type: 'PaymentReversed',
              paymentId,
              terminalId: 'T1',
              amount,
              reversedAt: at,
              postings: postings.map((p) => ({ ...p, amount: `-${p.amount}` })),
            },
          },
        ],
        0,
      );
    }
    if (over && i % 2 === 1) {
      const refund = postings.map((p) => ({
        ...p,
        amount: p.kind === 'held-for-refund' ? `-${over}` : '0',
      }));
      await store.append(
        `payment-${paymentId}`,
        [
          {
            type: 'PaymentRefunded',
            data: {
              type: 'PaymentRefunded',
              paymentId,
              refundId: `R${i}`,
              amount: String(over),
              reason: 'excess',
              postings: refund,
              refundedAt: new Date(start + (i + 3) * 97 * 60_000).toISOString(),
              refundedBy: 'r',
              byRole: 'regulator',
            },
          },
        ],
        0,
      );
    }
    if (i % 7 === 3 && i % 11 !== 5) {
      await store.append(
        `payment-${paymentId}`,
        [
          {
            type: 'PaymentConsumed',
            data: {
              type: 'PaymentConsumed',
              paymentId,
              deliveryReference: `D${i}`,
              amount,
              consumedAt: new Date(start + (i + 5) * 97 * 60_000).toISOString(),
              consumedBy: 'agency',
              officeId: office,
              province: i % 5 === 0 ? 'IR-01' : 'IR-23',
              serviceCode: agency === 'AG1' ? 'S1' : 'S2',
              agencyId: agency,
            },
          },
        ],
        'any',
      );
    }
  }
  if (count > 5 && (options.reassessments ?? true)) await seedReassessments(store);
  if (options.complaints ?? true) await seedComplaints(store);
  await seedDataAccess(store);
  await seedReconciliations(store);
  await seedPspRuns(store);
}

/**
 * The first seeded payment (`T1-0`) reversed on a later day: appended after a fold, its origin
 * must be looked up in its stream.
 */
export async function reverseFirstPayment(store: EventStore): Promise<void> {
  const [first] = await store.readStream('payment-T1-0');
  const data = first!.data as { postings: Array<{ amount: string }>; amount: string };
  await store.append(
    'payment-T1-0',
    [
      {
        type: 'PaymentReversed',
        data: {
          type: 'PaymentReversed',
          paymentId: 'T1-0',
          terminalId: 'T1',
          amount: data.amount,
          reversedAt: '2024-09-22T10:00:00Z',
          postings: data.postings.map((p) => ({ ...p, amount: `-${p.amount}` })),
        },
      },
    ],
    0,
  );
}
