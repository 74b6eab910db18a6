import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { leafBytes } from '../../contracts/ledger/canonical';
import { leafHash, verifyInclusion } from '../../contracts/ledger/merkle';
import { ledgerSealer } from './sealer';
import { memoryEventStore } from '../shared/eventStore';
import { sqliteReadModelDb } from '../../projections/db';
import { projectionRunner } from '../../projections/runner';
import { sealsProjection } from '../../projections/seals/projection';
import { proofAt } from '../../projections/seals/queries';

const dayMs = 86_400_000;
/** 2026-03-21 00:00 in Tehran. */
const firstDay = Date.parse('2026-03-20T20:30:00Z');

describe('seals: property', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'seals-prop-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("for random days and sizes, every event's proof verifies against its day's seal and against no other day's", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 2, max: 64 }),
        async (sizes, perAppend, batchSize) => {
          let now = firstDay;
          const store = memoryEventStore({ now: () => new Date(now) });
          for (const [d, size] of sizes.entries()) {
            for (let i = 0; i < size; i += perAppend) {
              now = firstDay + d * dayMs + 3_600_000 + i * 1000;
              const n = Math.min(perAppend, size - i);
              await store.append(
                `payment-${d}-${i}`,
                Array.from({ length: n }, (_, k) => ({
                  type: 'PaymentRecorded',
                  data: { amount: String(1000 * (i + k) + d), day: d },
                })),
                'no_stream',
              );
            }
          }
          now = firstDay + (sizes.length + 1) * dayMs;
          const seals = await ledgerSealer({
            store,
            now: () => new Date(now),
            graceMinutes: 10,
          }).runOnce();
          const firstBusy = sizes.findIndex((s) => s > 0);
          expect(seals.map((s) => s.count)).toEqual(firstBusy < 0 ? [] : sizes.slice(firstBusy));

          const db = sqliteReadModelDb(join(dir, `rm-${run++}.sqlite`));
          const runner = projectionRunner({
            store,
            db,
            projections: [sealsProjection({ chunkSize: 4 })],
            batchSize,
          });
          try {
            await runner.catchUp();
            const prefix = await runner.livePrefix('seals');
            const events = (await store.readAll({ limit: 10_000 })).filter(
              (e) => e.type === 'PaymentRecorded',
            );
            for (const e of events) {
              const answer = await proofAt(db, prefix, e.position, 4);
              if (answer.status !== 'proved') throw new Error(`no proof for ${e.position}`);
              const { proof } = answer;
              const path = proof.auditPath.map((h) => Buffer.from(h, 'hex'));
              const leaf = leafHash(leafBytes(e));
              expect(leaf.toString('hex')).toBe(proof.leafHash);
              expect(
                verifyInclusion(
                  leaf,
                  proof.leafIndex,
                  proof.treeSize,
                  path,
                  Buffer.from(proof.seal.root, 'hex'),
                ),
              ).toBe(true);
              for (const other of seals.filter((s) => s.day !== proof.seal.day))
                expect(
                  verifyInclusion(
                    leaf,
                    proof.leafIndex,
                    other.count,
                    path,
                    Buffer.from(other.root, 'hex'),
                  ),
                ).toBe(false);
            }
          } finally {
            await runner.stop();
            await db.close();
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
