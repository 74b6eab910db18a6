import { Router } from 'express';
import { credentialRoutes as c } from '../../contracts/credentials';
import { NotFoundError, ValidationError } from '../shared/errors';
import { mount } from '../shared/http/mount';
import { instant } from '../shared/jalali';
import { issueCredential, revokeCredential, type CredentialDeps } from './issue';
import type { CredentialRecord, CredentialRegistry } from './registry';

function view(r: CredentialRecord) {
  const { credentialId, role, ...scope } = r.principal;
  return {
    credentialId,
    role,
    scope,
    label: r.label,
    issuedAt: instant(new Date(r.issuedAt)),
    expiresAt: instant(new Date(r.expiresAt)),
    ...(r.revokedAt ? { revokedAt: instant(new Date(r.revokedAt)) } : {}),
  };
}

export function credentialsRouter(deps: CredentialDeps & { registry: CredentialRegistry }): Router {
  const router = Router();

  mount(router, c.issue, async ({ body, principal }) => {
    if (body.role === 'psp')
      throw new ValidationError("A PSP's one credential is issued when it is registered", [
        { path: 'role', message: 'register the PSP with POST /v1/psps' },
      ]);
    const issued = await issueCredential(deps, body, principal.credentialId);
    await deps.registry.ensure(issued.position);
    return {
      status: 201,
      headers: { 'Cache-Control': 'no-store' },
      body: {
        credentialId: issued.credentialId,
        token: issued.token,
        ...(issued.signingSecret ? { signingSecret: issued.signingSecret } : {}),
        expiresAt: instant(issued.expiresAt),
      },
    };
  });

  mount(router, c.list, async () => ({
    status: 200,
    body: { items: deps.registry.list().map(view) },
  }));

  mount(router, c.revoke, async ({ params, body, principal }) => {
    if (!deps.registry.list().some((r) => r.principal.credentialId === params.credentialId)) {
      throw new NotFoundError('credential not found');
    }
    const position = await revokeCredential(
      deps,
      params.credentialId,
      body.reason,
      principal.credentialId,
    );
    await deps.registry.ensure(position);
    return { status: 204 };
  });

  mount(router, c.whoami, async ({ principal }) => {
    const { credentialId, role, ...scope } = principal;
    return { status: 200, body: { credentialId, role, scope } };
  });

  return router;
}
