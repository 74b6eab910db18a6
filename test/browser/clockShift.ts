/**
 * Preloaded into a test server (`node --import tsx --import ./test/browser/clockShift.ts`):
 * its clock reads `PISHKHAN_TEST_CLOCK_SHIFT_MS` later (earlier when negative) than the
 * machine's, so a demo world can be seeded on a day that is over by the time the test runs.
 */
const shift = Number(process.env.PISHKHAN_TEST_CLOCK_SHIFT_MS ?? '0');

if (shift !== 0) {
  const Real = Date;
  class ShiftedDate extends Real {
    constructor(...args: [] | ConstructorParameters<DateConstructor>) {
      if (args.length === 0) super(Real.now() + shift);
      else super(...args);
    }
    static override now() {
      return Real.now() + shift;
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor;
}
