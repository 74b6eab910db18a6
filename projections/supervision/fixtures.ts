import {
  complaintFiled,
  complaintResolved,
  eventTypeOfAction,
  officeResponded,
  officeResponseRequested,
  PaymentRecorded,
  PaymentReversed,
  supervisionStream,
  type SupervisionAction,
} from '../../contracts/events';
import type { ComplaintKind } from '../../contracts/vocabulary';
import type { EventStore, EventToAppend } from '../../src/shared/eventStore';

/**
 * Events in the shapes the payment, complaint and supervision slices record them, built from
 * the few facts supervision reads, for the supervision projection's tests.
 */

const schemaVersion = (v: number) => ({ schemaVersion: v });
const at = (iso: string) => new Date(iso).toISOString();

/**
 * A payment as supervision reads it: its accounts and amount as recorded, when the card was
 * charged, and whether it was flagged with an overcharge (or undercharge) of `missed` rials.
 */
export type PaymentFacts = Pick<
  PaymentRecorded,
  'paymentId' | 'officeId' | 'province' | 'serviceCode' | 'amount'
> & { at: string; flagged: boolean; missed: string; undercharge?: boolean };

export const paymentStreamOf = (paymentId: string) => `payment-${paymentId}`;

export function paymentRecordedEvent(f: PaymentFacts): EventToAppend {
  const expected = f.undercharge
    ? String(BigInt(f.amount) + BigInt(f.missed))
    : String(BigInt(f.amount) - BigInt(f.missed));
  const violations =
    f.missed === '0'
      ? []
      : [
          f.undercharge
            ? { type: 'undercharge', expected, shortfall: f.missed }
            : { type: 'overcharge', expected, excess: f.missed },
        ];
  return {
    type: PaymentRecorded.type,
    metadata: schemaVersion(PaymentRecorded.version),
    data: {
      type: PaymentRecorded.type,
      paymentId: f.paymentId,
      trackingCode: f.paymentId,
      terminalId: 'T1',
      officeId: f.officeId,
      province: f.province,
      officeKind: 'urban',
      rrn: '000000000001',
      stan: '000001',
      transactionTime: at(f.at),
      receivedAt: at(f.at),
      serviceCode: f.serviceCode,
      quantity: 1,
      occurrence: 1,
      amount: f.amount,
      maskedCard: '603799******1234',
      status: f.flagged ? 'flagged' : 'recorded',
      violations,
      postings: [{ kind: 'office', code: 'office', amount: f.amount }],
      pricedAgainst: { tariffs: 0, catalogue: 0, licenses: 0, offices: 0, quotes: 0 },
      fingerprint: 'f',
    },
  };
}

/** The reversal of a payment as version 1 wrote it (the payment id only) or version 2 (with its accounts). */
export function paymentReversedEvent(
  p: Pick<PaymentFacts, 'paymentId' | 'officeId' | 'province' | 'serviceCode' | 'amount'>,
  reversedAt: string,
  version: 1 | 2,
): EventToAppend {
  const v1 = {
    type: PaymentReversed.type,
    paymentId: p.paymentId,
    terminalId: 'T1',
    amount: p.amount === '0' ? '0' : `-${p.amount}`,
    postings: [{ kind: 'office', code: 'office', amount: p.amount === '0' ? '0' : `-${p.amount}` }],
    reversedAt: at(reversedAt),
  };
  return version === 1
    ? { type: PaymentReversed.type, data: v1 }
    : {
        type: PaymentReversed.type,
        metadata: schemaVersion(2),
        data: { ...v1, officeId: p.officeId, province: p.province, serviceCode: p.serviceCode },
      };
}

export const complaintStreamOf = (complaintId: string) => `complaint-${complaintId}`;

export function complaintFiledEvent(c: {
  complaintId: string;
  kind: ComplaintKind;
  officeId?: string;
  province?: string;
  at: string;
}): EventToAppend {
  return {
    type: complaintFiled.type,
    metadata: schemaVersion(1),
    data: {
      type: complaintFiled.type,
      complaintId: c.complaintId,
      trackingCode: `TC-${c.complaintId}`,
      kind: c.kind,
      topic: 'conduct',
      subject: c.officeId
        ? { kind: 'office', officeId: c.officeId }
        : { kind: 'agency', agencyId: 'AG1' },
      desk: c.province
        ? { kind: 'province', province: c.province }
        : { kind: 'agency', agencyId: 'AG1' },
      parties: {
        ...(c.officeId ? { officeId: c.officeId } : {}),
        ...(c.province ? { province: c.province } : {}),
        agencyIds: [],
      },
      description: 'a case',
      dueBy: at(c.at),
      slaWorkingDays: 7,
      filedAt: at(c.at),
      filedBy: 'citizen',
    },
  };
}

