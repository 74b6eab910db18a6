import { eventStoreContract } from './eventStore.contract';
import { memoryEventStore } from '../../src/shared/eventStore';
import type { EventStore } from '../../src/shared/eventStore';

let current: EventStore | undefined;
eventStoreContract('memory', {
  async open() {
    current = memoryEventStore();
    return current;
  },
  // Memory keeps nothing past the process; "reopening" hands back the same instance's data.
  async reopen() {
    return current!;
  },
});
