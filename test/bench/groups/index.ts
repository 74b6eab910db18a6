import type { BenchGroup } from '../lib/group';
import { appendSqlite } from './appendSqlite';
import { emmettSqlite } from './emmettSqlite';
import { httpEcho } from './httpEcho';
import { sqliteRaw } from './sqliteRaw';

/** Registry order is run order: floors and peers first, so a crash later still leaves them. */
export const groups: readonly BenchGroup[] = [sqliteRaw, emmettSqlite, appendSqlite, httpEcho];
