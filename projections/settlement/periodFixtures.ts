import Database from 'better-sqlite3';
import {
  sqliteEventStore,
  type AppendResult,
  type EventStore,
  type EventToAppend,
} from '../../src/shared/eventStore';
import { logMonth } from '../../src/shared/eventStore/logMonths';

/** The three log months of the fixture: Shahrivar, Mehr (the one rebuilt) and Aban 1405. */
export const months = [logMonth(1405, 6), logMonth(1405, 7), logMonth(1405, 8)] as const;
const hour = 3_600_000;
const iban = (n: number) => `IR${String(n).padStart(24, '0')}`;

/** Sets the instant the store records the next append at (see `threeMonthLog`). */
export type Appender = (
  at: Date,
  stream: string,
  events: EventToAppend[],
  expected: 'no_stream' | number,
) => Promise<AppendResult>;

export interface Payment {
  id: string;
  office: number;
  agency: string;
  postings: Array<Partial<Record<string, string>>>;
  amount: string;
}

/** A payment of office `OF<office>` at `at`; flagged when it carries `violations`. */
export function payment(
  id: string,
  office: number,
  at: Date,
  violations: Array<Record<string, string>> = [],
): EventToAppend & { payment: Payment } {
  const agency = office % 2 ? 'AG1' : 'AG2';
  const gov = 1_000_000 + office * 1000;
  const postings = [
    {
      kind: 'agency',
      code: 'gov',
      agencyId: agency,
      iban: iban(office % 2 ? 1 : 2),
      depositId: '3001',
      amount: String(gov),
    },
    { kind: 'office', code: 'office', iban: iban(100 + office), amount: '120000' },
    { kind: 'vat', code: 'vat', iban: iban(999), amount: '12000' },
  ];
  const amount = String(gov + 132_000);
  const iso = at.toISOString();
  return {
    payment: { id, office, agency, postings, amount },
    type: 'PaymentRecorded',
    metadata: { schemaVersion: 1 },
    data: {
      type: 'PaymentRecorded',
      paymentId: id,
      trackingCode: id,
      terminalId: `T${office}`,
      officeId: `OF${office}`,
      province: 'IR-23',
      officeKind: 'urban',
      rrn: id.padStart(12, '0'),
      stan: '000001',
      transactionTime: iso,
      receivedAt: iso,
      serviceCode: `S${office % 3}`,
      agencyId: agency,
      quantity: 1,
      occurrence: 1,
      amount,
      maskedCard: '603799******1234',
      status: violations.length ? 'flagged' : 'recorded',
      violations,
      postings,
      fingerprint: 'f',
      pricedAgainst: { tariffs: 0, catalogue: 0, licenses: 0, offices: 0, quotes: 0 },
    },
  };
}

/** The payment's accounts, as a version 2 correction carries them. */
const accounts = (p: Payment) => ({
  officeId: `OF${p.office}`,
  province: 'IR-23',
  serviceCode: `S${p.office % 3}`,
  agencyId: p.agency,
});

/** A reversal (v2 carries the payment's accounts; v1 names only the payment). */
export function reversal(p: Payment, at: Date, version: 1 | 2): EventToAppend {
  return {
    type: 'PaymentReversed',
    metadata: version === 2 ? { schemaVersion: 2 } : {},
    data: {
      type: 'PaymentReversed',
      paymentId: p.id,
      terminalId: `T${p.office}`,
      amount: `-${p.amount}`,
      reversedAt: at.toISOString(),
      postings: p.postings.map((x) => ({ ...x, amount: `-${x.amount}` })),
      ...(version === 2 && accounts(p)),
    },
  };
}

/** A refund of the office's fee (v1 or v2, as for reversals). */
export function refund(p: Payment, at: Date, version: 1 | 2): EventToAppend {
  return {
    type: 'PaymentRefunded',
    metadata: version === 2 ? { schemaVersion: 2 } : {},
    data: {
      type: 'PaymentRefunded',
      paymentId: p.id,
      refundId: `R-${p.id}`,
      amount: '-120000',
      reason: 'excess',
      postings: p.postings.map((x) => ({ ...x, amount: x.kind === 'office' ? '-120000' : '0' })),
      refundedAt: at.toISOString(),
      refundedBy: 'r',
      byRole: 'regulator',
      ...(version === 2 && accounts(p)),
    },
  };
}

