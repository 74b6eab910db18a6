import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { encodeWith } from '../../contracts/events/contract';
import { PaymentRecorded } from '../../contracts/events/payments';
import type { PaymentRequest } from '../../contracts/payments';
import type { Clock } from '../shared/clock';
import { ForbiddenError, IdempotencyInProgressError, ValidationError } from '../shared/errors';
import type { EventStore } from '../shared/eventStore';
import type { Principal } from '../shared/http/policy';
import { nationalId } from '../shared/iranianIds';
import { parseInstant } from '../shared/jalaliPeriod';
import { rialDigits } from '../shared/money';
import type { PaymentFacts } from './assess';
import { deterministicUuid, fingerprintOf, paymentIdOf, type PaymentKeys } from './identity';
import { paymentDecider, type RecordPayment } from './payment.decide';
import { initialPaymentState, paymentStream } from './payment';
import { keyClaims } from './keyClaim';
import type { OutcomeCounter, PaymentMetrics } from './metrics';
import { recordOfStream, recordOfWritten, type PaymentRecord } from './readModel';
import { quoteStream, type QuoteIssued } from '../tariffs';
import { resolveReference } from './reference';
import type { ReferenceData } from './referenceData';

export type PaymentRequestBody = z.infer<typeof PaymentRequest>;

export interface RecorderDeps {
  store: EventStore;
  clock: Clock;
  reference: ReferenceData;
  keys: PaymentKeys;
  metrics: PaymentMetrics;
  /** How old a transaction may be when it arrives (store-and-forward) before it is flagged `late`, in days. */
  maxAgeDays: number;
}

/** How far ahead of our clock a terminal's clock may run. */
const futureSkewMs = 5 * 60_000;

export type Settled = { fresh: boolean; record: PaymentRecord };

/** Quotes a request cites, by id, with the log position each was issued at. */
export type CitedQuotes = ReadonlyMap<string, { quote: QuoteIssued; position: number }>;

/**
 * Records payments on the hot path: reference data from memory, one `no_stream` append
 * per payment with an id derived from the transaction (so the store itself refuses a
 * second write, on any node). The answer is built from the event as written when the store
 * says this append wrote it, else from the payment's own stream read back: a first answer
 * and a replay are the same bytes on every node.
 * A request with an Idempotency-Key first claims the key in its own stream (see
 * `keyClaims`), so the key names one payment on every node. Nothing here remembers
 * payments: the store's uniqueness carries every duplicate.
 */
