import { randomUUID } from 'node:crypto';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ReadModelDb } from '../../projections/db';
import { activeWebhooks, feedHeads, itemsBySeq, nextItem } from '../../projections/feeds/queries';
import type { FeedItem, WebhookRow } from '../../projections/feeds/queries';
import { sign, signatureHeaders } from '../shared/http/auth';
import { instant } from '../shared/jalali';
import type { Logger } from '../shared/logger';
import type { SecretBox } from '../shared/secrets';
import {
  addDeadLetter,
  deadLetters,
  ensureDeliveryTables,
  progressOf,
  releaseDispatchLease,
  removeDeadLetter,
  saveProgress,
  takeDispatchLease,
} from './delivery';

/** What a receiver answered: its HTTP status, or why there was none. */
export type Answer = { status: number } | { error: string };

/** Sends one signed delivery; the default is `fetch` bounded by `timeoutMs`. */
export type Send = (
  url: string,
  init: { headers: Record<string, string>; body: string; timeoutMs: number },
) => Promise<Answer>;

export interface DispatcherOptions {
  db: ReadModelDb;
  secrets: SecretBox;
  /** Milliseconds since the epoch; tests move it by hand. */
  now: () => number;
  /** WEBHOOK_MAX_ATTEMPTS: attempts at one item before it goes to the dead letters. */
  maxAttempts?: number;
  /** The wait after the n-th failed attempt (n from 1); by default WEBHOOK_BACKOFF_BASE_MS × 2^(n−1), at most an hour. */
  backoff?: (attempt: number) => number;
  /** WEBHOOK_TIMEOUT_MS: one attempt's bound; a receiver that answers nothing by then failed. */
  timeoutMs?: number;
  /** How long the dispatcher's lease lasts unless renewed. */
  leaseMs?: number;
  send?: Send;
  registry?: Registry;
  logger?: Pick<Logger, 'warn'>;
}

/** Exponential backoff from `baseMs`, at most an hour. */
export const exponentialBackoff = (baseMs: number) => (attempt: number) =>
  Math.min(baseMs * 2 ** (attempt - 1), 3_600_000);

export const fetchSend: Send = async (url, init) => {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: init.headers,
      body: init.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(init.timeoutMs),
    });
    await res.body?.cancel().catch(() => undefined);
    return { status: res.status };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string } };
    return { error: e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? e.name) };
  }
};

/** The JSON a receiver gets for one item. */
export const deliveryBody = (webhookId: string, item: FeedItem) =>
  JSON.stringify({
    webhookId,
    item: { ...item, occurredAt: instant(new Date(item.occurredAt)) },
  });

/**
 * The webhook dispatcher (ارسال‌گر وب‌هوک): delivers each webhook's feed items in order, one
 * at a time per webhook (item n+1 is not sent before n was delivered or dead-lettered), signed
 * like a gateway's request. A failed attempt (no 2xx, or no answer within the timeout) is
 * tried again after an exponential backoff; after `maxAttempts` the item goes to the
 * webhook's dead letters and the next one is sent. Each webhook waits on its own receiver
 * only: a slow or dead one holds nothing else, and nothing here is on a payment's path.
 * One node delivers at a time (a lease in the read-model database); progress is kept there.
 */
