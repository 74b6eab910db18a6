import type { FeedItemType } from '../../contracts/events/webhooks';
import type { SealedSecret } from '../../src/shared/secrets';
import type { ReadModelDb, SqlTx, SqlValue } from '../db';
import { liveBuild } from '../registry';
import type { StoredFeedItem } from './projection';

const name = 'feeds';

/** A feed item with its place in its audience's feed. */
export type FeedItem = StoredFeedItem & { seq: number };

/** A registered webhook as the feeds projection holds it. */
export interface WebhookRow {
  hookKey: string;
  audience: string;
  webhookId: string;
  url: string;
  eventTypes: FeedItemType[];
  secret: SealedSecret;
  registeredAt: string;
  /** Log position of its registration: a webhook registered again starts afresh. */
  generation: number;
  /** The audience's last item when it was registered: delivery starts after it. */
  startSeq: number;
  active: boolean;
}

interface Row {
  hook_key: string;
  audience: string;
  webhook_id: string;
  url: string;
  event_types: string;
  secret: string;
  registered_at: string;
  generation: unknown;
  start_seq: unknown;
  active: unknown;
}

const toWebhook = (r: Row): WebhookRow => ({
  hookKey: r.hook_key,
  audience: r.audience,
  webhookId: r.webhook_id,
  url: r.url,
  eventTypes: JSON.parse(r.event_types) as FeedItemType[],
  secret: JSON.parse(r.secret) as SealedSecret,
  registeredAt: r.registered_at,
  generation: Number(r.generation),
  startSeq: Number(r.start_seq),
  active: Number(r.active) === 1,
});

const toItem = (r: { seq: unknown; body: string }): FeedItem => ({
  ...(JSON.parse(r.body) as StoredFeedItem),
  seq: Number(r.seq),
});

/** Items of one audience after `after`, in order; and the log position the page reflects. */
export async function feedPage(
  db: ReadModelDb,
  q: { audience: string; after: number; limit: number },
): Promise<{ items: FeedItem[]; position: number }> {
  return db.read(async (tx) => {
    const live = await liveBuild(tx, name);
    if (!live) return { items: [], position: 0 };
    const rows = await tx.all<{ seq: unknown; body: string }>(
      `SELECT seq, body FROM ${live.prefix}_items WHERE audience = ? AND seq > ? ORDER BY seq LIMIT ?`,
      [q.audience, q.after, q.limit],
    );
    return { items: rows.map(toItem), position: live.position };
  });
}

async function inLive<T>(db: ReadModelDb, empty: T, work: (tx: SqlTx, p: string) => Promise<T>) {
  return db.read(async (tx) => {
    const live = await liveBuild(tx, name);
    return live ? work(tx, live.prefix) : empty;
  });
}

/** The active webhooks of one audience, or of every audience. */
export function activeWebhooks(db: ReadModelDb, audience?: string): Promise<WebhookRow[]> {
  return inLive(db, [], async (tx, p) => {
    const rows = await tx.all<Row>(
      `SELECT * FROM ${p}_webhooks WHERE active = 1 ${audience ? 'AND audience = ?' : ''} ORDER BY hook_key`,
      audience ? [audience] : [],
    );
    return rows.map(toWebhook);
  });
}

/** One active webhook of an audience. */
export async function activeWebhook(
  db: ReadModelDb,
  audience: string,
  webhookId: string,
): Promise<WebhookRow | undefined> {
  return inLive(db, undefined, async (tx, p) => {
    const rows = await tx.all<Row>(
      `SELECT * FROM ${p}_webhooks WHERE hook_key = ? AND active = 1`,
      [`${audience}/${webhookId}`],
    );
    return rows[0] ? toWebhook(rows[0]) : undefined;
  });
}

/** The first item after `after` of one of `types` (any type when empty). */
export async function nextItem(
  db: ReadModelDb,
  q: { audience: string; after: number; types: readonly string[] },
): Promise<FeedItem | undefined> {
  return inLive(db, undefined, async (tx, p) => {
    const params: SqlValue[] = [q.audience, q.after, ...q.types];
    const rows = await tx.all<{ seq: unknown; body: string }>(
      `SELECT seq, body FROM ${p}_items WHERE audience = ? AND seq > ?
       ${q.types.length ? `AND type IN (${q.types.map(() => '?').join(', ')})` : ''}
       ORDER BY seq LIMIT 1`,
      params,
    );
    return rows[0] ? toItem(rows[0]) : undefined;
  });
}

/** Items of an audience by their sequence numbers. */
export async function itemsBySeq(
  db: ReadModelDb,
  audience: string,
  seqs: readonly number[],
): Promise<FeedItem[]> {
  if (!seqs.length) return [];
  return inLive(db, [], async (tx, p) => {
    const rows = await tx.all<{ seq: unknown; body: string }>(
      `SELECT seq, body FROM ${p}_items WHERE audience = ? AND seq IN (${seqs.map(() => '?').join(', ')}) ORDER BY seq`,
      [audience, ...seqs],
    );
    return rows.map(toItem);
  });
}

/** The last sequence number of every audience's feed. */
export async function feedHeads(db: ReadModelDb): Promise<Map<string, number>> {
  return inLive(db, new Map<string, number>(), async (tx, p) => {
    const rows = await tx.all<{ audience: string; last_seq: unknown }>(
      `SELECT audience, last_seq FROM ${p}_audiences`,
    );
    return new Map(rows.map((r) => [r.audience, Number(r.last_seq)]));
  });
}
