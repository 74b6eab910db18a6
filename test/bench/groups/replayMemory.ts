import { randomBytes } from 'node:crypto';
import { fixedClock } from '../../../src/shared/clock';
import { clockSpreadMs, signatureWindowMs } from '../../../src/shared/http/auth';
import { localSignatures } from '../../../src/shared/http/localMemory';
import { heapAfterGc } from '../../support/heap';
import type { BenchGroup } from '../lib/group';

const perSecond = 4000;
const checks = 200_000;

/**
 * The embedded store's gateway replay memory at a steady 4,000 signed requests a second: first
 * filled with the signatures such a stream leaves in it (each kept until its timestamp has been
 * out of the window a minute), then timed over further checks as older minutes expire, and
 * weighed in heap bytes per signature held.
 */
export const replayMemory: BenchGroup = {
  name: 'replay',
  run() {
    const clock = fixedClock('2026-12-07T08:00:00Z');
    const memory = localSignatures(clock);
    const seed = randomBytes(32);
    let n = 0;
    const next = () => {
      seed.writeUInt32BE(n++, 0);
      return seed.toString('hex');
    };
    const take = () => {
      clock.advance(1000 / perSecond);
      if (!memory.firstUse(next(), clock.now().getTime() + signatureWindowMs + clockSpreadMs))
        throw new Error('a fresh signature was taken for a replay');
    };
    const heapBefore = heapAfterGc();
    const fill = ((signatureWindowMs + clockSpreadMs) / 1000) * perSecond;
    for (let i = 0; i < fill; i++) take();
    const started = process.hrtime.bigint();
    for (let i = 0; i < checks; i++) take();
    const usPerCheck = Number(process.hrtime.bigint() - started) / 1000 / checks;
    const bytes = (heapAfterGc() - heapBefore) / memory.held;
    const conditions = `local replay memory, ${perSecond} signed requests/s of simulated time, ${memory.held} signatures held, 64-hex signatures`;
    return Promise.resolve({
      'auth.replay_check.us': { value: usPerCheck, unit: 'µs', conditions },
      'auth.replay_memory.bytes_per_signature': { value: bytes, unit: 'B', conditions },
      'auth.replay_memory.mb': { value: (bytes * memory.held) / 2 ** 20, unit: 'MB', conditions },
    });
  },
};
