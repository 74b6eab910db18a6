import { halfYear } from '../shared/jalaliPeriod';
import { officePerformance, type PerformanceFact } from './performance';
import { performanceScore, rankByProvince } from './score';

const period = halfYear(1405, 1);
const pay = (
  paymentId: string,
  officeId: string,
  province: string,
  at: string,
  amount: string,
  serviceCode = 'S-1',
  violationAmount = '0',
): PerformanceFact => ({
  kind: 'payment',
  paymentId,
  officeId,
  province,
  serviceCode,
  at,
  amount,
  flagged: violationAmount !== '0',
  violationAmount,
});

/** A fixed history; every figure expected below is computed by hand in the comments. */
const history: PerformanceFact[] = [
  pay('A0', 'OF-A', 'IR-23', '2026-03-20T20:00:00Z', '150000', 'S-1', '9999'),
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) =>
    pay(`A${n}`, 'OF-A', 'IR-23', `2026-04-0${n}T08:00:00Z`, '150000'),
  ),
  pay('A9', 'OF-A', 'IR-23', '2026-04-20T08:00:00Z', '200000', 'S-2', '50000'),
  pay('A10', 'OF-A', 'IR-23', '2026-04-21T08:00:00Z', '130000', 'S-1', '20000'),
  { kind: 'reversal', paymentId: 'A3', officeId: 'OF-A', at: '2026-04-03T08:05:00Z' },
  {
    kind: 'complaint_received',
    complaintId: 'C0',
    officeId: 'OF-A',
    province: 'IR-23',
    at: '2026-03-01T08:00:00Z',
  },
  {
    kind: 'complaint_received',
    complaintId: 'C1',
    officeId: 'OF-A',
    province: 'IR-23',
    at: '2026-04-10T08:00:00Z',
  },
  {
    kind: 'complaint_received',
    complaintId: 'C2',
    officeId: 'OF-A',
    province: 'IR-23',
    at: '2026-05-01T08:00:00Z',
  },
  {
    kind: 'office_response_requested',
    complaintId: 'C1',
    officeId: 'OF-A',
    at: '2026-04-12T08:00:00Z',
    respondBy: '2026-04-19T20:30:00Z',
  },
  { kind: 'office_responded', complaintId: 'C1', officeId: 'OF-A', at: '2026-04-22T08:00:00Z' },
  {
    kind: 'office_response_requested',
    complaintId: 'C2',
    officeId: 'OF-A',
    at: '2026-05-02T08:00:00Z',
    respondBy: '2026-05-10T20:30:00Z',
  },
  { kind: 'office_responded', complaintId: 'C2', officeId: 'OF-A', at: '2026-05-08T08:00:00Z' },
  { kind: 'complaint_upheld', complaintId: 'C1', officeId: 'OF-A', at: '2026-05-10T08:00:00Z' },

  ...[1, 2, 3, 4].map((n) => pay(`B${n}`, 'OF-B', 'IR-23', `2026-05-0${n}T08:00:00Z`, '100000')),
  {
    kind: 'office_response_requested',
    complaintId: 'C3',
    officeId: 'OF-B',
    at: '2026-06-01T08:00:00Z',
    respondBy: '2026-06-10T20:30:00Z',
  },

  pay('C1', 'OF-C', 'IR-01', '2026-05-01T08:00:00Z', '100000'),
  pay('C2', 'OF-C', 'IR-01', '2026-05-02T08:00:00Z', '100000'),
  pay('C3', 'OF-C', 'IR-01', '2026-05-03T08:00:00Z', '110000', 'S-1', '10000'),
  {
    kind: 'complaint_received',
    complaintId: 'C4',
    officeId: 'OF-C',
    province: 'IR-01',
    at: '2026-05-04T08:00:00Z',
  },
  pay('D1', 'OF-D', 'IR-01', '2026-05-01T08:00:00Z', '100000'),
  pay('D2', 'OF-D', 'IR-01', '2026-05-02T08:00:00Z', '100000'),
  pay('D3', 'OF-D', 'IR-01', '2026-05-03T08:00:00Z', '90000', 'S-1', '10000'),
  {
    kind: 'complaint_received',
    complaintId: 'C5',
    officeId: 'OF-E',
    province: 'IR-01',
    at: '2026-05-04T08:00:00Z',
  },
  { kind: 'complaint_upheld', complaintId: 'C5', officeId: 'OF-E', at: '2026-05-20T08:00:00Z' },
];

const asOf = new Date('2026-06-05T00:00:00Z');
const byOffice = (at: Date) =>
  new Map(officePerformance(history, period, at).map((o) => [o.officeId, o]));

describe('office performance over 1405-H1 from a fixed history', () => {
  it('office A: 10 payments in the period (A0 is in 1404), 1 reversed, 2 flagged, 2 complaints, 1 upheld, 1 late answer', () => {
    expect(byOffice(asOf).get('OF-A')).toEqual({
      officeId: 'OF-A',
      province: 'IR-23',
      period: '1405-H1',
      volume: 10,
      revenue: '1380000', // 8×150000 + 200000 + 130000 − 150000 (A3 reversed)
      servicesDelivered: 9,
      distinctServices: 2,
      violations: 2,
      violationRate: '0.2',
      violationAmount: '70000', // 50000 over + 20000 under
      reversals: 1,
      reversalRate: '0.1',
      complaintsReceived: 2, // C0 was filed in 1404
      complaintsUpheld: 1,
      slaBreaches: 1, // C1 answered 04-22 after its 04-19 deadline; C2 in time
    });
  });

  it('scores by the documented formula', () => {
    const p = byOffice(asOf);
    expect(performanceScore(p.get('OF-A')!)).toBe('66.00'); // 100 − 40×0.2 − 10×0.1 − min(30, 2×10) − min(20, 5×1)
    expect(performanceScore(p.get('OF-B')!)).toBe('100.00');
    expect(performanceScore(p.get('OF-C')!)).toBe('86.67'); // 100 − 40×(1/3) = 86.666…
    expect(performanceScore(p.get('OF-E')!)).toBe('70.00'); // no payments: upheldPer100 = 100, capped at 30
  });

  it('an unanswered request counts as a breach only once its deadline has passed at asOf', () => {
    expect(byOffice(asOf).get('OF-B')!.slaBreaches).toBe(0);
    const later = byOffice(new Date('2026-06-15T00:00:00Z')).get('OF-B')!;
    expect(later.slaBreaches).toBe(1);
    expect(performanceScore(later)).toBe('95.00');
  });

  it('caps the complaint and breach penalties', () => {
    expect(
      performanceScore({
        volume: 10,
        violations: 0,
        reversals: 0,
        complaintsUpheld: 9,
        slaBreaches: 7,
      }),
    ).toBe('50.00');
    expect(
      performanceScore({
        volume: 1,
        violations: 1,
        reversals: 1,
        complaintsUpheld: 1,
        slaBreaches: 4,
      }),
    ).toBe('0.00');
  });

  it('ranks per province; equal scores share a place and the next place is skipped', () => {
    const ranks = rankByProvince(officePerformance(history, period, asOf));
    expect(ranks.get('IR-23')!.map((o) => [o.officeId, o.score, o.rank])).toEqual([
      ['OF-B', '100.00', 1],
      ['OF-A', '66.00', 2],
    ]);
    expect(ranks.get('IR-01')!.map((o) => [o.officeId, o.score, o.rank])).toEqual([
      ['OF-C', '86.67', 1],
      ['OF-D', '86.67', 1],
      ['OF-E', '70.00', 3],
    ]);
  });
});
