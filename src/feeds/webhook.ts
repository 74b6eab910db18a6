import type { WebhookEvent, WebhookRegistered } from '../../contracts/events/webhooks';

export {
  feedItemTypes,
  webhookStream,
  type FeedAudience,
  type FeedItemType,
  type WebhookEvent,
} from '../../contracts/events/webhooks';

/**
 * A webhook (وب‌هوک) of one subscriber: `none` before it is registered, `active` while the
 * ledger delivers to it, `removed` once its subscriber removed it (it may register it again).
 */
export type WebhookState =
  { status: 'none' } | { status: 'active'; registered: WebhookRegistered } | { status: 'removed' };

export const initialWebhookState = (): WebhookState => ({ status: 'none' });

export function evolveWebhook(_state: WebhookState, event: WebhookEvent): WebhookState {
  switch (event.type) {
    case 'WebhookRegistered':
      return { status: 'active', registered: event };
    case 'WebhookRemoved':
      return { status: 'removed' };
  }
}
