import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import type { ReportingDeps } from '../../projections';
import type { Registry } from 'prom-client';
import { PaymentRequest, paymentRoutes as c } from '../../contracts/payments';
import type { Clock } from '../shared/clock';
import {
  DomainError,
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
import { paymentView, receiptView, resultView } from './views';

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

function idempotencyKeyOf(header: (name: string) => string | undefined): string | undefined {
  const key = header('idempotency-key');
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,100}$/.test(key)) {
    throw new ValidationError('Invalid Idempotency-Key', [
      { path: 'Idempotency-Key', message: '1 to 100 visible ASCII characters' },
    ]);
  }
  return key;
}

const ownership = (r: PaymentRecord) => ({
  officeId: r.recorded.officeId,
  terminalId: r.recorded.terminalId,
  agencyIds: r.recorded.agencyId === undefined ? [] : [r.recorded.agencyId],
});

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
        const quotes = await recorder.quotesCited([body]);
        const command = recorder.prepare(principal, body, idempotencyKeyOf(header), quotes);
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
        const parsed = body.items.map((item) => PaymentRequest.safeParse(item));
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
              const command = recorder.prepare(principal, p.data, undefined, quotes);
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

  mount(router, c.reverse, async ({ body, principal, header }) => {
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
