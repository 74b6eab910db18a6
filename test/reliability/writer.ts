/**
 * Crash-test writer: many concurrent single-event appends to distinct streams, printing
 * each event id only after its append is acknowledged. The crash test SIGKILLs it mid-burst.
 * Usage: writer.ts sqlite <file> | writer.ts postgres <connection string> <schema>
 */
import { randomUUID } from 'node:crypto';
import { postgresEventStore, sqliteEventStore } from '../../src/shared/eventStore';
import type { EventStore } from '../../src/shared/eventStore';

const CALLERS = 64;
const MAX_APPENDS = 200_000;

async function open(args: string[]): Promise<EventStore> {
  const [kind, target, schema] = args;
  if (kind === 'sqlite' && target) return sqliteEventStore(target);
  if (kind === 'postgres' && target && schema)
    return postgresEventStore({ connectionString: target, schema });
  throw new Error('usage: writer.ts sqlite <file> | writer.ts postgres <url> <schema>');
}

async function main(): Promise<void> {
  const store = await open(process.argv.slice(2));
  let started = 0;
  const payload = 'x'.repeat(400);
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      while (started++ < MAX_APPENDS) {
        const id = randomUUID();
        await store.append(
          `crash-${id}`,
          [{ id, type: 'CrashProbe', data: { payload } }],
          'no_stream',
        );
        process.stdout.write(`${id}\n`);
      }
    }),
  );
  await store.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