export function paymentRecorder(deps: RecorderDeps) {
  const { store, clock, reference, keys, metrics } = deps;
  const inFlight = new Map<string, Promise<unknown>>();
  const inFlightKeys = new Map<string, string>();
  const recordOf = async (paymentId: string) =>
    recordOfStream(await store.readStream(paymentStream(paymentId)));
  const claim = keyClaims({
    store,
    clock,
    isRecorded: async (paymentId) => (await recordOf(paymentId)) !== undefined,
  });

  function prepare(
    principal: Principal,
    body: PaymentRequestBody,
    idempotencyKey: string | undefined,
    quotes: CitedQuotes = new Map(),
  ): RecordPayment {
    const terminalId = principal.terminalId;
    if (!terminalId) throw new ForbiddenError('Only a terminal credential may post payments');
    const at = parseInstant(body.transactionTime)!;
    const now = clock.now();
    if (at.getTime() > now.getTime() + futureSkewMs) {
      throw new ValidationError('The transaction time is in the future', [
        { path: 'transactionTime', message: 'later than now (5 minutes of clock skew allowed)' },
      ]);
    }
    const officeId = reference.officeOfTerminal(terminalId, at);
    const office = officeId === undefined ? undefined : reference.office(officeId);
    if (!office)
      throw new ForbiddenError(
        `Terminal ${terminalId} is unknown or was not active at the transaction time`,
      );
    if (principal.officeId !== undefined && principal.officeId !== office.officeId) {
      throw new ForbiddenError(`Terminal ${terminalId} does not belong to the credential's office`);
    }
    const rrn = body.rrn.toUpperCase();
    const facts: PaymentFacts = {
      terminalId,
      rrn,
      stan: body.stan,
      transactionTime: at,
      serviceCode: body.serviceCode,
      quantity: body.quantity,
      occurrence: body.occurrence,
      amount: BigInt(rialDigits(body.amount)),
      maskedCard: body.maskedCard,
      ...(body.quoteId !== undefined ? { quoteId: body.quoteId } : {}),
    };
    if (facts.amount <= 0n)
      throw new ValidationError('Invalid amount', [
        { path: 'amount', message: 'must be at least 1 rial' },
      ]);
    const id =
      body.customerNationalId === undefined ? undefined : nationalId(body.customerNationalId);
    const customerRef = id === undefined ? undefined : keys.customerRef(id);
    const paymentId = paymentIdOf(terminalId, rrn, at);
    const fingerprint = fingerprintOf([
      terminalId,
      rrn,
      facts.stan,
      at.toISOString(),
      facts.serviceCode,
      facts.quantity,
      facts.occurrence,
      facts.amount.toString(),
      facts.maskedCard,
      facts.quoteId ?? null,
      customerRef ?? null,
    ]);
    return {
      type: 'RecordPayment',
      paymentId,
      trackingCode: keys.trackingCode(paymentId),
      facts,
      reference: resolveReference(
        reference,
        facts,
        office,
        facts.quoteId === undefined ? undefined : quotes.get(facts.quoteId),
      ),
      ...(customerRef !== undefined ? { customerRef } : {}),
      fingerprint,
      ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
      receivedAt: now,
      maxAgeDays: deps.maxAgeDays,
    };
  }

  /** A payment already in the log: the decider refuses it when the request differs, else it is a replay. */
  function replayOf(record: PaymentRecord, command: RecordPayment): Settled {
    paymentDecider.decide(command, record.state);
    return { fresh: false, record };
  }

  async function append(command: RecordPayment): Promise<Settled> {
    const stream = paymentStream(command.paymentId);
    const attempt = randomUUID();
    const [event] = paymentDecider.decide(command, initialPaymentState());
    const recorded = encodeWith(PaymentRecorded, event, { attempt });
    const appended = await store.append(
      stream,
      [{ id: deterministicUuid(`${stream}/recorded`), ...recorded }],
      'no_stream',
    );
    if (appended.written === true)
      return { fresh: true, record: recordOfWritten(recorded, appended.position) };
    const record = await recordOf(command.paymentId);
    if (!record)
      throw new Error(`payment ${command.paymentId} is not in its stream after the append`);
    return record.attempt === attempt ? { fresh: true, record } : replayOf(record, command);
  }

  /**
   * Settles one prepared payment. `whileRunning` says what a duplicate does while the
   * first is still being written: `refuse` (409, single requests) or `wait` (batch items).
   * The outcome is counted in `counted`: the metrics, or a batch's tally.
   */
  async function settle(
    command: RecordPayment,
    whileRunning: 'refuse' | 'wait',
    counted: OutcomeCounter = metrics,
  ): Promise<Settled> {
    const settled = await settleOnce(command, whileRunning);
    if (settled.fresh) {
      counted.outcome(settled.record.recorded.status);
      counted.postings(settled.record.recorded.postings);
    } else {
      counted.outcome('replayed');
    }
    return settled;
  }

  async function settleOnce(
    command: RecordPayment,
    whileRunning: 'refuse' | 'wait',
  ): Promise<Settled> {
    const { paymentId } = command;
    const terminalId = command.facts.terminalId;
    const keyId =
      command.idempotencyKey === undefined ? undefined : `${terminalId}|${command.idempotencyKey}`;
    const known = keyId === undefined ? undefined : inFlightKeys.get(keyId);
    if (known !== undefined && known !== paymentId)
      throw new IdempotencyInProgressError('A request with this Idempotency-Key is still running');
    const running = inFlight.get(paymentId);
    if (running) {
      if (whileRunning === 'refuse')
        throw new IdempotencyInProgressError(`Payment ${paymentId} is still being recorded`);
      await running.catch(() => undefined);
      return settleOnce(command, whileRunning);
    }
    const key = command.idempotencyKey;
    const work =
      key === undefined
        ? append(command)
        : claim(terminalId, key, paymentId).then(() => append(command));
    inFlight.set(paymentId, work);
    if (keyId) inFlightKeys.set(keyId, paymentId);
    try {
      return await work;
    } finally {
      inFlight.delete(paymentId);
      if (keyId) inFlightKeys.delete(keyId);
    }
  }

  /** The quotes (پیش‌فاکتور) the bodies cite, each read from its own stream; unknown ones are left out. */
  async function quotesCited(
    bodies: ReadonlyArray<{ quoteId?: string | undefined }>,
  ): Promise<CitedQuotes> {
    const ids = new Set(bodies.flatMap((b) => (b.quoteId === undefined ? [] : [b.quoteId])));
    const found = new Map<string, { quote: QuoteIssued; position: number }>();
    for (const id of ids) {
      const [issued] = await store.readStream(quoteStream(id));
      if (issued?.type === 'QuoteIssued')
        found.set(id, { quote: issued.data as QuoteIssued, position: issued.position });
    }
    return found;
  }

  return { prepare, settle, quotesCited };
}

export type PaymentRecorder = ReturnType<typeof paymentRecorder>;
