import { businessDayStart, businessDays } from './businessDay';

describe('business day (روز کاری) in Asia/Tehran with a cut-off', () => {
  it('without a cut-off, the Jalali day of the payment in Tehran', () => {
    const day = businessDays(0);
    expect(day('2024-09-22T20:29:59Z')).toBe('1403/07/01');
    expect(day('2024-09-22T20:30:00Z')).toBe('1403/07/02');
    expect(businessDayStart('1403/07/02', 0).toISOString()).toBe('2024-09-22T20:30:00.000Z');
  });

  it('from the cut-off on, a payment belongs to the next business day, in or out of time order', () => {
    const day = businessDays(18 * 60);
    expect(day('2024-09-23T14:29:00Z')).toBe('1403/07/02');
    expect(day('2024-09-23T14:30:00Z')).toBe('1403/07/03');
    expect(day('2024-09-22T14:29:59Z')).toBe('1403/07/01');
    expect(day('2024-09-23T14:31:00Z')).toBe('1403/07/03');
    expect(businessDayStart('1403/07/03', 18 * 60).toISOString()).toBe('2024-09-23T14:30:00.000Z');
  });

  it('across the Nowruz year change', () => {
    expect(businessDays(0)('2025-03-20T20:30:00Z')).toBe('1404/01/01');
  });
});
