import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  /** Requests answered 503 `store-unavailable` because the event store failed; not timeouts, not lag. */
  storeErrors: Counter;
}

/** One registry per app instance, so tests can build many apps in one process. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route template, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const storeErrors = new Counter({
    name: 'pishkhan_store_errors_total',
    help: 'Requests that failed because the event store could not be reached or did not commit',
    registers: [registry],
  });
  return { registry, httpDuration, storeErrors };
}
