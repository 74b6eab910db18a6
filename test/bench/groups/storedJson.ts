import { storedJson } from '../../../contracts/ledger/canonical';
import { decidedPayment } from '../lib/decidedPayment';
import { fastestPass } from '../lib/fastest';
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
    const microsPerPayment = (write: (e: unknown) => unknown) => {
      const fastest = fastestPass(ctx.seconds, () => {
        for (const e of decided) write(e);
      });
      return (fastest * 1e6) / payments;
    };
    const stored = microsPerPayment(storedJson);
    const native = microsPerPayment(JSON.stringify);
    const conditions = `${payments} PaymentRecorded events as the decider writes them (25 keys in its own order, four postings), fastest pass of ${ctx.seconds} s`;
    return Promise.resolve({
      'payments.stored_json.us': { value: stored, unit: 'µs', conditions },
      'payments.stored_json.native.us': { value: native, unit: 'µs', conditions },
    });
  },
};
