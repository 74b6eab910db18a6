import { fixedClock } from '../clock';
import { localSignatures } from './localMemory';

const minute = 60_000;
const signatureOf = (n: number) => n.toString(16).padStart(64, '0');

describe('the signatures one node remembers', () => {
  it('refuses a signature again until its time has passed, then forgets it and frees its room', () => {
    const clock = fixedClock('2026-12-07T08:00:00Z');
    const memory = localSignatures(clock);
    const until = clock.now().getTime() + 6 * minute;
    expect(memory.firstUse(signatureOf(1), until)).toBe(true);
    expect(memory.firstUse(signatureOf(2), until + 3 * minute)).toBe(true);
    clock.set(new Date(until));
    expect(memory.firstUse(signatureOf(1), until + 6 * minute)).toBe(false);
    expect(memory.held).toBe(2);
    clock.advance(minute + 1);
    expect(memory.firstUse(signatureOf(3), clock.now().getTime() + 6 * minute)).toBe(true);
    expect(memory.held).toBe(2);
    expect(memory.firstUse(signatureOf(2), clock.now().getTime())).toBe(false);
    expect(memory.firstUse(signatureOf(1), clock.now().getTime() + 6 * minute)).toBe(true);
  });

  it('holds only what a steady stream signs within a signature’s time, however long it runs', () => {
    const clock = fixedClock('2026-12-07T08:00:00Z');
    const memory = localSignatures(clock);
    const perSecond = 50;
    const kept = 6 * minute;
    let most = 0;
    for (let n = 0; n < perSecond * 20 * 60; n++) {
      clock.advance(1000 / perSecond);
      expect(memory.firstUse(signatureOf(n), clock.now().getTime() + kept)).toBe(true);
      most = Math.max(most, memory.held);
    }
    expect(most).toBeGreaterThanOrEqual((perSecond * kept) / 1000);
    expect(most).toBeLessThanOrEqual((perSecond * (kept + minute)) / 1000 + 1);
    expect(memory.firstUse(signatureOf(perSecond * 20 * 60 - 1), clock.now().getTime())).toBe(
      false,
    );
  });
});
