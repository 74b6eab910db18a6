export { sessionsRouter, type SessionDeps } from './routes';
