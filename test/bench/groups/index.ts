import type { BenchGroup } from '../lib/group';
import { appendPostgres } from './appendPostgres';
import { appendSqlite } from './appendSqlite';
import { emmettPostgres } from './emmettPostgres';
import { emmettSqlite } from './emmettSqlite';
import { httpEcho } from './httpEcho';
import { ledgerSeal } from './ledgerSeal';
import { paymentsHttp } from './paymentsHttp';
import { projectionsAll } from './projectionsAll';
import { projectionsPeriod } from './projectionsPeriod';
import { projectionsSettlement } from './projectionsSettlement';
import { replayMemory } from './replayMemory';
import { reportsParties } from './reportsParties';
import { scale } from './scale';
import { sqliteRaw } from './sqliteRaw';
import { storedJsonGroup } from './storedJson';
import { webhooksDead } from './webhooksDead';

/** Registry order is run order: floors and peers first, so a crash later still leaves them. */
export const groups: readonly BenchGroup[] = [
  sqliteRaw,
  emmettSqlite,
  appendSqlite,
  emmettPostgres,
  appendPostgres,
  httpEcho,
  paymentsHttp,
  webhooksDead,
  projectionsSettlement,
  projectionsAll,
  projectionsPeriod,
  reportsParties,
  ledgerSeal,
  storedJsonGroup,
  replayMemory,
  scale,
];