function batch(day: string, at: Date): EventToAppend {
  return {
    type: 'SettlementBatchClosed',
    data: {
      type: 'SettlementBatchClosed',
      batchId: `STL-${day.replaceAll('/', '')}`,
      day,
      cutoff: '00:00',
      ledgerPosition: 1,
      debtor: { name: 'treasury', iban: iban(7) },
      instructions: [],
      notPaidOut: [],
      total: '0',
      contentSha256: 'a'.repeat(64),
      closedAt: at.toISOString(),
      closedBy: 'r',
    },
  };
}

/**
 * A settlement log over three Jalali months, each recorded in its own month, with Mehr's
 * (1405-07) late arrivals recorded at the end of Aban: a store-and-forward payment, a v1 reversal and a v1
 * refund of Mehr payments dated in Mehr, a v2 refund of a Mehr payment dated in Aban (an Aban
 * row), and Mehr's closed batch. One Mehr payment is recorded two minutes before Mehr begins
 * (a terminal clock ahead of ours). Answers the position of that early event.
 */
export async function threeMonthLog(append: Appender): Promise<{ early: number }> {
  const made: Payment[][] = [[], [], []];
  let early = 0;
  for (const [m, month] of months.entries()) {
    const t0 = month.start.getTime();
    if (m === 1) {
      const at = new Date(t0 + 2 * 60_000);
      const e = payment('early', 1, at);
      early = (await append(new Date(t0 - 2 * 60_000), 'payment-early', [e], 'no_stream')).position;
      made[m]!.push(e.payment);
    }
    for (let i = 0; i < 12; i++) {
      const at = new Date(t0 + (i * 48 + 9) * hour);
      const e = payment(`M${m}-${i}`, i % 4, at);
      await append(at, `payment-${e.payment.id}`, [e], 'no_stream');
      made[m]!.push(e.payment);
      if (i % 5 === 2) await append(at, `payment-${e.payment.id}`, [reversal(e.payment, at, 2)], 0);
    }
  }
  const aban = months[2].start.getTime();
  const mehr = made[1]!;
  const later = (days: number) => new Date(aban + (23 + days) * 24 * hour);
  const late = payment('late', 3, new Date(months[1].start.getTime() + 20 * 24 * hour));
  await append(later(0), 'payment-late', [late], 'no_stream');
  const mehrDay = new Date(months[1].start.getTime() + 25 * 24 * hour);
  await append(later(1), `payment-${mehr[4]!.id}`, [reversal(mehr[4]!, mehrDay, 1)], 0);
  await append(later(2), `payment-${mehr[5]!.id}`, [refund(mehr[5]!, mehrDay, 1)], 0);
  const abanDay = later(3);
  await append(abanDay, `payment-${mehr[6]!.id}`, [refund(mehr[6]!, abanDay, 2)], 0);
  await append(later(4), 'settlement-14050710', [batch('1405/07/10', abanDay)], 'no_stream');
  return { early };
}

/** A late Mehr payment recorded now, for a test that appends while a period is being rebuilt. */
export async function lateMehrPayment(store: EventStore, id: string): Promise<void> {
  const e = payment(id, 2, new Date(months[1].start.getTime() + 12 * 24 * hour));
  await store.append(`payment-${id}`, [e], 'no_stream');
}

/**
 * Appends to an SQLite event store and, once `written` is called (the store closed), sets each
 * event's recording instant to the one its append named: the adapter records the wall clock.
 */
export function sqliteAppender(file: string): { append: Appender; written(): Promise<void> } {
  const store = sqliteEventStore(file);
  const instants: Array<[string, number]> = [];
  return {
    async append(at, stream, events, expected) {
      const r = await store.append(stream, events, expected);
      instants.push([at.toISOString(), r.position]);
      return r;
    },
    async written() {
      await store.close();
      const raw = new Database(file);
      const set = raw.prepare('UPDATE events SET recorded_at = ? WHERE position = ?');
      raw.transaction(() => instants.forEach((row) => set.run(...row)))();
      raw.close();
    },
  };
}
