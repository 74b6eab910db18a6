import type { RequestListener } from 'node:http';
import express from 'express';
import swaggerUi from 'swagger-ui-express';
import { buildOpenApiDocument } from '../contracts/openapi';
import type { ReportingDeps } from '../projections';
import { reportsRouter } from '../projections/routes';
import {
  applicantKeys,
  applicantsRouter,
  decisionNotifier,
  memoryDocuments,
  noSms,
  shippedRules,
  type DocumentStore,
  type SmsSender,
} from './applicants';
import { calendarRouter } from './calendar';
import { catalogueRouter } from './catalogue';
import {
  complaintsRouter,
  defaultSlaPolicy,
  paymentsRefundLedger,
  publicComplaintGuards,
  type PublicLimits,
  type RefundLedger,
} from './complaints';
import { consoleRouter, defaultConsoleDir } from './console';
import { credentialsRouter } from './credentials';
import { feedsRouter } from './feeds';
import {
  citizenRouter,
  dataAccessAuditRouter,
  dataAccessRouter,
  httpDataExchange,
  type DataAccessDeps,
  type DataExchange,
} from './dataAccess';
import { holdersRouter } from './holders';
import { licensingRouter, recommendationsRouter, recordLicenseApplication } from './licensing';
import { officesRouter } from './offices';
import { pspsRouter } from './psps';
import { paymentKeys, paymentReads, paymentsRouter } from './payments';
import { publicInfoRouter } from './publicInfo';
import type { ReadModels } from './readModels';
import { pspSettlementRouter, reconciliationRouter } from './reconciliation';
import { sessionsRouter } from './sessions';
import { settlementRouter } from './settlement';
import type { Clock } from './shared/clock';
import type { EventStore } from './shared/eventStore';
import { authenticate, authenticator } from './shared/http/auth';
import { clientAddress, type TrustProxy } from './shared/http/clientAddress';
import { edge } from './shared/http/edge';
import { problemPages } from './shared/http/problemPages';
import { bodyLimitBytes, directLane } from './shared/http/lane';
import { localRequestMemory } from './shared/http/localMemory';
import {
  credentialBudget,
  credentialRateLimit,
  type CredentialLimits,
} from './shared/http/rateLimit';
import { errorHandler, notFoundHandler, problem, sendProblem } from './shared/http/problem';
import type { RequestMemory } from './shared/http/requestMemory';
import { ledgerRouter } from './ledger';
import type { Logger } from './shared/logger';
import type { Metrics } from './shared/metrics';
import type { SecretBox } from './shared/secrets';
import { supervisionRouter } from './supervision';
import { tariffsRouter } from './tariffs';

/** A readiness check; a non-empty string is the reason the node is not ready. */
export type ReadinessCheck = () => Promise<string | undefined>;

