export { publicInfoRouter, type PublicInfoDeps } from './routes';
