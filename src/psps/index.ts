export * from './psp';
export { pspDecider, type PspCommand } from './psp.decide';
export { pspRegistry, type PspRegistry } from './registry';
export { pspsRouter, type PspsDeps } from './routes';
