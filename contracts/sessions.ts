import { z } from 'zod';
import { CredentialScopeSchema, RoleSchema } from './credentials';
import { InstantSchema, ProblemSchema, route } from './route';

const SessionSchema = z
  .object({
    role: RoleSchema,
    scope: CredentialScopeSchema,
    csrfToken: z
      .string()
      .optional()
      .describe('Send as X-CSRF-Token on every POST, PUT, PATCH and DELETE; only with a session'),
    expiresAt: InstantSchema.optional().describe(
      'When the session ends if it is not used again (idle timeout); only with a session',
    ),
  })
  .meta({ id: 'ConsoleSession' });

export const sessionRoutes = {
  open: route({
    operationId: 'openSession',
    method: 'post',
    path: '/v1/session',
    action: 'public',
    summary: "Exchange a credential's bearer token for a console session cookie",
    description:
      'Sets `pishkhan_session` (HttpOnly, SameSite=Strict, Secure over TLS). Gateway and PSP credentials sign every request and cannot open a session (403).',
    tags: ['sessions'],
    body: z
      .strictObject({ token: z.string().min(1).max(200) })
      .meta({ id: 'OpenSessionRequest', example: { token: '<bearer token>' } }),
    responses: {
      201: { description: 'Signed in; the cookie is set', schema: SessionSchema },
      401: { description: 'Unknown, revoked or expired token', schema: ProblemSchema },
      403: { description: 'A gateway or PSP credential', schema: ProblemSchema },
    },
  }),
  read: route({
    operationId: 'readSession',
    method: 'get',
    path: '/v1/session',
    action: 'self.read',
    summary: 'The current session: role, scope, CSRF token and idle expiry',
    description:
      'With a bearer token instead of a session, answers the role and scope only. 401 when the session is unknown, idle too long or its credential revoked.',
    tags: ['sessions'],
    responses: { 200: { description: 'The session', schema: SessionSchema } },
  }),
  end: route({
    operationId: 'endSession',
    method: 'delete',
    path: '/v1/session',
    action: 'self.read',
    summary: 'Sign out: the session ends on every node and the cookie is cleared',
    tags: ['sessions'],
    responses: { 204: { description: 'Signed out' } },
  }),
};
