import { storedJson } from '../../../contracts/ledger/canonical';
import { decidedPayment } from '../lib/eventShape';
import type { BenchGroup } from '../lib/group';

const payments = 20_000;

/**
 * What the SQLite store spends writing a payment's canonical JSON when it is appended
 * (`storedJson`: the key-sorted copy and its JSON), of PaymentRecorded events as the payment
 * decider writes them, beside native JSON.stringify of the same events as they are: the least
 * any JSON of them can cost. The fastest of the passes made in the measured seconds.
 */
export const storedJsonGroup: BenchGroup = {
  name: 'stored_json',
  run(ctx) {
    const decided = Array.from({ length: payments }, decidedPayment);
    const fastest = (write: (e: unknown) => unknown) => {
      let best = Infinity;
      const deadline = Date.now() + ctx.seconds * 1000;
      do {
        const started = process.hrtime.bigint();
        for (const e of decided) write(e);
        best = Math.min(best, Number(process.hrtime.bigint() - started) / 1000 / payments);
      } while (Date.now() < deadline);
      return best;
    };
    const stored = fastest(storedJson);
    const native = fastest(JSON.stringify);
    const conditions = `${payments} PaymentRecorded events as the decider writes them (25 keys in its own order, four postings), fastest pass of ${ctx.seconds} s`;
    return Promise.resolve({
      'payments.stored_json.us': { value: stored, unit: 'µs', conditions },
      'payments.stored_json.native.us': { value: native, unit: 'µs', conditions },
    });
  },
};
