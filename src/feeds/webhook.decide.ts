import { versionsOf } from '../../contracts/events/contract';
import { webhookEvents } from '../../contracts/events/webhooks';
import { IllegalStateError, NotFoundError } from '../shared/errors';
import type { Decider } from '../shared/eventStore';
import type { SealedSecret } from '../shared/secrets';
import {
  evolveWebhook,
  initialWebhookState,
  type FeedAudience,
  type FeedItemType,
  type WebhookEvent,
  type WebhookState,
} from './webhook';

/** Register a webhook for the subscriber's own feed, with its sealed signing secret. */
export interface RegisterWebhook {
  type: 'RegisterWebhook';
  webhookId: string;
  audience: FeedAudience;
  url: string;
  eventTypes: FeedItemType[];
  secret: SealedSecret;
  now: Date;
  actor: string;
}

/** Stop delivering to a webhook. */
export interface RemoveWebhook {
  type: 'RemoveWebhook';
  webhookId: string;
  audience: FeedAudience;
  now: Date;
  actor: string;
}

export type WebhookCommand = RegisterWebhook | RemoveWebhook;

export function decideWebhook(c: WebhookCommand, s: WebhookState): WebhookEvent[] {
  switch (c.type) {
    case 'RegisterWebhook':
      if (s.status === 'active')
        throw new IllegalStateError(`Webhook ${c.webhookId} is already registered`, {
          currentState: s.status,
        });
      return [
        {
          type: 'WebhookRegistered',
          webhookId: c.webhookId,
          audience: c.audience,
          url: c.url,
          eventTypes: c.eventTypes,
          secret: c.secret,
          registeredAt: c.now.toISOString(),
          registeredBy: c.actor,
        },
      ];
    case 'RemoveWebhook':
      if (s.status !== 'active') throw new NotFoundError(`webhook ${c.webhookId} not found`);
      return [
        {
          type: 'WebhookRemoved',
          webhookId: c.webhookId,
          audience: c.audience,
          removedAt: c.now.toISOString(),
          removedBy: c.actor,
        },
      ];
    default: {
      const unknown: never = c;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const webhookDecider: Decider<WebhookCommand, WebhookEvent, WebhookState> = {
  initialState: initialWebhookState,
  evolve: evolveWebhook,
  decide: decideWebhook,
  eventVersions: versionsOf(webhookEvents),
};
