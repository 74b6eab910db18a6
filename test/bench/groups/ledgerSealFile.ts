import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ledgerDayOf } from '../../../contracts/ledger/days';
import { scanDay } from '../../../projections/seals/scan';
import { sqliteEventStore, type EventStore } from '../../../src/shared/eventStore';
import { eventType, paymentData } from '../lib/eventShape';
import type { Figures } from '../lib/figures';
import type { BenchContext } from '../lib/group';

const batch = 1000;

/**
 * A SQLite log of `events` payment-shaped events appended through the store (so every row holds
 * its canonical bytes), in one day. With `BENCH_SEAL_DIR` it is written there once and reused.
 */
async function dayLog(ctx: BenchContext, events: number): Promise<EventStore> {
  const kept = process.env.BENCH_SEAL_DIR;
  const dir = kept ?? mkdtempSync(join(tmpdir(), 'pishkhan-bench-seal-'));
  if (!kept) process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `seal-day-${events}.sqlite`);
  const reused = existsSync(file);
  const store = sqliteEventStore(file);
  if (reused) {
    ctx.log(`reusing the ${events}-event log in ${file}`);
    return store;
  }
  const started = Date.now();
  for (let k = 0; k * batch < events; k++)
    await store.append(
      `payment-bench-${k}`,
      Array.from({ length: Math.min(batch, events - k * batch) }, () => ({
        type: eventType,
        data: paymentData(),
        metadata: { schemaVersion: 1 },
      })),
      'no_stream',
    );
  ctx.log(`appended ${events} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return store;
}

/**
 * `ledger.seal.sqlite.per_s`: a day read from a SQLite file and sealed as the sealer does
 * (`scanDay`: pages of the store's unparsed rows, `readLeafPage`), and the same through
 * `readAll` (every event parsed, as before and as the other stores still are).
 */
export async function sealFromFile(ctx: BenchContext, events: number): Promise<Figures> {
  const store = await dayLog(ctx, events);
  const [first] = await store.readAll({ limit: 1 });
  const day = ledgerDayOf(first!.recordedAt);
  const parsedOnly: EventStore = { ...store, readLeafPage: undefined };
  const best = async (from: EventStore) => {
    let fastest = Infinity;
    let root = '';
    const deadline = Date.now() + ctx.seconds * 1000;
    do {
      const started = process.hrtime.bigint();
      const scan = await scanDay(from, 0, day);
      fastest = Math.min(fastest, Number(process.hrtime.bigint() - started) / 1e9);
      if (scan.count !== events) throw new Error(`the day holds ${scan.count} events`);
      root = scan.root.toString('hex');
    } while (Date.now() < deadline);
    return { perS: events / fastest, root };
  };
  const unparsed = await best(store);
  const parsed = await best(parsedOnly);
  await store.close();
  if (unparsed.root !== parsed.root) throw new Error('the two reads gave other roots');
  return {
    'ledger.seal.sqlite.per_s': {
      value: unparsed.perS,
      unit: '1/s',
      conditions: `one day of ${events} payment-shaped events appended through the SQLite store, read from its file in pages of 2,000 unparsed rows (readLeafPage) and sealed (scanDay), best pass of ${ctx.seconds} s; BENCH_SEAL_DIR keeps the file`,
    },
    'ledger.seal.sqlite.parsed.per_s': {
      value: parsed.perS,
      unit: '1/s',
      conditions: `the same day read through readAll (every event's data and metadata parsed) and sealed, best pass of ${ctx.seconds} s`,
    },
  };
}