export function complaintResolvedEvent(
  complaintId: string,
  outcome: 'upheld' | 'not_upheld',
  resolvedAt: string,
): EventToAppend {
  return {
    type: complaintResolved.type,
    metadata: schemaVersion(1),
    data: {
      type: complaintResolved.type,
      complaintId,
      outcome,
      remedies: [],
      reason: 'decided',
      resolvedAt: at(resolvedAt),
      resolvedBy: 'desk',
    },
  };
}

export function responseRequestedEvent(r: {
  complaintId: string;
  officeId: string;
  at: string;
  respondBy: string;
}): EventToAppend {
  return {
    type: officeResponseRequested.type,
    metadata: schemaVersion(1),
    data: {
      type: officeResponseRequested.type,
      complaintId: r.complaintId,
      officeId: r.officeId,
      reason: 'your account, please',
      respondBy: at(r.respondBy),
      requestedAt: at(r.at),
      requestedBy: 'desk',
    },
  };
}

export function officeRespondedEvent(r: {
  complaintId: string;
  officeId: string;
  at: string;
}): EventToAppend {
  return {
    type: officeResponded.type,
    metadata: schemaVersion(1),
    data: {
      type: officeResponded.type,
      complaintId: r.complaintId,
      officeId: r.officeId,
      response: 'our account',
      respondedAt: at(r.at),
      respondedBy: r.officeId,
    },
  };
}

export function supervisionActionEvent(a: {
  officeId: string;
  actionId: string;
  action: SupervisionAction;
  at: string;
  period?: string;
}): EventToAppend {
  const type = eventTypeOfAction[a.action];
  return {
    type,
    metadata: schemaVersion(1),
    data: {
      type,
      officeId: a.officeId,
      actionId: a.actionId,
      reason: `${a.action} for cause`,
      ...(a.period ? { period: a.period } : {}),
      recordedAt: at(a.at),
      recordedBy: 'regulator',
    },
  };
}

const append = (store: EventStore, stream: string, event: EventToAppend) =>
  store.append(stream, [event], 'any');

/**
 * Complaints, requests for the office's account, answers and supervision actions about the
 * offices `seedLedger` pays at (OF1–OF3), and about OF9, an office without payments; a v2
 * reversal of payment T1-1 beside the ledger's v1 reversals.
 */
export async function seedSupervision(store: EventStore): Promise<void> {
  const file = (complaintId: string, kind: ComplaintKind, officeId: string, filedAt: string) =>
    append(
      store,
      complaintStreamOf(complaintId),
      complaintFiledEvent({ complaintId, kind, officeId, province: 'IR-23', at: filedAt }),
    );
  await file('C1', 'complaint', 'OF1', '2024-09-21T08:00:00Z');
  await file('C2', 'complaint', 'OF2', '2024-09-22T08:00:00Z');
  await file('C3', 'criticism', 'OF1', '2024-09-22T09:00:00Z');
  await file('C4', 'complaint', 'OF9', '2024-09-23T08:00:00Z');
  const request = (complaintId: string, officeId: string, requested: string, respondBy: string) =>
    append(
      store,
      complaintStreamOf(complaintId),
      responseRequestedEvent({ complaintId, officeId, at: requested, respondBy }),
    );
  const respond = (complaintId: string, officeId: string, respondedAt: string) =>
    append(
      store,
      complaintStreamOf(complaintId),
      officeRespondedEvent({ complaintId, officeId, at: respondedAt }),
    );
  await request('C1', 'OF1', '2024-09-21T09:00:00Z', '2024-09-25T20:30:00Z');
  await respond('C1', 'OF1', '2024-09-27T08:00:00Z');
  await request('C1', 'OF1', '2024-09-28T09:00:00Z', '2024-10-02T20:30:00Z');
  await request('C2', 'OF2', '2024-09-22T09:00:00Z', '2024-09-26T20:30:00Z');
  await respond('C2', 'OF2', '2024-09-24T08:00:00Z');
  await append(
    store,
    complaintStreamOf('C1'),
    complaintResolvedEvent('C1', 'upheld', '2024-10-05T08:00:00Z'),
  );
  await append(
    store,
    complaintStreamOf('C2'),
    complaintResolvedEvent('C2', 'not_upheld', '2024-10-05T08:00:00Z'),
  );
  const [first] = await store.readStream(paymentStreamOf('T1-1'));
  const p = first!.data as Pick<
    PaymentFacts,
    'paymentId' | 'officeId' | 'province' | 'serviceCode' | 'amount'
  >;
  await append(store, paymentStreamOf('T1-1'), paymentReversedEvent(p, '2024-09-21T08:00:00Z', 2));
  await append(
    store,
    supervisionStream('OF1'),
    supervisionActionEvent({
      officeId: 'OF1',
      actionId: 'A1',
      action: 'warning',
      at: '2024-10-06T08:00:00Z',
    }),
  );
  await append(
    store,
    supervisionStream('OF1'),
    supervisionActionEvent({
      officeId: 'OF1',
      actionId: 'A2',
      action: 'suspension_recommended',
      at: '2024-10-07T08:00:00Z',
      period: '1403-H1',
    }),
  );
}
