import { z } from 'zod';
import { feedItemTypes } from './events/webhooks';
import { InstantSchema, ProblemSchema, route } from './route';

const tags = ['feeds'];

const WebhookId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, '1 to 40 lower-case letters, digits or dashes');

export const FeedItemSchema = z
  .object({
    seq: z.number().int().describe("The item's place in the caller's feed, from 1, without gaps"),
    type: z.enum(feedItemTypes),
    position: z.number().int().describe('Log position of the event the item comes from'),
    occurredAt: InstantSchema,
    data: z.record(z.string(), z.unknown()).describe('What happened; see docs/integrators.md'),
  })
  .meta({ id: 'FeedItem', description: 'One item of an agency or PSP feed (خوراک رویداد)' });

export const WebhookSchema = z
  .object({
    webhookId: z.string(),
    url: z.string(),
    eventTypes: z.array(z.enum(feedItemTypes)),
    registeredAt: InstantSchema,
    delivery: z.object({
      deliveredSeq: z
        .number()
        .int()
        .describe('Every item up to here was delivered or dead-lettered'),
      feedSeq: z.number().int().describe('The last item of the feed'),
      attempts: z.number().int().describe('Failed attempts at the next item'),
      lastError: z.string().optional(),
      deadLetters: z.number().int(),
    }),
  })
  .meta({ id: 'Webhook' });

export const DeadLetterSchema = z
  .object({
    seq: z.number().int(),
    type: z.enum(feedItemTypes),
    attempts: z.number().int(),
    lastError: z.string(),
    deadAt: InstantSchema,
    redriving: z.boolean().describe('Queued for delivery again'),
  })
  .meta({ id: 'WebhookDeadLetter' });

const Params = z.strictObject({ webhookId: WebhookId });
const notFound = {
  404: { description: 'No such webhook of yours', schema: ProblemSchema },
};

export const feedRoutes = {
  feed: route({
    operationId: 'readFeed',
    method: 'get',
    path: '/v1/feed',
    action: 'feed.read',
    summary:
      "The caller's own events in order (an agency: its services' payments, complaints about it, its settlement; a PSP: its terminals' payments), after a cursor",
    tags,
    query: z.strictObject({
      after: z
        .string()
        .regex(/^\d{1,15}$/, 'a cursor: the `seq` of the last item read')
        .optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
    responses: {
      200: {
        description: 'One page; read again with `after=nextCursor`',
        schema: z
          .object({
            items: z.array(FeedItemSchema),
            nextCursor: z.string().describe('Pass as `after`; the same cursor when nothing is new'),
            position: z.number().int().describe('Log position the page reflects'),
          })
          .meta({ id: 'FeedPage' }),
      },
    },
  }),
  register: route({
    operationId: 'registerWebhook',
    method: 'post',
    path: '/v1/webhooks',
    action: 'webhook.manage',
    summary:
      "Register a webhook for the caller's feed; the signing secret is shown once. Delivery starts with the next item",
    tags,
    body: z
      .strictObject({
        webhookId: WebhookId,
        url: z
          .url({ protocol: /^https?$/ })
          .max(2000)
          .describe('http or https; the ledger POSTs each item here'),
        eventTypes: z.array(z.enum(feedItemTypes)).max(feedItemTypes.length).default([]),
      })
      .meta({
        id: 'RegisterWebhook',
        example: { webhookId: 'orders', url: 'https://agency.example/pishkhan', eventTypes: [] },
      }),
    responses: {
      201: {
        description: 'Registered; `signingSecret` is shown once',
        schema: z
          .object({ webhook: WebhookSchema, signingSecret: z.string() })
          .meta({ id: 'RegisteredWebhook' }),
      },
      409: { description: 'A webhook of that id is registered', schema: ProblemSchema },
    },
  }),
  list: route({
    operationId: 'listWebhooks',
    method: 'get',
    path: '/v1/webhooks',
    action: 'webhook.manage',
    summary: "The caller's webhooks with their delivery progress",
    tags,
    responses: {
      200: { description: 'The webhooks', schema: z.object({ items: z.array(WebhookSchema) }) },
    },
  }),
  remove: route({
    operationId: 'removeWebhook',
    method: 'delete',
    path: '/v1/webhooks/{webhookId}',
    action: 'webhook.manage',
    summary: 'Remove a webhook: nothing more is delivered to it',
    tags,
    params: Params,
    responses: { 204: { description: 'Removed' }, ...notFound },
  }),
  deadLetters: route({
    operationId: 'webhookDeadLetters',
    method: 'get',
    path: '/v1/webhooks/{webhookId}/dead-letters',
    action: 'webhook.manage',
    summary: 'Items the webhook gave up on after its attempts (dead letters), oldest first',
    tags,
    params: Params,
    responses: {
      200: {
        description: 'The dead letters',
        schema: z.object({ items: z.array(DeadLetterSchema) }),
      },
      ...notFound,
    },
  }),
  redrive: route({
    operationId: 'redriveWebhook',
    method: 'post',
    path: '/v1/webhooks/{webhookId}/redrive',
    action: 'webhook.manage',
    summary: 'Deliver every dead letter again, oldest first, beside the items still to come',
    tags,
    params: Params,
    responses: {
      202: {
        description: 'Queued',
        schema: z.object({ redriving: z.number().int() }).meta({ id: 'WebhookRedrive' }),
      },
      ...notFound,
    },
  }),
};