export interface AppDeps {
  store: EventStore;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  secrets: SecretBox;
  readModels: ReadModels;
  bodyLimit?: string;
  /** PAYMENT_MAX_AGE_DAYS: how old a posted transaction may be before it is flagged `late`. */
  paymentMaxAgeDays?: number;
  readiness?: ReadinessCheck[];
  /** Where complaint-ordered refunds are recorded; the payment ledger unless a test replaces it. */
  refunds?: RefundLedger;
  publicLimits?: PublicLimits;
  /** SEAL_GRACE_MINUTES: a receipt proof's 404 says when the payment's day will be sealed. */
  sealGraceMinutes?: number;
  /** The SQL read models (the durable read side) and their runner: payments, complaints, supervision and the reports answer from them. */
  reporting: ReportingDeps;
  /**
   * Used gateway signatures and rate-limit counts: shared by every node in PostgreSQL with
   * EVENT_STORE=postgres (`postgresRequestMemory`); this node's own memory when absent.
   */
  memory?: RequestMemory;
  /** RATE_LIMIT_PER_MINUTE / RATE_LIMIT_GATEWAY_PER_MINUTE: per-credential budgets. */
  credentialLimits?: CredentialLimits;
  /** REQUEST_TIMEOUT_MS: a request still unanswered after this is answered 503 problem+json. */
  requestTimeoutMs?: number;
  /** TRUST_PROXY: which proxies may name the client's address for public rate limits; none when absent. */
  trustProxy?: TrustProxy;
  /** The data-exchange port customer data is fetched through; the HTTP adapter over no provider when absent. */
  dataExchange?: DataExchange;
  /** DATA_EXCHANGE_CENTER_ONLY: only the exchange center may be used, whatever the regulator's commands say. */
  exchangeCenterOnly?: boolean;
  /** HSTS_MAX_AGE: seconds of Strict-Transport-Security; 0 or absent sends none (TLS is the proxy's). */
  hstsMaxAge?: number;
  /** The SMS port applicants' codes and decisions go through; one that always fails when absent. */
  sms?: SmsSender;
  /** Where application documents are kept; in memory when absent (tests). */
  documents?: DocumentStore;
  /** The built console served at /console (dist/console when absent). */
  consoleDir?: string;
  /** CONSOLE_IDLE_MINUTES: a console session unused this long ends; 30 when absent. */
  consoleIdleMinutes?: number;
  /** APPLICANT_SESSION_HOURS, APPLICANT_CODES_PER_HOUR, DOCUMENT_MAX_BYTES. */
  applicants?: { sessionHours: number; codesPerHour: number; documentMaxBytes: number };
}

/**
 * The API as a request listener, without `listen`, so tests run it in-process: express for
 * every route, with the direct lane in front for the payment POSTs' plain requests.
 */
