import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config';
import { esdbEventStore } from './adapters/esdb';
import { memoryEventStore } from './adapters/memory';
import { postgresEventStore } from './adapters/postgres';
import { sqliteEventStore } from './adapters/sqlite';
import type { EventStore } from './port';

/** Picks the adapter named by EVENT_STORE. */
export async function openEventStore(
  config: Pick<
    Config,
    'EVENT_STORE' | 'dataDir' | 'DATABASE_URL' | 'DATABASE_SCHEMA' | 'ESDB_CONNECTION_STRING'
  > &
    Partial<Pick<Config, 'DATABASE_LAYOUT'>>,
): Promise<EventStore> {
  switch (config.EVENT_STORE) {
    case 'sqlite':
      mkdirSync(config.dataDir, { recursive: true });
      return sqliteEventStore(join(config.dataDir, 'events.sqlite'));
    case 'memory':
      return memoryEventStore();
    case 'postgres':
      return postgresEventStore({
        connectionString: config.DATABASE_URL!,
        schema: config.DATABASE_SCHEMA,
        ...(config.DATABASE_LAYOUT ? { layout: config.DATABASE_LAYOUT } : {}),
      });
    case 'esdb':
      return esdbEventStore(config.ESDB_CONNECTION_STRING!);
  }
}
