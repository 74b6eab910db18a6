import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { feedRoutes as c } from '../../contracts/feeds';
import type { Reporting } from '../../projections';
import { audienceKey } from '../../projections/feeds/projection';
import {
  activeWebhook,
  activeWebhooks,
  feedHeads,
  feedPage,
  type FeedItem,
  type WebhookRow,
} from '../../projections/feeds/queries';
import type { Clock } from '../shared/clock';
import { NotFoundError } from '../shared/errors';
import { commandHandler, type EventStore } from '../shared/eventStore';
import { mount } from '../shared/http/mount';
import type { Principal } from '../shared/http/policy';
import { instant } from '../shared/jalali';
import type { SecretBox } from '../shared/secrets';
import { deadLetters, ensureDeliveryTables, progressOf, queueRedrive } from './delivery';
import { webhookStream, type FeedAudience } from './webhook';
import { webhookDecider } from './webhook.decide';

export interface FeedsDeps {
  store: EventStore;
  clock: Clock;
  secrets: SecretBox;
  reporting: Pick<Reporting, 'db' | 'runner'>;
}

/** The caller's own feed: the policy lets only agencies and PSPs here, each scoped by its credential. */
function audienceOf(principal: Principal): FeedAudience {
  const id = principal.role === 'psp' ? principal.pspId : principal.agencyId;
  if (!id) throw new NotFoundError('feed not found');
  return { kind: principal.role === 'psp' ? 'psp' : 'agency', id };
}

const at = (iso: string) => instant(new Date(iso));
const itemView = (i: FeedItem) => ({ ...i, occurredAt: at(i.occurredAt) });

/**
 * Feeds and webhooks (خوراک رویداد و وب‌هوک): an agency or a PSP reads its own events after a
 * cursor, and registers webhooks the dispatcher delivers them to; it reads each webhook's
 * progress and dead letters and re-drives them.
 */
export function feedsRouter(deps: FeedsDeps): Router {
  const router = Router();
  const { db, runner } = deps.reporting;
  const handle = commandHandler(deps.store, webhookDecider);
  let tables: Promise<void> | undefined;
  const delivery = () => (tables ??= ensureDeliveryTables(db));

  async function view(hook: WebhookRow, heads?: Map<string, number>) {
    await delivery();
    const [progress, letters] = await db.read(async (tx) => [
      await progressOf(tx, hook),
      await deadLetters(tx, hook),
    ]);
    const feedSeq = (heads ?? (await feedHeads(db))).get(hook.audience) ?? 0;
    return {
      webhookId: hook.webhookId,
      url: hook.url,
      eventTypes: hook.eventTypes,
      registeredAt: at(hook.registeredAt),
      delivery: {
        deliveredSeq: progress.deliveredSeq,
        feedSeq,
        attempts: progress.attempts,
        ...(progress.lastError ? { lastError: progress.lastError } : {}),
        deadLetters: letters.length,
      },
    };
  }

  async function ownWebhook(principal: Principal, webhookId: string) {
    await runner.waitFor('feeds');
    const hook = await activeWebhook(db, audienceKey(audienceOf(principal)), webhookId);
    if (!hook) throw new NotFoundError(`webhook ${webhookId} not found`);
    return hook;
  }

  mount(router, c.feed, async ({ query, principal }) => {
    const audience = audienceKey(audienceOf(principal));
    await runner.waitFor('feeds');
    const after = Number(query.after ?? 0);
    const page = await feedPage(db, { audience, after, limit: query.limit });
    return {
      status: 200,
      body: {
        items: page.items.map(itemView),
        nextCursor: String(page.items.at(-1)?.seq ?? after),
        position: page.position,
      },
    };
  });

  mount(router, c.register, async ({ body, principal }) => {
    const audience = audienceOf(principal);
    const signingSecret = randomBytes(32).toString('hex');
    const result = await handle(webhookStream(audience, body.webhookId), {
      type: 'RegisterWebhook',
      webhookId: body.webhookId,
      audience,
      url: body.url,
      eventTypes: [...new Set(body.eventTypes)],
      secret: deps.secrets.seal(signingSecret),
      now: deps.clock.now(),
      actor: principal.credentialId,
    });
    await runner.waitFor('feeds', result.append?.position);
    const hook = await activeWebhook(db, audienceKey(audience), body.webhookId);
    if (!hook) throw new Error('registered webhook missing from the feeds read model');
    return {
      status: 201,
      headers: { 'Cache-Control': 'no-store', Location: `/v1/webhooks/${body.webhookId}` },
      body: { webhook: await view(hook), signingSecret },
    };
  });

  mount(router, c.list, async ({ principal }) => {
    await runner.waitFor('feeds');
    const heads = await feedHeads(db);
    const hooks = await activeWebhooks(db, audienceKey(audienceOf(principal)));
    return { status: 200, body: { items: await Promise.all(hooks.map((h) => view(h, heads))) } };
  });

  mount(router, c.remove, async ({ params, principal }) => {
    const audience = audienceOf(principal);
    const result = await handle(webhookStream(audience, params.webhookId), {
      type: 'RemoveWebhook',
      webhookId: params.webhookId,
      audience,
      now: deps.clock.now(),
      actor: principal.credentialId,
    });
    await runner.waitFor('feeds', result.append?.position);
    return { status: 204 };
  });

  mount(router, c.deadLetters, async ({ params, principal }) => {
    const hook = await ownWebhook(principal, params.webhookId);
    await delivery();
    const letters = await db.read((tx) => deadLetters(tx, hook));
    return {
      status: 200,
      body: {
        items: letters.map((l) => ({
          seq: l.seq,
          type: l.type,
          attempts: l.attempts,
          lastError: l.lastError,
          deadAt: instant(new Date(l.deadAt)),
          redriving: l.redriving,
        })),
      },
    };
  });

  mount(router, c.redrive, async ({ params, principal }) => {
    const hook = await ownWebhook(principal, params.webhookId);
    await delivery();
    const redriving = await db.write((tx) => queueRedrive(tx, hook));
    return { status: 202, body: { redriving } };
  });

  return router;
}
