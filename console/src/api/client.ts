import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];

/** What the console knows of its session; the cookie itself is HttpOnly and never read here. */
export interface SessionState {
  csrfToken?: string;
  onEnded?: () => void;
  onUsed?: () => void;
}
export const session: SessionState = {};

const changesState = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    if (changesState.has(request.method) && session.csrfToken)
      request.headers.set('X-CSRF-Token', session.csrfToken);
    return request;
  },
  onResponse({ response, request }) {
    // The session's own routes say how it ended themselves (sign-in refused, idle sign-out).
    const own = new URL(request.url).pathname === '/v1/session';
    if (response.status === 401 && !own) session.onEnded?.();
    else if (response.ok) session.onUsed?.();
    return response;
  },
};

/**
 * The API, typed from the OpenAPI document the server generates from its contracts
 * (contracts/openapi.json → schema.d.ts at every build), so a screen that asks for a field
 * or a parameter the API does not have fails the build. The session cookie goes with every
 * request by itself (same origin); state-changing requests carry the CSRF token.
 */
export const api = createClient<paths>({ baseUrl: location.origin, credentials: 'same-origin' });
api.use(sessionMiddleware);

/** A failed call as the screens show it: problem+json, or no answer at all (status 0, `network`). */
export class Failure extends Error {
  readonly code: string;
  readonly detail?: string;
  readonly requestId?: string;
  readonly errors?: Array<{ path: string; message: string }>;
  constructor(
    readonly status: number,
    body: unknown,
  ) {
    const p = (body ?? {}) as Partial<Problem>;
    super(p.detail ?? `HTTP ${status}`);
    this.code = status === 0 ? 'network' : typeof p.code === 'string' ? p.code : 'other';
    if (p.detail) this.detail = p.detail;
    if (p.requestId) this.requestId = p.requestId;
    if (p.errors) this.errors = p.errors;
  }
}

export const networkFailure = () => new Failure(0, undefined);

/** Answers `data`, or throws the failure; openapi-fetch's result as one value for the screens. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: Awaited<typeof call>;
  try {
    result = await call;
  } catch {
    throw networkFailure();
  }
  if (result.error !== undefined || !result.response.ok)
    throw new Failure(result.response.status, result.error);
  return result.data as T;
}
