import type { DataAccessLevel, DataChannel } from '../../../contracts/vocabulary';

/** Which provider answers: the agency's own endpoint, or the exchange center on its behalf. */
export interface ProviderTarget {
  channel: DataChannel;
  agencyId: string;
}

export interface CodeRequest {
  /** Clear national id, sent to the provider only (it knows the customer's registered mobile). */
  nationalId: string;
  code: string;
  purpose: 'access' | 'history';
  /** Idempotency key: the same on every retry of one request. */
  requestId: string;
}

export interface LookupRequest {
  nationalId: string;
  serviceCode: string;
  items: readonly string[];
  level: DataAccessLevel;
  officeId: string;
  requestId: string;
}

export interface LookupAnswer {
  /** The provider's reference of the look-up (شناسه پیگیری ارائه‌دهنده). */
  reference: string;
  data: Record<string, unknown>;
}

/**
 * The data-exchange port (درگاه تبادل اطلاعات): how the ledger reaches customer data it never
 * keeps. An adapter answers or throws `ProviderUnavailableError`; it retries with the same
 * `requestId`, so a provider that honours the key acts once.
 */
export interface DataExchange {
  sendCode(target: ProviderTarget, request: CodeRequest): Promise<{ reference: string }>;
  lookup(target: ProviderTarget, request: LookupRequest): Promise<LookupAnswer>;
}
