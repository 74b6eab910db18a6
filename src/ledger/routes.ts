import { Router } from 'express';
import { leafBytes } from '../../contracts/ledger/canonical';
import { endOfLedgerDay, ledgerDayOf } from '../../contracts/ledger/days';
import type { ReceiptProof } from '../../contracts/ledger/proof';
import { sealRoutes as r } from '../../contracts/seals';
import type { ReportingDeps } from '../../projections';
import { proofAt, sealOfDay } from '../../projections/seals/queries';
import { paymentReads, paymentStream } from '../payments';
import { NotFoundError } from '../shared/errors';
import type { EventStore } from '../shared/eventStore';
import { mount } from '../shared/http/mount';

/**
 * The public side of the seals: a day's seal, and a receipt's inclusion proof. The proof's
 * leaf is built from the payment event as the log holds it now, not from a read model's copy,
 * so a payment changed after its day was sealed gives a proof that no longer verifies.
 */
export function ledgerRouter(deps: {
  store: EventStore;
  reporting: ReportingDeps;
  graceMinutes: number;
}): Router {
  const { store, reporting } = deps;
  const router = Router();
  const sealsPrefix = () => reporting.runner.livePrefix('seals');
  const payments = paymentReads({ store, reporting });

  mount(router, r.seal, async ({ params }) => {
    const seal = await sealOfDay(reporting.db, await sealsPrefix(), params.day);
    if (!seal) throw new NotFoundError(`${params.day} is not sealed (yet)`);
    const { type: _type, ...published } = seal;
    return { status: 200, body: published, headers: { 'Cache-Control': 'public, max-age=86400' } };
  });

  mount(router, r.receiptProof, async ({ params }) => {
    const payment = await payments.byTrackingCode(params.trackingCode);
    const [recorded] = payment
      ? await store.readStream(paymentStream(payment.recorded.paymentId))
      : [];
    if (!recorded) throw new NotFoundError('No receipt with this tracking code');
    await reporting.runner.reach('seals', recorded.position, 2000);
    const answer = await proofAt(reporting.db, await sealsPrefix(), recorded.position);
    if (answer.status !== 'proved') {
      const day = answer.status === 'unsealed' ? answer.day : ledgerDayOf(recorded.recordedAt);
      throw new NotFoundError(
        "The payment's day is not sealed yet; its proof exists once the day has ended in Tehran and been sealed",
        {
          day,
          sealedAfter: new Date(
            endOfLedgerDay(day).getTime() + deps.graceMinutes * 60_000,
          ).toISOString(),
        },
      );
    }
    const { proof } = answer;
    const { type: _type, ...seal } = proof.seal;
    const body: ReceiptProof = {
      trackingCode: params.trackingCode,
      leaf: { canonical: leafBytes(recorded).toString('base64'), position: recorded.position },
      leafIndex: proof.leafIndex,
      treeSize: proof.treeSize,
      auditPath: proof.auditPath,
      seal,
      algorithm: 'RFC9162-SHA256',
    };
    return { status: 200, body, headers: { 'Cache-Control': 'no-store' } };
  });

  return router;
}
