import fc from 'fast-check';
import { intlTehranParts, tehranParts } from './jalali';

describe('the fixed-offset Tehran fast path', () => {
  it('agrees with Intl and the zone rules on every instant from 2019 to 2040', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2019-01-01T00:00:00Z'),
          max: new Date('2040-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        (at) => {
          expect(tehranParts(at)).toEqual(intlTehranParts(at));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('still follows daylight saving before it ended in 1401', () => {
    expect(tehranParts(new Date('2021-06-01T12:00:00Z'))).toMatchObject({ hour: 16, minute: 30 });
  });
});