export function buildApp(deps: AppDeps): RequestListener {
  const { store, clock, secrets, readModels: rm } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  const trustProxy = deps.trustProxy ?? (() => false);
  app.set('trust proxy', trustProxy);
  const addressOf = clientAddress(trustProxy);
  const memory = deps.memory ?? localRequestMemory(clock);
  const publicGuards = publicComplaintGuards(memory, addressOf, deps.publicLimits);
  const edges = edge(deps.metrics, deps.logger, {
    hstsMaxAge: deps.hstsMaxAge ?? 0,
    requestTimeoutMs: deps.requestTimeoutMs ?? 30_000,
  });
  const principalOf = authenticator({
    lookup: (d) => rm.credentials.byTokenDigest(d),
    secrets,
    clock,
    memory,
  });
  const overBudget = credentialBudget(memory, deps.credentialLimits);
  const lane = directLane({
    open: edges.open,
    authenticate: principalOf,
    overBudget,
    publicBudgets: publicGuards.budgets,
    logger: deps.logger,
    storeErrors: deps.metrics.storeErrors,
    bodyLimit: bodyLimitBytes(deps.bodyLimit ?? '1mb'),
  });
  app.use(edges.middleware);
  app.post('/v1/public/complaints', ...publicGuards.intake);
  app.get('/v1/public/complaints/:trackingCode', ...publicGuards.lookup);
  app.post('/v1/public/data-access/:step', ...publicGuards.lookup);
  app.post('/v1/public/applicants/:step', ...publicGuards.lookup);
  app.get(['/v1/public/tariffs/:serviceCode', '/v1/public/offices'], ...publicGuards.lookup);
  app.post('/v1/session', ...publicGuards.lookup);
  app.use(
    express.json({
      limit: deps.bodyLimit ?? '1mb',
      type: ['application/json', 'application/*+json'],
      verify: (req, _res, buf) => {
        (req as express.Request).rawBody = buf;
      },
    }),
  );

  app.use(authenticate(principalOf));
  app.use(credentialRateLimit(overBudget));
  app.use(
    paymentsRouter({
      lane,
      store,
      clock,
      secrets,
      registry: deps.metrics.registry,
      reporting: deps.reporting,
      reference: rm.paymentReference,
      serviceName: (code) => rm.catalogue.index.service(code)?.nameFa,
      maxAgeDays: deps.paymentMaxAgeDays ?? 7,
    }),
  );
  // Operations routes come after the payment routes: every payment passes every route
  // layer in front of its own, and these need no credential (one that is sent is still checked).
  const openApi = buildOpenApiDocument();
  app.get(['/problems', '/problems/:code'], problemPages);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks: ReadinessCheck[] = [
      async () => {
        try {
          await deps.store.headPosition();
          return undefined;
        } catch (error) {
          deps.metrics.storeErrors.inc();
          return `event store unreachable: ${(error as Error).message}`;
        }
      },
      () => {
        const behind = rm.notCaughtUp();
        return Promise.resolve(
          behind.length ? `read models not caught up: ${behind.join(', ')}` : undefined,
        );
      },
      ...(deps.readiness ?? []),
    ];
    const failures = (await Promise.all(checks.map((c) => c()))).filter((f): f is string => !!f);
    if (failures.length) return sendProblem(res, problem('store-unavailable', failures.join('; ')));
    res.json({
      status: 'ready',
      store: deps.store.kind,
      position: await deps.store.headPosition(),
    });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  app.get('/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(openApi));
  app.use(consoleRouter(deps.consoleDir ?? defaultConsoleDir()));

  app.use(credentialsRouter({ store, clock, secrets, registry: rm.credentials }));
  app.use(
    sessionsRouter({
      clock,
      sessions: memory.sessions,
      lookup: (d) => rm.credentials.byTokenDigest(d),
      idleMinutes: deps.consoleIdleMinutes ?? 30,
    }),
  );
  app.use(
    catalogueRouter({ store, clock, index: rm.catalogue.index, following: rm.catalogue.following }),
  );
  const sms = deps.sms ?? noSms;
  app.use(
    licensingRouter({
      store,
      clock,
      licenses: rm.licenses,
      onDecided: decisionNotifier({
        store,
        clock,
        secrets,
        sms,
        applications: rm.applications,
        logger: deps.logger,
      }),
    }),
  );
  const applicantLimits = deps.applicants ?? {
    sessionHours: 12,
    codesPerHour: 5,
    documentMaxBytes: 524_288,
  };
  app.use(
    applicantsRouter({
      store,
      clock,
      secrets,
      sms,
      documents: deps.documents ?? memoryDocuments(),
      applications: rm.applications,
      rules: shippedRules,
      memory,
      licenseStatus: (licenseId, at) => {
        const status = rm.licenses.statusAt(licenseId, at);
        return status === 'none' ? undefined : status;
      },
      recordLicenseApplication: (input) =>
        recordLicenseApplication({ store, clock, licenses: rm.licenses }, input),
      credentialsAt: (position) => rm.credentials.ensure(position),
      ...applicantLimits,
    }),
  );
  const applicantIds = applicantKeys(secrets);
  app.use(
    holdersRouter({
      store,
      clock,
      licenses: rm.licenses,
      applications: rm.applications,
      requests: rm.holderRequests,
      applicantIdOf: (nationalId) => applicantIds.applicantIdOf(nationalId),
    }),
  );
  app.use(
    recommendationsRouter({
      store,
      clock,
      licenses: rm.licenses,
      recommendations: rm.recommendations,
      licenseOfOffice: (officeId) => rm.offices.office(officeId)?.state.licenseId,
    }),
  );
  app.use(
    officesRouter({
      store,
      clock,
      secrets,
      licenses: rm.licenses,
      offices: rm.offices,
      catalogue: rm.catalogue.index,
      credentials: rm.credentials,
      psps: rm.psps,
    }),
  );
  app.use(
    pspsRouter({
      store,
      clock,
      secrets,
      psps: rm.psps,
      credentials: rm.credentials,
      officeExists: (officeId) => rm.offices.office(officeId) !== undefined,
    }),
  );
  const officePlaces = {
    place(officeId: string) {
      const office = rm.offices.office(officeId)?.state;
      return office ? { province: office.province, officeKind: office.kind } : undefined;
    },
  };
  app.use(
    tariffsRouter({
      store,
      clock,
      book: rm.tariffs.book,
      catalogue: rm.catalogue.index,
      following: rm.tariffs.following,
      proposals: rm.tariffs.proposals,
      offices: officePlaces,
    }),
  );

  app.use(
    publicInfoRouter({
      clock,
      service: (code) => rm.catalogue.index.service(code),
      tariffInForce: (code, at) => rm.tariffs.book.inForce(code, at),
      offices: () => rm.offices.offices(),
      licenseActiveAt: (officeId, at) => rm.offices.licenseActiveAt(officeId, at),
      assignedAt: (officeId, code, at) => rm.offices.assignedAt(officeId, code, at),
    }),
  );
  app.use(calendarRouter({ store, clock, model: rm.calendar, registry: deps.metrics.registry }));

  const payments = paymentReads({ store, reporting: deps.reporting });
  const officeProvince = (officeId: string) => rm.offices.office(officeId)?.state.province;
  app.use(
    complaintsRouter({
      store,
      clock,
      secrets,
      reporting: deps.reporting,
      lookups: {
        officeProvince,
        agencyOfService: (code) => rm.catalogue.index.service(code)?.agencyId,
        agencyExists: (id) => rm.catalogue.index.agency(id) !== undefined,
        paymentOffice: async (id) => (await payments.find(id))?.recorded.officeId,
      },
      calendar: rm.calendar.calendar,
      sla: defaultSlaPolicy,
      refunds: deps.refunds ?? paymentsRefundLedger(store),
    }),
  );
  const { reporting } = deps;
  const keys = paymentKeys(secrets);
  const dataAccess: DataAccessDeps = {
    store,
    clock,
    secrets,
    book: rm.dataInstructions,
    exchange: deps.dataExchange ?? httpDataExchange({ agencies: {} }, clock, deps.logger),
    exchangeCenterOnly: deps.exchangeCenterOnly ?? false,
    lookups: {
      agencyOfService: (code) => rm.catalogue.index.service(code)?.agencyId,
      agencyExists: (id) => rm.catalogue.index.agency(id) !== undefined,
      officeProvince,
      licenseActiveAt: (officeId, at) => rm.offices.licenseActiveAt(officeId, at),
      assignedAt: (officeId, code, at) => rm.offices.assignedAt(officeId, code, at),
      customerRef: (id) => keys.customerRef(id),
    },
    reporting,
  };
  app.use(dataAccessRouter(dataAccess));
  app.use(dataAccessAuditRouter(dataAccess));
  app.use(citizenRouter(dataAccess));
  app.use(supervisionRouter({ store, clock, reporting, officeProvince }));
  app.use(settlementRouter({ store, clock, reporting }));
  app.use(reconciliationRouter({ store, clock, reporting }));
  app.use(
    pspSettlementRouter({
      store,
      clock,
      reporting,
      lookups: {
        terminalsOf: (psp) =>
          rm.offices
            .terminals()
            .filter((t) => t.registered.psp === psp)
            .map((t) => t.registered.terminalId),
        accounts: () => [
          ...rm.catalogue.index.agencies().map((a) => ({
            iban: a.treasuryIban,
            kind: 'agency' as const,
            beneficiaryId: a.agencyId,
          })),
          ...rm.offices.offices().map((o) => ({
            iban: o.state.details.iban,
            kind: 'office' as const,
            beneficiaryId: o.state.officeId,
          })),
          ...(reporting.vatIban
            ? [{ iban: reporting.vatIban, kind: 'vat' as const, beneficiaryId: 'vat' }]
            : []),
        ],
      },
    }),
  );
  app.use(feedsRouter({ store, clock, secrets, reporting }));
  app.use(reportsRouter({ clock, reporting }));
  app.use(ledgerRouter({ store, reporting, graceMinutes: deps.sealGraceMinutes ?? 10 }));

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger, deps.metrics.storeErrors));
  return lane.listener(app);
}
