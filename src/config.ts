import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { parseTrustProxy } from './shared/http/clientAddress';
import { sheba } from './shared/iranianIds';

/** One customer-data provider as the providers file names it; files are relative to that file. */
const ProviderFileEntry = z.strictObject({
  baseUrl: z.url({ protocol: /^https$/ }),
  certFile: z.string().min(1),
  keyFile: z.string().min(1),
  caFile: z.string().min(1).optional(),
  timeoutMs: z.number().int().min(50).max(120_000).default(5000),
  retries: z.number().int().min(0).max(5).default(2),
  retryDelayMs: z.number().int().min(0).max(10_000).default(200),
  breakerFailures: z.number().int().min(1).max(100).default(5),
  breakerCooldownMs: z.number().int().min(100).max(3_600_000).default(30_000),
});
const ProvidersFile = z.strictObject({
  exchangeCenter: ProviderFileEntry.optional(),
  agencies: z.record(z.string(), ProviderFileEntry).default({}),
});

/** A provider's endpoint with its mutual-TLS client certificate and key (PEM) read in. */
export type ProviderSettings = Omit<
  z.infer<typeof ProviderFileEntry>,
  'certFile' | 'keyFile' | 'caFile'
> & { cert: string; key: string; ca?: string };

/** Where customer data is fetched from: the exchange center and each agency's own endpoint. */
export interface DataProviders {
  exchangeCenter?: ProviderSettings;
  agencies: Record<string, ProviderSettings>;
}

/** Reads DATA_PROVIDERS_FILE and the certificate files it names. */
export function loadDataProviders(file: string | undefined): DataProviders {
  if (!file) return { agencies: {} };
  const dir = dirname(resolve(file));
  const parsed = ProvidersFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  const read = (name: string) => readFileSync(resolve(dir, name), 'utf8');
  const settings = ({ certFile, keyFile, caFile, ...rest }: z.infer<typeof ProviderFileEntry>) => ({
    ...rest,
    cert: read(certFile),
    key: read(keyFile),
    ...(caFile ? { ca: read(caFile) } : {}),
  });
  return {
    ...(parsed.exchangeCenter ? { exchangeCenter: settings(parsed.exchangeCenter) } : {}),
    agencies: Object.fromEntries(
      Object.entries(parsed.agencies).map(([id, entry]) => [id, settings(entry)]),
    ),
  };
}

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** The schemes the KurrentDB client takes for a node list (`…://`) or a DNS name to discover from (`…+discover://`). */
const kurrentConnectionString = z
  .string()
  .regex(
    /^(kurrentdb|esdb)(\+discover)?:\/\/[^\s]+$/,
    'a kurrentdb://, kurrentdb+discover://, esdb:// or esdb+discover:// connection string',
  );

const ConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).default('./data'),
    EVENT_STORE: z.enum(['sqlite', 'postgres', 'esdb', 'memory']).default('sqlite'),
    DATABASE_URL: z.string().url().optional(),
    /** PostgreSQL schema that holds the event tables. */
    DATABASE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/)
      .default('public'),
    /**
     * How a PostgreSQL store lays out a NEW events table: `monthly` partitions it by Jalali
     * month (docs/log-archive.md); `single` is one table. An existing table keeps its layout.
     */
    DATABASE_LAYOUT: z.enum(['monthly', 'single']).default('monthly'),
    /** `pishkhan log archive` refuses a month that ended fewer than this many days ago. */
    LOG_ARCHIVE_MIN_AGE_DAYS: z.coerce.number().int().min(0).default(90),
    /** KurrentDB or EventStoreDB cluster; `KURRENTDB_CONNECTION_STRING` is the same setting. */
    ESDB_CONNECTION_STRING: kurrentConnectionString.optional(),
    KURRENTDB_CONNECTION_STRING: kurrentConnectionString.optional(),
    LOG_LEVEL: LogLevel.default('info'),
    /** 32-byte key (hex or base64) that encrypts terminal signing secrets; generated under DATA_DIR when absent. */
    SECRETS_KEY: z.string().min(32).optional(),
    BODY_LIMIT: z
      .string()
      .regex(/^\d+(kb|mb)$/i)
      .default('1mb'),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(10000),
    /**
     * Where the projection runner folds the log into the read models: `thread`, a worker thread
     * with its own connections, so folding never holds a request; `inline`, on the HTTP thread.
     * The memory store always folds inline (a thread cannot see another thread's memory).
     */
    PROJECTION_FOLD: z.enum(['thread', 'inline']).default('thread'),
    /**
     * The projection thread's nice value on Linux (0 to 19): the CPU goes to the HTTP thread and
     * the store's writer first, and folding takes what they leave. 0 folds at equal priority.
     */
    PROJECTION_THREAD_NICE: z.coerce.number().int().min(0).max(19).default(10),
    /**
     * How long a node's hold on a projection build lasts unless renewed (it renews every poll);
     * when a node dies, another takes its builds within this plus one poll.
     */
    PROJECTION_LEASE_MS: z.coerce.number().int().min(500).default(30_000),
    /** Events a live projection may trail the head by before /readyz fails. */
    PROJECTION_MAX_LAG: z.coerce.number().int().min(0).default(10000),
    /** Settlement business-day cut-off in Asia/Tehran (HH:MM); payments from it on belong to the next day. */
    SETTLEMENT_CUTOFF: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
      .default('00:00'),
    /** The account payouts are debited from (pain.001 Dbtr), and its holder's name. */
    SETTLEMENT_DEBTOR_IBAN: z
      .string()
      .regex(/^IR\d{24}$/)
      .optional(),
    SETTLEMENT_DEBTOR_NAME: z.string().min(1).max(70).default('Shaparak settlement'),
    /**
     * Sheba (شبا) of the tax administration's VAT account (حساب مالیات بر ارزش افزوده سازمان امور
     * مالیاتی): settlement pays each day's VAT to it. Persian digits accepted; mod-97 checked.
     */
    VAT_IBAN: z
      .string()
      .transform((s, ctx) => {
        const id = sheba(s);
        if (id === undefined)
          ctx.addIssue({ code: 'custom', message: 'not a valid Sheba (IR + 24 digits, mod-97)' });
        return id ?? s;
      })
      .optional(),
    /** How old a payment's transaction time may be when a terminal posts it (store-and-forward), in days. */
    PAYMENT_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(90).default(7),
    /** Requests per minute per credential (people and systems other than gateways); 0 turns the limit off. */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
    /** Requests per minute per gateway credential (one terminal's PSP switch); 0 turns the limit off. */
    RATE_LIMIT_GATEWAY_PER_MINUTE: z.coerce.number().int().min(0).default(600000),
    /** How long a request may run before it is answered 503 problem+json. */
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(30000),
    /**
     * Which reverse proxies may name the client's address in X-Forwarded-For, for the public
     * rate limits: off (default), a hop count, or a comma-separated list of addresses and CIDR ranges.
     */
    TRUST_PROXY: z
      .string()
      .default('off')
      .transform((value, ctx) => {
        try {
          return { text: value, trust: parseTrustProxy(value) };
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
          return z.NEVER;
        }
      }),
    /** Strict-Transport-Security max-age in seconds when TLS is in front of the service; 0 sends no HSTS header. */
    HSTS_MAX_AGE: z.coerce.number().int().min(0).default(0),
    /** Seconds between retries of refunds that resolved complaints ordered and the ledger has not recorded; 0 turns the retry off. */
    REFUND_RETRY_SECONDS: z.coerce.number().int().min(0).default(60),
    /** Seconds between rounds of the renewal reminder job (60 and 30 days before expiry); 0 turns it off. */
    RENEWAL_REMINDER_SECONDS: z.coerce.number().int().min(0).default(3600),
    /** Seconds between each node's rounds completing decisions whose effect on the license is missing (a holder's approved request, a recommendation acted on); 0 turns them off. */
    EFFECT_COMPLETION_SECONDS: z.coerce.number().int().min(0).default(30),
    /** Seconds between looks for backdated tariff approvals whose payments are still to be reassessed; 0 turns it off. */
    REASSESS_SECONDS: z.coerce.number().int().min(0).default(30),
    /** How often each node compares recently closed settlement days with the ledger; 0 turns it off. */
    SETTLEMENT_CHECK_SECONDS: z.coerce.number().int().min(0).default(300),
    /** How many days back closed settlement days are compared with the ledger at every check. */
    SETTLEMENT_CHECK_DAYS: z.coerce.number().int().min(1).max(3660).default(35),
    /** How often each node looks for ended Tehran days to seal (مهر روزانه دفتر); 0 turns the sealer off. */
    SEAL_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(60),
    /** Milliseconds between the webhook dispatcher's rounds on the node holding its lease; 0 turns delivery off. */
    WEBHOOK_POLL_MS: z.coerce.number().int().min(0).default(500),
    /** Attempts at one webhook item before it goes to the webhook's dead letters. */
    WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    /** The wait after a webhook's first failed attempt; it doubles after each further one, at most an hour. */
    WEBHOOK_BACKOFF_BASE_MS: z.coerce.number().int().min(1).default(1000),
    /** One webhook delivery attempt's bound: a receiver that has not answered by then failed. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
    /** Minutes after a Tehran day ends before it is sealed, for appends still in flight at midnight. */
    SEAL_GRACE_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
    /**
     * How often each node checks the seal chain and recomputes the seals it has not verified yet
     * (`ledger verify`); 0 turns it off.
     */
    LEDGER_VERIFY_SECONDS: z.coerce.number().int().min(0).default(3600),
    /** Already verified days each round hashes again, oldest verification first (the scrub). */
    LEDGER_VERIFY_SCRUB_DAYS: z.coerce.number().int().min(0).default(3),
    /** JSON file naming the customer-data providers (clause 5) and their client certificates. */
    DATA_PROVIDERS_FILE: z.string().min(1).optional(),
    /** The exchange center is on from configuration: direct agency channels are refused whatever the regulator's commands say. */
    DATA_EXCHANGE_CENTER_ONLY: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    /** The SMS provider's base URL (applicants' sign-up codes and decisions); none sends nothing. */
    SMS_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** The SMS provider's API key, sent as a bearer token; required with SMS_URL. */
    SMS_API_KEY: z.string().min(8).optional(),
    /** How long an applicant's session token lasts, in hours. */
    APPLICANT_SESSION_HOURS: z.coerce.number().int().min(1).max(720).default(12),
    /** A console session unused this many minutes ends (sign in again). */
    CONSOLE_IDLE_MINUTES: z.coerce.number().int().min(1).max(720).default(30),
    /** Sign-up codes one national id may ask for in an hour. */
    APPLICANT_CODES_PER_HOUR: z.coerce.number().int().min(1).max(100).default(5),
    /** The largest application document accepted, in bytes (base64 in a JSON body under BODY_LIMIT). */
    DOCUMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(700_000).default(524_288),
  })
  .superRefine((c, ctx) => {
    if (c.SMS_URL && !c.SMS_API_KEY) {
      ctx.addIssue({ code: 'custom', path: ['SMS_API_KEY'], message: 'required with SMS_URL' });
    }
    if (c.EVENT_STORE === 'postgres' && !c.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: 'required when EVENT_STORE=postgres',
      });
    }
    if (c.EVENT_STORE === 'esdb' && !c.ESDB_CONNECTION_STRING && !c.KURRENTDB_CONNECTION_STRING) {
      ctx.addIssue({
        code: 'custom',
        path: ['ESDB_CONNECTION_STRING'],
        message: 'required when EVENT_STORE=esdb (or KURRENTDB_CONNECTION_STRING)',
      });
    }
    const [esdb, kurrent] = [c.ESDB_CONNECTION_STRING, c.KURRENTDB_CONNECTION_STRING];
    if (esdb && kurrent && esdb !== kurrent) {
      ctx.addIssue({
        code: 'custom',
        path: ['KURRENTDB_CONNECTION_STRING'],
        message: 'differs from ESDB_CONNECTION_STRING; set one of them',
      });
    }
  })
  .transform(({ KURRENTDB_CONNECTION_STRING: kurrent, ...c }) => {
    const connectionString = c.ESDB_CONNECTION_STRING ?? kurrent;
    return { ...c, ...(connectionString ? { ESDB_CONNECTION_STRING: connectionString } : {}) };
  });

export type Config = z.infer<typeof ConfigSchema> & {
  dataDir: string;
  dataProviders: DataProviders;
};

export class ConfigError extends Error {}

/** Parses the environment once; a bad value stops start-up with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`,
    );
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  let dataProviders: DataProviders;
  try {
    dataProviders = loadDataProviders(parsed.data.DATA_PROVIDERS_FILE);
  } catch (error) {
    throw new ConfigError(
      `invalid configuration:\n  DATA_PROVIDERS_FILE: ${error instanceof z.ZodError ? error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (error as Error).message}`,
    );
  }
  return { ...parsed.data, dataDir: resolve(parsed.data.DATA_DIR), dataProviders };
}
