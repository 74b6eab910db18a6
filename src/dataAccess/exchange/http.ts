import { Agent, request } from 'node:https';
import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import type { DataProviders, ProviderSettings } from '../../config';
import type { Clock } from '../../shared/clock';
import { ProviderUnavailableError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { circuitBreaker, type CircuitBreaker } from './breaker';
import type { DataExchange, ProviderTarget } from './port';

type FailureReason = 'timeout' | 'unavailable' | 'connection' | 'tls' | 'bad-response';

class CallFailure extends Error {
  constructor(
    readonly reason: FailureReason,
    detail: string,
  ) {
    super(detail);
  }
}

/** Largest answer read from a provider. */
const maxAnswerBytes = 1 << 20;

const tlsCodes = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/;

function classify(error: unknown): CallFailure {
  if (error instanceof CallFailure) return error;
  const code = String((error as NodeJS.ErrnoException).code ?? '');
  const message = (error as Error).message;
  if (tlsCodes.test(code) || /certificate|alert/i.test(message))
    return new CallFailure('tls', code || message);
  return new CallFailure('connection', code || message);
}

/** One POST of JSON over mutual TLS, with a deadline; answers the status and the body text. */
function post(
  agent: Agent,
  url: URL,
  body: string,
  key: string,
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'idempotency-key': key,
      },
    });
    const timer = setTimeout(() => {
      req.destroy(new CallFailure('timeout', `no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(classify(error));
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxAnswerBytes) req.destroy(new CallFailure('bad-response', 'answer too large'));
        else chunks.push(chunk);
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', (error) => {
        clearTimeout(timer);
        reject(classify(error));
      });
    });
    req.end(body);
  });
}

const retryable = (r: FailureReason) =>
  r === 'timeout' || r === 'connection' || r === 'unavailable';

/** One provider: its TLS agent, its breaker and the retry loop around a call. */
function providerClient(settings: ProviderSettings, clock: Clock) {
  const agent = new Agent({
    cert: settings.cert,
    key: settings.key,
    ...(settings.ca ? { ca: settings.ca } : {}),
    keepAlive: true,
    maxCachedSessions: 0,
  });
  const breaker: CircuitBreaker = circuitBreaker(clock, {
    failures: settings.breakerFailures,
    cooldownMs: settings.breakerCooldownMs,
  });
  const retryAfter = () =>
    Math.max(1, Math.ceil((breaker.openFor() || settings.retryDelayMs * 10 || 1000) / 1000));

  async function call<T>(path: string, body: object, key: string, answer: z.ZodType<T>) {
    const wait = breaker.admit();
    if (wait > 0)
      throw new ProviderUnavailableError(
        'circuit-open',
        0,
        Math.ceil(wait / 1000),
        'the provider failed repeatedly; its circuit is open',
      );
    const url = new URL(path, settings.baseUrl);
    const text = JSON.stringify(body);
    let attempts = 0;
    for (;;) {
      attempts += 1;
      try {
        const res = await post(agent, url, text, key, settings.timeoutMs);
        if (res.status >= 500) throw new CallFailure('unavailable', `status ${res.status}`);
        if (res.status !== 200) throw new CallFailure('bad-response', `status ${res.status}`);
        const parsed = answer.safeParse(JSON.parse(res.text));
        if (!parsed.success) throw new CallFailure('bad-response', 'unexpected answer');
        breaker.succeeded();
        return parsed.data;
      } catch (error) {
        const failure =
          error instanceof SyntaxError
            ? new CallFailure('bad-response', 'not JSON')
            : classify(error);
        if (retryable(failure.reason) && attempts <= settings.retries) {
          await delay(settings.retryDelayMs * 2 ** (attempts - 1));
          continue;
        }
        breaker.failed();
        throw Object.assign(
          new ProviderUnavailableError(
            failure.reason,
            attempts,
            retryAfter(),
            `the provider did not answer: ${failure.reason}`,
          ),
          { cause: failure },
        );
      }
    }
  }
  return { call, breaker, close: () => agent.destroy() };
}

const CodeAnswer = z.object({ reference: z.string().min(1).max(200) });
const LookupAnswer = z.object({
  reference: z.string().min(1).max(200),
  data: z.record(z.string(), z.unknown()),
});

/**
 * The one HTTP adapter of the data-exchange port, for both channels: an agency's own endpoint
 * or the exchange center, each configured in DATA_PROVIDERS_FILE with its base URL, client
 * certificate and key, deadline, retries (carrying the request's idempotency key) and breaker.
 */
export function httpDataExchange(
  providers: DataProviders,
  clock: Clock,
  logger?: Logger,
): DataExchange & { breaker(target: ProviderTarget): CircuitBreaker | undefined; close(): void } {
  const clients = new Map<string, ReturnType<typeof providerClient>>();
  const keyOf = (t: ProviderTarget) => (t.channel === 'nix' ? 'nix' : `agency:${t.agencyId}`);
  const clientOf = (t: ProviderTarget) => {
    const key = keyOf(t);
    let client = clients.get(key);
    if (!client) {
      const settings =
        t.channel === 'nix' ? providers.exchangeCenter : providers.agencies[t.agencyId];
      if (!settings) return undefined;
      clients.set(key, (client = providerClient(settings, clock)));
    }
    return client;
  };
  const run = async <T>(
    t: ProviderTarget,
    path: string,
    body: object,
    key: string,
    a: z.ZodType<T>,
  ) => {
    const client = clientOf(t);
    if (!client)
      throw new ProviderUnavailableError(
        'unavailable',
        0,
        60,
        'no provider is configured for this channel',
      );
    try {
      return await client.call(path, body, key, a);
    } catch (error) {
      if (error instanceof ProviderUnavailableError)
        logger?.warn(
          {
            channel: t.channel,
            agencyId: t.agencyId,
            reason: error.reason,
            attempts: error.attempts,
          },
          'customer-data provider failed',
        );
      throw error;
    }
  };
  return {
    sendCode: (t, r) =>
      run(
        t,
        '/v1/codes',
        { nationalId: r.nationalId, code: r.code, purpose: r.purpose },
        r.requestId,
        CodeAnswer,
      ),
    lookup: (t, r) =>
      run(
        t,
        '/v1/lookups',
        {
          nationalId: r.nationalId,
          serviceCode: r.serviceCode,
          items: r.items,
          level: r.level,
          officeId: r.officeId,
        },
        r.requestId,
        LookupAnswer,
      ),
    breaker: (t) => clientOf(t)?.breaker,
    close: () => clients.forEach((c) => c.close()),
  };
}
