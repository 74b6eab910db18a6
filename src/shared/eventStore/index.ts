export * from './port';
export { commandHandler } from './commandHandler';
export type { Decider } from './commandHandler';
export { memoryEventStore } from './adapters/memory';
export { sqliteEventStore } from './adapters/sqlite';
export { postgresEventStore } from './adapters/postgres';
export { eventsBehind } from './lag';
