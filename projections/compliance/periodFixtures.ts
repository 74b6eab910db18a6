import type { EventStore, EventToAppend } from '../../src/shared/eventStore';
import {
  months,
  payment,
  refund,
  reversal,
  type Appender,
  type Payment,
} from '../settlement/periodFixtures';
import { reassessmentOf } from './fixtures';

const hour = 3_600_000;
const day = 24 * hour;
const over = (excess: number) => [
  { type: 'overcharge', expected: '1000000', excess: String(excess) },
];
const judged = { tariffId: 'S/v1', version: 1, resolution: '1/1405' };
const tariffV2 = { tariffId: 'S/v2', version: 2, resolution: '2/1405' };

type Recorded = EventToAppend & { payment: Payment };

/**
 * A compliance log over Shahrivar, Mehr (1405-07, the month rebuilt) and Aban 1405, appended in
 * recording order. Flagged payments (overcharges, one beside a licence violation) in every
 * month, and a flagged Mehr payment recorded two minutes before Mehr begins. Recorded in Mehr:
 * a v2 reversal and a v1 refund of flagged Shahrivar payments, a reassessment that flags an
 * unflagged Shahrivar payment, reassessments that unflag one Mehr payment and turn another's
 * overcharge into an undercharge, and refunds of Mehr payments. Recorded in Aban: a flagged
 * Mehr payment arriving late, reversals and refunds of flagged Mehr payments (both versions), a
 * reassessment that flags a Mehr payment refunded in Mehr, and a refund of a Shahrivar payment.
 * Answers the position of the early Mehr payment.
 */
export async function complianceThreeMonthLog(append: Appender): Promise<{ early: number }> {
  const revisions = new Map<string, number>();
  const add = async (at: Date, recorded: Recorded) => {
    revisions.set(recorded.payment.id, 0);
    return append(at, `payment-${recorded.payment.id}`, [recorded], 'no_stream');
  };
  const correct = async (at: Date, p: Payment, e: EventToAppend) => {
    const revision = revisions.get(p.id)!;
    revisions.set(p.id, revision + 1);
    await append(at, `payment-${p.id}`, [e], revision);
  };
  const reassess = (at: Date, r: Recorded, violations: Array<Record<string, string>>) =>
    append(
      at,
      `reassessment-${r.payment.id}`,
      [reassessmentOf(r.data, tariffV2, violations, at.toISOString())],
      'no_stream',
    );
  const tariffed = (r: Recorded) => {
    (r.data as Record<string, unknown>).tariff = judged;
    return r;
  };
  const made = (m: 0 | 1 | 2, i: number, violations: Array<Record<string, string>>) => {
    const at = new Date(months[m].start.getTime() + (i * 72 + 9) * hour);
    return { at, recorded: tariffed(payment(`C${m}-${i}`, i % 4, at, violations)) };
  };

  const shahrivar = [over(5000), [], [...over(7000), { type: 'service-not-assigned' }], over(3000)];
  const s: Recorded[] = [];
  for (const [i, violations] of shahrivar.entries()) {
    const { at, recorded } = made(0, i, violations);
    await add(at, recorded);
    s.push(recorded);
  }
  const mehrStart = months[1].start.getTime();
  const at1 = (days: number) => new Date(mehrStart + days * day);
  const earlyPayment = tariffed(
    payment('C1-early', 1, new Date(mehrStart + 2 * 60_000), over(6000)),
  );
  const { position: early } = await add(new Date(mehrStart - 2 * 60_000), earlyPayment);
  const mehr = [
    over(1000),
    [...over(2000), { type: 'license-inactive' }],
    over(3000),
    over(4000),
    over(5000),
    [],
    [],
  ];
  const m: Recorded[] = [];
  for (const [i, violations] of mehr.entries()) {
    const { at, recorded } = made(1, i, violations);
    await add(at, recorded);
    m.push(recorded);
  }
  await correct(at1(22), s[2]!.payment, reversal(s[2]!.payment, at1(22), 2));
  await correct(at1(23), s[3]!.payment, refund(s[3]!.payment, at1(23), 1));
  await reassess(at1(24), s[1]!, over(2500));
  await reassess(at1(25), m[3]!, []);
  await correct(at1(26), m[5]!.payment, refund(m[5]!.payment, at1(26), 1));
  await reassess(at1(27), m[1]!, [{ type: 'undercharge', expected: '3000000', shortfall: '9' }]);
  await correct(at1(28), m[0]!.payment, refund(m[0]!.payment, at1(28), 2));

  for (const i of [0, 1, 2]) {
    const { at, recorded } = made(2, i, i === 1 ? [] : over(800 + i));
    await add(at, recorded);
  }
  const at2 = (days: number) => new Date(months[2].start.getTime() + days * day);
  const late = tariffed(payment('C1-late', 3, at1(20), over(9000)));
  await add(at2(20), late);
  await correct(at2(21), m[2]!.payment, reversal(m[2]!.payment, at2(21), 1));
  await correct(at2(22), m[4]!.payment, refund(m[4]!.payment, at2(22), 2));
  await reassess(at2(23), m[5]!, over(1500));
  await correct(at2(24), late.payment, refund(late.payment, at2(24), 1));
  await correct(at2(25), earlyPayment.payment, reversal(earlyPayment.payment, at2(25), 2));
  await correct(at2(26), s[0]!.payment, refund(s[0]!.payment, at2(26), 2));
  return { early };
}

/** A flagged Mehr payment recorded now, for a test that appends while the month is rebuilt. */
export async function lateFlaggedMehrPayment(store: EventStore, id: string): Promise<void> {
  const e = payment(id, 2, new Date(months[1].start.getTime() + 12 * day), over(777));
  await store.append(`payment-${id}`, [e], 'no_stream');
}
