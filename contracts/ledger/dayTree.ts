import { leafText, writeLeaf, type LeafEvent, type StoredLeafEvent } from './canonical';
import { treeHead } from './merkle';

/**
 * The tree head of a run of events in log order, each leaf hashed as it is added (`leafBytes`):
 * from the store's bytes written straight into the hashing buffer when it kept them, else from
 * the leaf's text. What a seal and `ledger verify` compute over a day.
 */
export function eventTree() {
  const head = treeHead();
  return {
    add(e: LeafEvent | StoredLeafEvent): void {
      if (!head.leafWritten(e, writeLeaf)) head.leaf(leafText(e));
    },
    get size(): number {
      return head.size;
    },
    root: (): Buffer => head.root(),
  };
}

export type EventTree = ReturnType<typeof eventTree>;
