import { Counter, Histogram, type Registry } from 'prom-client';
import type { Posting } from './payment';

/** Payment metrics on the app's registry: outcomes, rials by beneficiary kind, replays, posting latency. */
export function paymentMetrics(registry: Registry) {
  const outcomes = new Counter({
    name: 'pishkhan_payments_total',
    help: 'Payments posted by terminals, by outcome (recorded, flagged, replayed, rejected)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const rials = new Counter({
    name: 'pishkhan_payment_rials_total',
    help: 'Rials of newly recorded payments by beneficiary kind of the split; an operational gauge, the ledger is the exact record',
    labelNames: ['beneficiary'] as const,
    registers: [registry],
  });
  const replays = new Counter({
    name: 'pishkhan_payment_idempotent_replays_total',
    help: 'Retries answered with the first result (same key or same terminal, RRN and day)',
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'pishkhan_payment_posting_seconds',
    help: 'Time from a payment request to its durable answer, by request kind',
    labelNames: ['kind'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return {
    outcome(outcome: 'recorded' | 'flagged' | 'replayed' | 'rejected') {
      outcomes.inc({ outcome });
      if (outcome === 'replayed') replays.inc();
    },
    postings(postings: readonly Posting[]) {
      for (const p of postings) rials.inc({ beneficiary: p.kind }, Number(p.amount));
    },
    timer: (kind: 'single' | 'batch') => latency.startTimer({ kind }),
  };
}

export type PaymentMetrics = ReturnType<typeof paymentMetrics>;
