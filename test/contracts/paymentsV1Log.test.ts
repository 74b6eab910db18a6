import { join } from 'node:path';
import {
  accountsOf,
  decodeEvent,
  EventDecodeError,
  PaymentRecorded,
  PaymentRefunded,
  PaymentReversed,
  refundFromV1,
  reversalFromV1,
  type PaymentRefundedV1,
  type PaymentReversedV1,
} from '../../contracts/events';
import { decodeWith, versionKey } from '../../contracts/events/contract';
import { sqliteReadModelDb } from '../../projections/db';
import { originsOf } from '../../projections/ledger';
import { createBuild, ensureRegistry } from '../../projections/registry';
import { bulkSettlement } from '../../projections/settlement/bulk';
import { settlementProjection } from '../../projections/settlement/projection';
import { dumpBuild } from '../../projections/verify';
import {
  loadLog,
  settlementRowsOf,
  v1Fixture,
  type FixtureEvent,
  type FixtureLog,
} from '../fixtures/v1-log/log';

const { events, settlement } = v1Fixture();
const isCorrection = (e: FixtureEvent) =>
  e.type === 'PaymentReversed' || e.type === 'PaymentRefunded';

/** The fixture with the chosen corrections written as v2 would write them: accounts carried, version 2. */
function raised(choose: (e: FixtureEvent, i: number) => boolean): FixtureEvent[] {
  const origins = new Map(
    events.filter((e) => e.type === 'PaymentRecorded').map((e) => [e.stream, e.data]),
  );
  return events.map((e, i) => {
    if (!isCorrection(e) || !choose(e, i)) return e;
    const accounts = accountsOf(PaymentRecorded.schema.parse(origins.get(e.stream)));
    const data =
      e.type === 'PaymentReversed'
        ? reversalFromV1(e.data as PaymentReversedV1, accounts)
        : refundFromV1(e.data as PaymentRefundedV1, accounts);
    return { ...e, data, metadata: { ...e.metadata, [versionKey]: 2 } };
  });
}

async function bulkRows(log: FixtureLog) {
  const projection = settlementProjection();
  const db = sqliteReadModelDb(join(log.dir, 'bulk.sqlite'));
  try {
    await ensureRegistry(db);
    const build = await db.write(async (tx) => {
      const b = await createBuild(tx, 'settlement', 1, new Date());
      for (const s of projection.schema(b.prefix)) await tx.run(s);
      return b;
    });
    const head = await log.store.headPosition();
    const fold = await bulkSettlement(log.file, head, projection.eventTypes, 0, 2, 4);
    await db.write((tx) => fold.write(tx, build.prefix));
    return await dumpBuild(db, projection, build.prefix);
  } finally {
    await db.close();
  }
}

describe('the v1 payment log, as the code of its time wrote it', () => {
  it('holds payments, a reversal and refunds, none stamped with a version past 1', () => {
    const types = new Set(events.map((e) => e.type));
    expect([...types].sort()).toEqual([
      'IdempotencyKeyClaimed',
      'PaymentRecorded',
      'PaymentRefunded',
      'PaymentReversed',
    ]);
    expect(events.every((e) => e.metadata[versionKey] === undefined)).toBe(true);
    expect(settlement.lines!.length).toBeGreaterThan(10);
  });

  it('folds page by page into the settlement rows that code folded, corrections upcast with their payment', async () => {
    expect(await settlementRowsOf(await loadLog(events))).toEqual(settlement);
  });

  it('folds in bulk into the same rows', async () => {
    const log = await loadLog(events);
    try {
      expect(await bulkRows(log)).toEqual(settlement);
    } finally {
      await log.close();
    }
  });

  it('mixed with v2 corrections (every other one), folds into the same rows both ways', async () => {
    const mixed = raised((_, i) => i % 2 === 0);
    expect(mixed.some((e) => isCorrection(e) && e.metadata[versionKey] === 2)).toBe(true);
    expect(mixed.some((e) => isCorrection(e) && e.metadata[versionKey] === undefined)).toBe(true);
    expect(await settlementRowsOf(await loadLog(mixed))).toEqual(settlement);
    const log = await loadLog(mixed);
    try {
      expect(await bulkRows(log)).toEqual(settlement);
    } finally {
      await log.close();
    }
  });

  it('looks up the payment of a v1 correction only: v2 corrections read no stream', async () => {
    const corrections = raised(() => true).filter(isCorrection);
    const read: string[] = [];
    const readStream = (stream: string) => {
      read.push(stream);
      return Promise.resolve([]);
    };
    expect((await originsOf(corrections, readStream)).size).toBe(0);
    expect(read).toEqual([]);
    const v1 = events.filter(isCorrection);
    await originsOf(v1, readStream);
    expect(new Set(read)).toEqual(new Set(v1.map((e) => e.stream)));
  });

  it('decodes v1 corrections only with their payment: decodeEvent refuses, the upcaster raises them', () => {
    for (const e of events.filter(isCorrection)) {
      expect(() => decodeEvent(e)).toThrow(EventDecodeError);
      const contract = e.type === 'PaymentReversed' ? PaymentReversed : PaymentRefunded;
      expect(decodeWith(contract, e.data, e.metadata).version).toBe(1);
    }
    for (const e of raised(() => true).filter(isCorrection))
      expect(decodeEvent(e)).toMatchObject({ type: e.type, version: 2, data: e.data });
  });
});
