import type { EventStore } from '../shared/eventStore';
import { keyedModel, type Snapshot } from '../shared/keyedFold';
import { officeChose, pspFold, type PspRecord } from './psp';

/**
 * The registered PSPs (پرداخت‌یارها) and the offices that chose each, in memory: bounded by
 * PSPs and offices, started from the `psps` projection's rows and kept current by subscription.
 */
export function pspRegistry(store: EventStore, snapshot?: Snapshot<PspRecord>) {
  const { records, following } = keyedModel(store, pspFold, snapshot ? { snapshot } : {});
  return {
    get: (pspId: string) => records.get(pspId),
    list: () => [...records.values()],
    /** Whether the office has chosen the PSP, so the PSP may register terminals for it. */
    chosenBy: (pspId: string, officeId: string) => {
      const psp = records.get(pspId);
      return psp !== undefined && officeChose(psp, officeId);
    },
    get position() {
      return following.position;
    },
    ensure: (position: number) => following.ensure(position),
    ready: following.ready,
    stop: () => following.stop(),
  };
}

export type PspRegistry = ReturnType<typeof pspRegistry>;
