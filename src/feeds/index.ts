export * from './webhook';
export { webhookDecider, type WebhookCommand } from './webhook.decide';
export { feedsRouter, type FeedsDeps } from './routes';
export {
  webhookDispatcher,
  exponentialBackoff,
  fetchSend,
  deliveryBody,
  type WebhookDispatcher,
  type DispatcherOptions,
  type Send,
  type Answer,
} from './dispatcher';