export function webhookDispatcher(options: DispatcherOptions) {
  const { db, secrets, now } = options;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoff = options.backoff ?? exponentialBackoff(1000);
  const timeoutMs = options.timeoutMs ?? 5000;
  const leaseMs = options.leaseMs ?? 30_000;
  const send = options.send ?? fetchSend;
  const owner = randomUUID();
  const inFlight = new Map<string, Promise<void>>();
  const registers = options.registry ? [options.registry] : [];
  const secretOf = new Map<string, string>();
  let ready: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const deliveries = new Counter({
    name: 'pishkhan_webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome: delivered, failed (to be retried), dead_lettered, redriven, redrive_failed',
    labelNames: ['outcome'] as const,
    registers,
  });
  const seconds = new Histogram({
    name: 'pishkhan_webhook_delivery_seconds',
    help: 'Time a receiver took to answer one delivery attempt',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  new Gauge({
    name: 'pishkhan_webhook_lag_items',
    help: 'Items of the feed a webhook has not yet had delivered or dead-lettered, summed over webhooks',
    registers,
    async collect() {
      const heads = await feedHeads(db);
      let lag = 0;
      for (const hook of await activeWebhooks(db)) {
        const p = await db.read((tx) => progressOf(tx, hook));
        lag += Math.max(0, (heads.get(hook.audience) ?? 0) - p.deliveredSeq);
      }
      this.set(lag);
    },
  });

  async function post(hook: WebhookRow, item: FeedItem): Promise<Answer> {
    const key = `${hook.hookKey}@${hook.generation}`;
    let secret = secretOf.get(key);
    if (secret === undefined) secretOf.set(key, (secret = secrets.open(hook.secret)));
    const body = deliveryBody(hook.webhookId, item);
    const url = new URL(hook.url);
    const timestamp = String(Math.floor(now() / 1000));
    const headers = {
      'content-type': 'application/json',
      [signatureHeaders.timestamp]: timestamp,
      [signatureHeaders.signature]: sign(
        secret,
        timestamp,
        'POST',
        url.pathname + url.search,
        body,
      ),
      'x-pishkhan-delivery': `${hook.webhookId}:${hook.generation}:${item.seq}`,
    };
    const started = process.hrtime.bigint();
    const answer = await send(hook.url, { headers, body, timeoutMs });
    seconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    return answer;
  }

  const succeeded = (a: Answer) => 'status' in a && a.status >= 200 && a.status < 300;
  const describe = (a: Answer) => ('status' in a ? `HTTP ${a.status}` : a.error);

  /** One attempt for one webhook: a queued re-drive first, else its next item when due. */
  async function attempt(hook: WebhookRow): Promise<void> {
    const [redrive] = await db.read((tx) => deadLetters(tx, hook, { redriving: true, limit: 1 }));
    if (redrive) {
      const [item] = await itemsBySeq(db, hook.audience, [redrive.seq]);
      const answer = item ? await post(hook, item) : { error: 'item gone' };
      const ok = succeeded(answer);
      deliveries.inc({ outcome: ok ? 'redriven' : 'redrive_failed' });
      await db.write((tx) =>
        ok
          ? removeDeadLetter(tx, hook, redrive.seq)
          : addDeadLetter(tx, hook, {
              ...redrive,
              attempts: redrive.attempts + 1,
              lastError: describe(answer),
              deadAt: now(),
            }),
      );
      return;
    }
    const progress = await db.read((tx) => progressOf(tx, hook));
    if (progress.nextAt > now()) return;
    const item = await nextItem(db, {
      audience: hook.audience,
      after: progress.deliveredSeq,
      types: hook.eventTypes,
    });
    if (!item) return;
    const answer = await post(hook, item);
    if (succeeded(answer)) {
      deliveries.inc({ outcome: 'delivered' });
      await db.write((tx) =>
        saveProgress(tx, hook.hookKey, {
          generation: hook.generation,
          deliveredSeq: item.seq,
          attempts: 0,
          nextAt: 0,
        }),
      );
      return;
    }
    const attempts = progress.attempts + 1;
    const lastError = describe(answer);
    if (attempts >= maxAttempts) {
      deliveries.inc({ outcome: 'dead_lettered' });
      options.logger?.warn(
        { webhookId: hook.webhookId, seq: item.seq, attempts, lastError },
        'webhook delivery dead-lettered',
      );
      await db.write(async (tx) => {
        await addDeadLetter(tx, hook, {
          seq: item.seq,
          type: item.type,
          attempts,
          lastError,
          deadAt: now(),
        });
        await saveProgress(tx, hook.hookKey, {
          generation: hook.generation,
          deliveredSeq: item.seq,
          attempts: 0,
          nextAt: 0,
          lastError,
        });
      });
      return;
    }
    deliveries.inc({ outcome: 'failed' });
    await db.write((tx) =>
      saveProgress(tx, hook.hookKey, {
        generation: hook.generation,
        deliveredSeq: progress.deliveredSeq,
        attempts,
        nextAt: now() + backoff(attempts),
        lastError,
      }),
    );
  }

  /** Starts an attempt for every webhook with none in flight; the attempts started. */
  async function round(): Promise<Promise<void>[]> {
    ready ??= ensureDeliveryTables(db);
    await ready;
    if (stopped || !(await takeDispatchLease(db, owner, now(), leaseMs))) return [];
    const started: Promise<void>[] = [];
    for (const hook of await activeWebhooks(db)) {
      if (inFlight.has(hook.hookKey)) continue;
      const p = attempt(hook)
        .catch((err: unknown) =>
          options.logger?.warn({ err, webhookId: hook.webhookId }, 'webhook attempt failed'),
        )
        .finally(() => inFlight.delete(hook.hookKey));
      inFlight.set(hook.hookKey, p);
      started.push(p);
    }
    return started;
  }

  return {
    /** One round, waiting for the attempts it started: what tests drive instead of a timer. */
    async step(): Promise<void> {
      await Promise.all(await round());
    },
    /** A round every `everyMs`; a round does not wait for the attempts it starts. */
    start(everyMs: number): void {
      const tick = () =>
        void round().catch((err: unknown) =>
          options.logger?.warn({ err }, 'webhook dispatch round failed'),
        );
      tick();
      timer = setInterval(tick, everyMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(timer);
      await Promise.all(inFlight.values());
      if (ready) await releaseDispatchLease(db, owner).catch(() => undefined);
    },
  };
}

export type WebhookDispatcher = ReturnType<typeof webhookDispatcher>;
