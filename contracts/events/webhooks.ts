import { z } from 'zod';
import { StoredInstant, StoredSealedSecret } from '../primitives';
import { eventContract, type EventOf } from './contract';

/** Who reads a feed (خوراک رویداد): an agency (دستگاه اجرایی) or a PSP (پرداخت‌یار), by its id. */
export const FeedAudience = z.object({
  kind: z.enum(['agency', 'psp']),
  id: z.string(),
});
export type FeedAudience = z.infer<typeof FeedAudience>;

/** The kinds of feed item (رویداد خوراک) a subscriber may read and filter its webhook on. */
export const feedItemTypes = [
  'payment.recorded',
  'payment.flagged',
  'payment.reversed',
  'payment.refunded',
  'payment.consumed',
  'complaint.filed',
  'settlement.closed',
] as const;
export type FeedItemType = (typeof feedItemTypes)[number];

/**
 * An agency or a PSP registered a webhook (وب‌هوک) in `webhook-<kind>-<id>-<webhookId>`: the
 * ledger POSTs each of its feed items, in order, to `url`, signed with `secret` (sealed under
 * SECRETS_KEY; shown to the subscriber once). `eventTypes` empty means every type.
 */
export const WebhookRegistered = eventContract(
  'WebhookRegistered',
  1,
  z.object({
    webhookId: z.string(),
    audience: FeedAudience,
    url: z.string(),
    eventTypes: z.array(z.enum(feedItemTypes)),
    secret: StoredSealedSecret,
    registeredAt: StoredInstant,
    registeredBy: z.string(),
  }),
);
export type WebhookRegistered = EventOf<typeof WebhookRegistered>;

/** The subscriber removed its webhook: nothing more is delivered to it. It may register the id again. */
export const WebhookRemoved = eventContract(
  'WebhookRemoved',
  1,
  z.object({
    webhookId: z.string(),
    audience: FeedAudience,
    removedAt: StoredInstant,
    removedBy: z.string(),
  }),
);
export type WebhookRemoved = EventOf<typeof WebhookRemoved>;

export const webhookEvents = [WebhookRegistered, WebhookRemoved] as const;
export type WebhookEvent = WebhookRegistered | WebhookRemoved;

/** The stream of one subscriber's webhook: `webhook-agency-AG1-orders`. */
export const webhookStream = (audience: FeedAudience, webhookId: string) =>
  `webhook-${audience.kind}-${audience.id}-${webhookId}`;
