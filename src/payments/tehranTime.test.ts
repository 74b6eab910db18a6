import fc from 'fast-check';
import { instant } from '../shared/jalali';
import { jalaliDateOf } from '../shared/jalaliPeriod';
import { tehranInstant, tehranJalaliDay } from './tehranTime';

describe('the fixed-offset Tehran fast path', () => {
  it('agrees with the shared Intl-based functions on every instant, before and after daylight saving ended', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }), (at) => {
        expect(tehranInstant(at)).toEqual(instant(at));
        expect(tehranJalaliDay(at)).toEqual(jalaliDateOf(at));
      }),
      { numRuns: 3000 },
    );
  });

  it('turns the Jalali day at Tehran midnight, 20:30 UTC', () => {
    expect(tehranInstant(new Date('2026-11-28T20:29:59Z')).jalali).toBe('1405/09/07 23:59');
    expect(tehranInstant(new Date('2026-11-28T20:30:00Z')).jalali).toBe('1405/09/08 00:00');
  });
});
