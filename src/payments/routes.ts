import { idempotencyKeyOf } from '../shared/http/idempotencyKey';
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import type { ReportingDeps } from '../../projections';
import type { Registry } from 'prom-client';
import { PaymentRequest, paymentRoutes as c } from '../../contracts/payments';
import type { Clock } from '../shared/clock';
import {
  DomainError,
  IllegalStateError,
  NotFoundError,
  StoreUnavailableError,
  ValidationError,
} from '../shared/errors';
import { commandHandler, type EventStore } from '../shared/eventStore';
import type { DirectLane } from '../shared/http/lane';
import { mount } from '../shared/http/mount';
import { assertInScope, type Principal } from '../shared/http/policy';
import { problem, type Problem } from '../shared/http/problem';
import { parseInstant } from '../shared/jalaliPeriod';
import { parseRial } from '../shared/money';
import type { SecretBox } from '../shared/secrets';
import { deterministicUuid, paymentIdOf, paymentKeys } from './identity';
import { paymentMetrics } from './metrics';
import { paymentDecider } from './payment.decide';
import { paymentStream } from './payment';
import { paymentReads, type PaymentRecord } from './readModel';
import { paymentRecorder, type Settled } from './recorder';
import type { ReferenceData } from './referenceData';
import { paymentView, receiptView, resultView, verificationView } from './views';

export interface PaymentsDeps {
  store: EventStore;
  clock: Clock;
  secrets: SecretBox;
  registry: Registry;
  /** The SQL read side: the `payments` projection answers receipts and lists. */
  reporting: ReportingDeps;
  reference: ReferenceData;
  /** Where the record and batch POSTs are served besides express. */
  lane?: DirectLane;
  serviceName(serviceCode: string): string | undefined;
  maxAgeDays: number;
}

const replayed = { 'Idempotent-Replayed': 'true' };

/** A batch item: a PaymentRequest whose terminal, if any, the batch names once. */
const BatchItem = PaymentRequest.omit({ terminalId: true });

/** How many payments a deposit id and RRN may name before the agency is asked for the tracking code. */
const rrnMatches = 10;

function asProblem(error: unknown): Problem {
  if (error instanceof ValidationError)
    return problem('validation', error.message, { errors: error.problems });
  if (error instanceof DomainError) return problem(error.code, error.message);
  return problem('internal', 'Unexpected error');
}

