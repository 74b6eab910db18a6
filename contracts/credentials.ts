import { z } from 'zod';
import { ProvinceSchema } from './provinces';
import { memberBodies, roles } from './vocabulary';
import { InstantSchema, ProblemSchema, route } from './route';

export const RoleSchema = z.enum(roles).meta({ id: 'Role' });

export const CredentialScopeSchema = z
  .strictObject({
    province: ProvinceSchema.optional(),
    memberBody: z.enum(memberBodies).optional(),
    agencyId: z.string().min(1).max(64).optional(),
    officeId: z.string().min(1).max(64).optional(),
    terminalId: z
      .string()
      .regex(/^[A-Za-z0-9]{8}$/, '8 letters or digits')
      .optional(),
    pspId: z
      .string()
      .regex(/^[A-Za-z0-9-]{2,32}$/, '2 to 32 letters, digits or dashes')
      .optional(),
    applicantId: z
      .string()
      .regex(/^[a-f0-9]{32}$/, '32 lower-case hex digits')
      .optional(),
  })
  .meta({
    id: 'CredentialScope',
    description: 'Tenant scope; which fields are required depends on the role',
  });

export const IssueCredentialBody = z
  .strictObject({
    role: RoleSchema,
    scope: CredentialScopeSchema.default({}),
    label: z.string().min(1).max(200),
    expiresInDays: z.number().int().min(1).max(3650).default(90),
  })
  .meta({
    id: 'IssueCredentialRequest',
    example: {
      role: 'agency',
      scope: { agencyId: 'AG-17' },
      label: 'Registry agency accounting',
      expiresInDays: 90,
    },
  });

export const IssuedCredentialSchema = z
  .object({
    credentialId: z.uuid(),
    token: z.string().describe('Shown once; only its SHA-256 is stored'),
    signingSecret: z.string().optional().describe('Gateways and PSPs only; shown once'),
    expiresAt: InstantSchema,
  })
  .meta({ id: 'IssuedCredential' });

export const CredentialViewSchema = z
  .object({
    credentialId: z.uuid(),
    role: RoleSchema,
    scope: CredentialScopeSchema,
    label: z.string(),
    issuedAt: InstantSchema,
    expiresAt: InstantSchema,
    revokedAt: InstantSchema.optional(),
  })
  .meta({ id: 'Credential' });

const CredentialIdParams = z.strictObject({ credentialId: z.uuid() });

export const credentialRoutes = {
  issue: route({
    operationId: 'issueCredential',
    method: 'post',
    path: '/v1/credentials',
    action: 'credential.issue',
    summary: 'Issue a bearer credential (token shown once)',
    tags: ['credentials'],
    body: IssueCredentialBody,
    responses: { 201: { description: 'Issued', schema: IssuedCredentialSchema } },
  }),
  list: route({
    operationId: 'listCredentials',
    method: 'get',
    path: '/v1/credentials',
    action: 'credential.list',
    summary: 'List credentials (never their tokens)',
    tags: ['credentials'],
    responses: {
      200: {
        description: 'Credentials',
        schema: z.object({ items: z.array(CredentialViewSchema) }),
      },
    },
  }),
  revoke: route({
    operationId: 'revokeCredential',
    method: 'post',
    path: '/v1/credentials/{credentialId}/revoke',
    action: 'credential.revoke',
    summary: 'Revoke a credential; it stops working at once',
    tags: ['credentials'],
    params: CredentialIdParams,
    body: z
      .strictObject({ reason: z.string().min(1).max(500) })
      .meta({ id: 'RevokeCredentialRequest', example: { reason: 'terminal lost' } }),
    responses: {
      204: { description: 'Revoked' },
      409: { description: 'Already revoked', schema: ProblemSchema },
    },
  }),
  whoami: route({
    operationId: 'whoAmI',
    method: 'get',
    path: '/v1/me',
    action: 'self.read',
    summary: "The caller's role and scope",
    tags: ['credentials'],
    responses: {
      200: {
        description: 'The principal',
        schema: z
          .object({ credentialId: z.uuid(), role: RoleSchema, scope: CredentialScopeSchema })
          .meta({ id: 'Principal' }),
      },
    },
  }),
};
