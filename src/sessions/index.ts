export { sessionsRouter, type SessionDeps } from './routes';
export type { IdentityProvider, SubjectCredentials } from './oidc';
