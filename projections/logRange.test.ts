import fc from 'fast-check';
import { SharedRanges } from './logRange';

describe('SharedRanges', () => {
  it('hands out every position of (0, upTo] once, whichever thread asks when', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 700 }),
        fc.array(fc.nat(), { maxLength: 200 }),
        (upTo, threads, size, turns) => {
          const state = SharedRanges.state(threads);
          const views = Array.from({ length: threads }, () => new SharedRanges(state, upTo, size));
          const done = new Set<number>();
          const covered: number[] = [];
          const take = (t: number) => {
            const range = views[t]!.next(t);
            if (!range) {
              done.add(t);
              return;
            }
            expect(range.from).toBeLessThan(range.to);
            for (let p = range.from + 1; p <= range.to; p++) covered.push(p);
          };
          for (const turn of turns) take(turn % threads);
          for (let t = 0; done.size < threads; t = (t + 1) % threads) take(t);
          expect(covered.sort((a, b) => a - b)).toEqual(
            Array.from({ length: upTo }, (_, i) => i + 1),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives a thread its own segment front to back before it helps another from the back', () => {
    const state = SharedRanges.state(2);
    const [a, b] = [new SharedRanges(state, 100, 10), new SharedRanges(state, 100, 10)];
    expect(a.next(0)).toEqual({ from: 0, to: 10 });
    expect(b.next(1)).toEqual({ from: 50, to: 60 });
    for (let i = 1; i < 5; i++) a.next(0);
    expect(a.next(0)).toEqual({ from: 90, to: 100 });
    expect(b.next(1)).toEqual({ from: 60, to: 70 });
  });
});
