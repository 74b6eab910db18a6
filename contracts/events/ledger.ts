import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../ledger/canonical';
import { StoredJalaliDay } from './settlement';
import { eventContract, type EventOf } from './contract';

const Hex256 = z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits');

/** The body a seal's hash covers: everything of the seal but the hash itself. */
export const SealBody = z.object({
  /** The Tehran calendar day sealed, ISO date: `2026-03-21`. */
  day: z.iso.date(),
  /** The same day in the Jalali calendar: `1405/01/01`. */
  jalaliDay: StoredJalaliDay,
  /** The range of log positions sealed is (from, to]; `from` is the previous seal's `to`. */
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  /** Events in the range: the tree's size. */
  count: z.number().int().nonnegative(),
  /** RFC 6962 Merkle tree head over the events' leaves in log order. */
  root: Hex256,
  /** `sealHash` of the previous day's seal; 64 zeros for the first seal. */
  previous: Hex256,
});
export type SealBody = z.infer<typeof SealBody>;

/**
 * A ledger day was sealed (مهر روزانه دفتر): the Merkle root of every event of the log in its
 * range, chained to the seal before it. Appended to the one stream `ledgerseal-chain` at the
 * revision that numbers the seals, never rewritten.
 */
export const LedgerDaySealed = eventContract(
  'LedgerDaySealed',
  1,
  SealBody.extend({
    /** SHA-256 of the canonical JSON (RFC 8785) of the seal body, hex. */
    sealHash: Hex256,
  }),
);
export type LedgerDaySealed = EventOf<typeof LedgerDaySealed>;

export const ledgerEvents = [LedgerDaySealed] as const;

/** The one stream of seals, in day order. */
export const sealChainStream = 'ledgerseal-chain';

export const genesisHash = '0'.repeat(64);

/** `sealHash` of a seal body. */
export const sealHashOf = (body: SealBody): string =>
  createHash('sha256')
    .update(
      canonicalJson({
        day: body.day,
        jalaliDay: body.jalaliDay,
        from: body.from,
        to: body.to,
        count: body.count,
        root: body.root,
        previous: body.previous,
      }),
      'utf8',
    )
    .digest('hex');
