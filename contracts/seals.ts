import { z } from 'zod';
import { LedgerDaySealed } from './events/ledger';
import { ReceiptProofSchema } from './ledger/proof';
import { TrackingCodeParam } from './payments';
import { route } from './route';

export { ReceiptProofSchema, type ReceiptProof } from './ledger/proof';

/** A day's seal as published: everything `LedgerDaySealed` holds. */
export const SealSchema = LedgerDaySealed.schema.omit({ type: true }).meta({
  id: 'LedgerSeal',
  description:
    'Seal of a Tehran day (مهر روزانه دفتر): Merkle root of every event in its log range, chained to the previous seal',
});

export const sealRoutes = {
  receiptProof: route({
    operationId: 'getReceiptProof',
    method: 'get',
    path: '/v1/receipts/{trackingCode}/proof',
    action: 'public',
    summary: "Inclusion proof of a receipt's payment in its sealed day (no login)",
    description:
      'Check it offline with `pishkhan ledger verify-proof FILE --root HEX` against the root the regulator published. 404 while the day is not sealed yet (`sealedAfter` says when it will be).',
    tags: ['ledger'],
    params: z.strictObject({ trackingCode: TrackingCodeParam }),
    responses: { 200: { description: 'The proof', schema: ReceiptProofSchema } },
  }),
  seal: route({
    operationId: 'getLedgerSeal',
    method: 'get',
    path: '/v1/ledger/seals/{day}',
    action: 'public',
    summary: "A sealed day's seal, for publishing and for checking proofs (no login)",
    tags: ['ledger'],
    params: z.strictObject({ day: z.iso.date() }),
    responses: { 200: { description: 'The seal', schema: SealSchema } },
  }),
};