export function paymentsRouter(deps: PaymentsDeps): Router {
  const router = Router();
  const { store, clock } = deps;
  const payments = paymentReads({ store, reporting: deps.reporting });
  const metrics = paymentMetrics(deps.registry);
  const keys = paymentKeys(deps.secrets);
  const recorder = paymentRecorder({
    store,
    clock,
    reference: deps.reference,
    keys,
    metrics,
    maxAgeDays: deps.maxAgeDays,
  });
  const handle = commandHandler(store, paymentDecider);

  const ownership = (r: PaymentRecord) => ({
    officeId: r.recorded.officeId,
    terminalId: r.recorded.terminalId,
    agencyIds: r.recorded.agencyId === undefined ? [] : [r.recorded.agencyId],
    pspId: deps.reference.pspOfTerminal(r.recorded.terminalId),
  });

  /**
   * The principal a payment request acts as, for the terminal it names. A gateway's terminal is
   * its credential's (naming another is 404); a PSP must name a terminal of its own, another
   * PSP's or an unknown one is 404. Others pass through, for the recorder to refuse.
   */
  function actingFor(principal: Principal, terminalId: string | undefined): Principal {
    if (principal.role === 'gateway') {
      if (terminalId !== undefined && terminalId !== principal.terminalId)
        throw new NotFoundError('Terminal not found');
      return principal;
    }
    if (principal.role !== 'psp') return principal;
    if (terminalId === undefined)
      throw new ValidationError('A PSP names the terminal of each request', [
        { path: 'terminalId', message: 'required for a PSP credential' },
      ]);
    const owner = deps.reference.pspOfTerminal(terminalId);
    if (owner === undefined || owner !== principal.pspId)
      throw new NotFoundError('Terminal not found');
    return { ...principal, terminalId };
  }

  async function found(principal: Principal, paymentId: string): Promise<PaymentRecord> {
    const r = await payments.find(paymentId);
    if (!r) throw new NotFoundError('Payment not found');
    assertInScope(principal, ownership(r), 'Payment');
    return r;
  }

  mount(
    router,
    c.record,
    async ({ body, principal, header }) => {
      const done = metrics.timer('single');
      try {
        const { terminalId, ...payment } = body;
        const acting = actingFor(principal, terminalId);
        const quotes = await recorder.quotesCited([payment]);
        const command = recorder.prepare(acting, payment, idempotencyKeyOf(header), quotes);
        const { fresh, record } = await recorder.settle(command, 'refuse');
        return {
          status: 201,
          body: resultView(record.recorded, record.position),
          ...(fresh ? {} : { headers: replayed }),
        };
      } catch (error) {
        metrics.outcome('rejected');
        throw error;
      } finally {
        done();
      }
    },
    deps.lane,
  );

  mount(
    router,
    c.batch,
    async ({ body, principal }) => {
      const done = metrics.timer('batch');
      const tally = metrics.tally();
      try {
        const acting = actingFor(principal, body.terminalId);
        const parsed = body.items.map((item) => BatchItem.safeParse(item));
        const quotes = await recorder.quotesCited(
          parsed.flatMap((p) => (p.success ? [p.data] : [])),
        );
        const outcomes = await Promise.all(
          parsed.map(async (p): Promise<Settled | Problem> => {
            if (!p.success) {
              return problem('validation', 'The item is not a valid payment', {
                errors: p.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
              });
            }
            try {
              const command = recorder.prepare(acting, p.data, undefined, quotes);
              return await recorder.settle(command, 'wait', tally);
            } catch (error) {
              if (error instanceof StoreUnavailableError) throw error;
              return asProblem(error);
            }
          }),
        );
        const summary = { recorded: 0, flagged: 0, replayed: 0, rejected: 0 };
        const items = outcomes.map((o, index) => {
          if ('code' in o) {
            summary.rejected++;
            tally.outcome('rejected');
            return { index, outcome: 'rejected' as const, problem: o };
          }
          const outcome = o.fresh ? o.record.recorded.status : ('replayed' as const);
          summary[outcome]++;
          return { index, outcome, result: resultView(o.record.recorded, o.record.position) };
        });
        return { status: 200, body: { summary, items } };
      } finally {
        tally.flush();
        done();
      }
    },
    deps.lane,
  );

  mount(router, c.reverse, async ({ body, principal: caller, header }) => {
    const principal = actingFor(caller, body.terminalId);
    const terminalId = principal.terminalId ?? '';
    const paymentId = paymentIdOf(
      terminalId,
      body.rrn.toUpperCase(),
      parseInstant(body.transactionTime)!,
    );
    await found(principal, paymentId);
    const key = idempotencyKeyOf(header);
    const r = await handle(paymentStream(paymentId), {
      type: 'ReversePayment',
      terminalId,
      ...(body.reason !== undefined ? { reason: body.reason } : {}),
      ...(key !== undefined ? { idempotencyKey: key } : {}),
      at: clock.now(),
    });
    return {
      status: 201,
      body: paymentView((await payments.find(paymentId))!),
      ...(r.newEvents ? {} : { headers: replayed }),
    };
  });

  mount(router, c.refund, async ({ params, body, principal, header }) => {
    await found(principal, params.paymentId);
    const key = idempotencyKeyOf(header);
    const r = await handle(paymentStream(params.paymentId), {
      type: 'RefundPayment',
      refundId:
        key === undefined
          ? randomUUID()
          : deterministicUuid(`${params.paymentId}/refund/${principal.credentialId}/${key}`),
      amount: BigInt(parseRial(body.amount).toFixed(0)),
      reason: body.reason,
      by: principal.credentialId,
      byRole: principal.role === 'office' ? 'office' : 'regulator',
      at: clock.now(),
    });
    return {
      status: 201,
      body: paymentView((await payments.find(params.paymentId))!),
      ...(r.newEvents ? {} : { headers: replayed }),
    };
  });

  mount(router, c.get, async ({ params, principal }) => ({
    status: 200,
    body: paymentView(await found(principal, params.paymentId)),
  }));

  mount(router, c.list, async ({ query, principal }) => {
    const { cursor, limit, ...filters } = query;
    let after = 0;
    if (cursor !== undefined) {
      after = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (
        !Number.isSafeInteger(after) ||
        after < 0 ||
        Buffer.from(String(after), 'utf8').toString('base64url') !== cursor
      ) {
        throw new ValidationError('Invalid cursor', [
          { path: 'cursor', message: 'not a cursor this API returned' },
        ]);
      }
    }
    const page = await payments.query(filters, after, limit, principal);
    const last = page.items.at(-1);
    return {
      status: 200,
      body: {
        items: page.items.map(paymentView),
        ...(page.more && last
          ? { nextCursor: Buffer.from(String(last.position), 'utf8').toString('base64url') }
          : {}),
        position: page.position,
      },
    };
  });

  mount(router, c.verify, async ({ body, principal }) => {
    const agencyId = principal.agencyId ?? '';
    let record: PaymentRecord | undefined;
    if ('trackingCode' in body) {
      record = await payments.fromRegisterByTrackingCode(body.trackingCode);
    } else {
      const matches = (
        await payments.agencyPaymentsByRrn(agencyId, body.rrn.toUpperCase(), rrnMatches)
      ).filter((r) => r.recorded.postings.some((p) => p.depositId === body.depositId));
      if (matches.length > 1)
        throw new IllegalStateError(
          `Deposit id and RRN name ${matches.length} payments; verify by tracking code`,
          { matches: matches.length },
        );
      record = matches[0];
    }
    if (!record || record.recorded.agencyId !== agencyId)
      throw new NotFoundError('No payment of your services matches');
    return {
      status: 200,
      headers: { 'Cache-Control': 'no-store' },
      body: verificationView(record),
    };
  });

  mount(router, c.consume, async ({ params, body, principal }) => {
    const r = await handle(paymentStream(params.paymentId), {
      type: 'ConsumePayment',
      agencyId: principal.agencyId ?? '',
      deliveryReference: body.deliveryReference,
      by: principal.credentialId,
      at: clock.now(),
    });
    const record = await payments.find(params.paymentId);
    if (!record) throw new NotFoundError('Payment not found');
    return {
      status: 201,
      headers: r.newEvents ? {} : replayed,
      body: verificationView(record),
    };
  });

  mount(router, c.receipt, async ({ params }) => {
    const r = await payments.byTrackingCode(params.trackingCode);
    if (!r) throw new NotFoundError('No receipt with this tracking code');
    const names = {
      office: deps.reference.office(r.recorded.officeId)?.nameFa,
      service: deps.serviceName(r.recorded.serviceCode),
    };
    return { status: 200, body: receiptView(r, names), headers: { 'Cache-Control': 'no-store' } };
  });

  return router;
}
