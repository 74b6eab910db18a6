import { ProviderUnavailableError } from '../shared/errors';
import type { Logger } from '../shared/logger';

/** One text message (پیامک) to one mobile; `idempotencyKey` is the same on every retry. */
export interface SmsMessage {
  to: string;
  text: string;
  idempotencyKey: string;
}

/**
 * The SMS port (درگاه پیامک): how applicants receive sign-up codes and decisions. An adapter
 * answers the provider's reference or throws `ProviderUnavailableError`.
 */
export interface SmsSender {
  send(message: SmsMessage): Promise<{ reference: string }>;
}

export interface HttpSmsConfig {
  /** SMS_URL: the provider's base URL; messages are POSTed to `<url>/v1/messages`. */
  url: string;
  /** SMS_API_KEY: sent as `Authorization: Bearer <key>`. */
  apiKey: string;
  timeoutMs?: number;
}

/**
 * The HTTP adapter: one POST per message with an `Idempotency-Key`, one retry on a timeout or
 * a 5xx. The message text (which holds a code) and the number are never logged.
 */
export function httpSms(config: HttpSmsConfig, logger: Logger): SmsSender {
  const endpoint = new URL('v1/messages', config.url.endsWith('/') ? config.url : `${config.url}/`);
  async function attempt(m: SmsMessage): Promise<{ reference: string } | 'retry'> {
    try {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${config.apiKey}`,
          'idempotency-key': m.idempotencyKey,
        },
        body: JSON.stringify({ to: m.to, text: m.text }),
        signal: AbortSignal.timeout(config.timeoutMs ?? 5000),
      });
      if (res.status >= 500) return 'retry';
      const body = (await res.json()) as { reference?: unknown };
      if (!res.ok || typeof body.reference !== 'string')
        throw new ProviderUnavailableError('bad-response', 1, 30, 'The SMS provider refused');
      return { reference: body.reference };
    } catch (error) {
      if (error instanceof ProviderUnavailableError) throw error;
      return 'retry';
    }
  }
  return {
    async send(m) {
      for (let i = 1; i <= 2; i += 1) {
        const r = await attempt(m);
        if (r !== 'retry') return r;
        logger.warn({ attempt: i, provider: 'sms' }, 'SMS provider did not answer');
      }
      throw new ProviderUnavailableError('unavailable', 2, 30, 'The SMS provider is unavailable');
    },
  };
}

/** No provider configured: every send fails, so nothing pretends a code went out. */
export const noSms: SmsSender = {
  send: () =>
    Promise.reject(
      new ProviderUnavailableError('unavailable', 0, 60, 'No SMS provider is configured (SMS_URL)'),
    ),
};
