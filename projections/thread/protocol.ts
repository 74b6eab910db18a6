import type { Config } from '../../src/config';

/** What the projection thread needs to open its own connections to the log and the read models. */
export type ThreadConfig = Pick<
  Config,
  'EVENT_STORE' | 'dataDir' | 'DATABASE_URL' | 'DATABASE_SCHEMA' | 'ESDB_CONNECTION_STRING'
> &
  Partial<Pick<Config, 'DATABASE_LAYOUT'>> & {
    cutoffMinutes: number;
    pollMs?: number;
    leaseMs?: number;
    /** PROJECTION_THREAD_NICE. */
    nice?: number;
  };

/** A call the HTTP thread makes of the runner in the projection thread. */
export type Call =
  | { id: number; op: 'waitFor'; name: string; target?: number }
  | { id: number; op: 'reach'; name: string; target: number; timeoutMs: number }
  | { id: number; op: 'catchUp' }
  | { id: number; op: 'rebuild'; name: string }
  | { id: number; op: 'countLedgerTo'; target: number }
  | { id: number; op: 'verifyLedger'; scrub: number }
  | { id: number; op: 'abortVerify' }
  | { id: number; op: 'stop' };

/** What the projection thread tells the HTTP thread. */
export type Told =
  | { kind: 'started' }
  | { kind: 'answer'; id: number; ok: true; value?: unknown }
  | { kind: 'answer'; id: number; ok: false; error: string }
  | { kind: 'roundFailed'; error: string };
