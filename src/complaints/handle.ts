import { createHash, randomUUID } from 'node:crypto';
import { caseByTrackingCode } from '../../projections/complaints/queries';
import type { Clock } from '../shared/clock';
import { NotFoundError, ValidationError } from '../shared/errors';
import type { WorkCalendar } from '../calendar';
import { commandHandler, type EventStore } from '../shared/eventStore';
import type { SecretBox } from '../shared/secrets';
import {
  complaintStream,
  type ComplaintKind,
  type ComplaintSubject,
  type ComplaintTopic,
  type Desk,
  type Parties,
} from './complaint';
import { complaintDecider, type ComplaintCommand, type RemedyOrder } from './complaint.decide';
import { caseRecord, caughtUpWith, readModels, type CaseReadSide } from './cases';
import type { RefundLedger } from './refunds';
import { caseDueBy, officeRespondBy, type SlaPolicy } from './sla';
import { newTrackingCode } from './trackingCode';

/** What routing and scope need to know about offices, services and agencies. */
export interface ComplaintLookups {
  officeProvince(officeId: string): string | undefined;
  agencyOfService(serviceCode: string): string | undefined;
  agencyExists(agencyId: string): boolean;
  /**
   * The office a recorded payment was made at, if the payment exists; a payment this node
   * has not seen yet (recorded seconds ago on another node) is looked up in the log.
   */
  paymentOffice(paymentId: string): Promise<string | undefined>;
}

export interface ComplaintDeps {
  store: EventStore;
  clock: Clock;
  secrets: SecretBox;
  /** The `complaints` projection: lists, tracking codes and overdue cases are read from it. */
  reporting: CaseReadSide;
  lookups: ComplaintLookups;
  calendar: WorkCalendar;
  sla: SlaPolicy;
  refunds: RefundLedger;
}

export interface Intake {
  kind: ComplaintKind;
  topic: ComplaintTopic;
  subject: ComplaintSubject;
  receiptCode?: string;
  description: string;
  contact?: { name?: string; mobile?: string; email?: string };
}

const unknown = (path: string, what: string) =>
  new ValidationError(`Unknown ${what}`, [{ path, message: `no such ${what}` }]);

/** Routing (ارجاع): an office matter to its province's regulator desk; a service or agency matter to the agency. */
export function route(
  subject: ComplaintSubject,
  lookups: ComplaintLookups,
): { desk: Desk; parties: Parties } {
  switch (subject.kind) {
    case 'office': {
      const province = lookups.officeProvince(subject.officeId);
      if (!province) throw unknown('subject.officeId', 'office');
      const agency =
        subject.serviceCode === undefined
          ? undefined
          : lookups.agencyOfService(subject.serviceCode);
      if (subject.serviceCode !== undefined && !agency)
        throw unknown('subject.serviceCode', 'service');
      return {
        desk: { kind: 'province', province },
        parties: { officeId: subject.officeId, province, agencyIds: agency ? [agency] : [] },
      };
    }
    case 'service': {
      const agencyId = lookups.agencyOfService(subject.serviceCode);
      if (!agencyId) throw unknown('subject.serviceCode', 'service');
      return { desk: { kind: 'agency', agencyId }, parties: { agencyIds: [agencyId] } };
    }
    case 'agency':
      if (!lookups.agencyExists(subject.agencyId)) throw unknown('subject.agencyId', 'agency');
      return {
        desk: { kind: 'agency', agencyId: subject.agencyId },
        parties: { agencyIds: [subject.agencyId] },
      };
  }
}

export async function fileComplaint(deps: ComplaintDeps, intake: Intake) {
  const now = deps.clock.now();
  const { desk, parties } = route(intake.subject, deps.lookups);
  let trackingCode = newTrackingCode();
  while (await caseByTrackingCode(await readModels(deps.reporting), trackingCode))
    trackingCode = newTrackingCode();
  const complaintId = randomUUID();
  const due = caseDueBy(intake.kind, now, desk, deps.sla, deps.calendar);
  const { contact, ...rest } = intake;
  const command: ComplaintCommand = {
    type: 'FileComplaint',
    complaintId,
    trackingCode,
    ...rest,
    desk,
    parties,
    ...(contact && Object.keys(contact).length
      ? { contact: deps.secrets.seal(JSON.stringify(contact)) }
      : {}),
    dueBy: due.at,
    slaWorkingDays: deps.sla.workingDays[intake.kind],
    now,
  };
  const r = await commandHandler(deps.store, complaintDecider)(
    complaintStream(complaintId),
    command,
    'no_stream',
  );
  await caughtUpWith(deps.reporting, r.append?.position);
  return { complaintId, trackingCode, due };
}

/** A handling step from a person: the command is built with the current time and the actor. */
export type StepInput =
  | { type: 'StartReview'; reason: string }
  | { type: 'RequestOfficeResponse'; reason: string }
  | { type: 'RecordOfficeResponse'; officeId: string; response: string }
  | {
      type: 'ResolveComplaint';
      outcome: 'upheld' | 'not_upheld';
      remedies: Array<{ kind: 'refund'; paymentId: string; amount: string } | { kind: 'warning' }>;
      reason: string;
    }
  | { type: 'CloseComplaint'; reason: string };

/** A refund's id derives from the case and the payment, so ordering it twice cannot pay twice. */
const refundIdOf = (complaintId: string, paymentId: string) => {
  const h = createHash('sha256')
    .update(`complaint-refund/${complaintId}/${paymentId}`)
    .digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

function command(
  complaintId: string,
  input: StepInput,
  now: Date,
  actor: string,
  deps: ComplaintDeps,
  province: string | undefined,
): ComplaintCommand {
  switch (input.type) {
    case 'RequestOfficeResponse':
      return {
        ...input,
        complaintId,
        now,
        actor,
        respondBy: officeRespondBy(now, province, deps.sla, deps.calendar),
      };
    case 'ResolveComplaint': {
      const remedies: RemedyOrder[] = input.remedies.map((r) =>
        r.kind === 'refund' ? { ...r, refundId: refundIdOf(complaintId, r.paymentId) } : r,
      );
      return { ...input, remedies, complaintId, now, actor };
    }
    default:
      return { ...input, complaintId, now, actor };
  }
}

export async function handleStep(
  deps: ComplaintDeps,
  complaintId: string,
  input: StepInput,
  actor: string,
) {
  const record = await caseRecord(deps.store, complaintId);
  if (!record) throw new NotFoundError('complaint not found');
  if (input.type === 'ResolveComplaint') {
    const offices = await Promise.all(
      input.remedies.map((r) =>
        r.kind === 'refund' ? deps.lookups.paymentOffice(r.paymentId) : Promise.resolve(undefined),
      ),
    );
    const problems = input.remedies.flatMap((r, i) =>
      r.kind === 'refund' && offices[i] !== record.state.filed.parties.officeId
        ? [{ path: `remedies.${i}.paymentId`, message: 'no payment of this office has that id' }]
        : [],
    );
    if (problems.length)
      throw new ValidationError(
        'A refund must be of a payment made at the office concerned',
        problems,
      );
  }
  const r = await commandHandler(deps.store, complaintDecider)(
    complaintStream(complaintId),
    command(complaintId, input, deps.clock.now(), actor, deps, record.state.filed.parties.province),
  );
  await caughtUpWith(deps.reporting, r.append?.position);
  if (input.type === 'ResolveComplaint') await settleRefunds(deps, complaintId, actor);
}

/** What settling a case's ordered refunds needs. */
export type RefundSettling = Pick<ComplaintDeps, 'store' | 'clock' | 'reporting' | 'refunds'>;

/**
 * Hands every ordered, not yet recorded refund of a case to the payment ledger and links
 * the ledger's refund back to the case. Safe to run again: the ledger records a refund id
 * once, and the case records the link once.
 */
export async function settleRefunds(
  deps: RefundSettling,
  complaintId: string,
  actor: string,
): Promise<string[]> {
  const record = await caseRecord(deps.store, complaintId);
  if (record?.state.status !== 'resolved') return [];
  const problems: string[] = [];
  for (const refund of record.state.refunds.filter((r) => !r.recordedAt)) {
    const now = deps.clock.now();
    const result = await deps.refunds.recordRefund({
      ...refund,
      complaintId,
      trackingCode: record.state.filed.trackingCode,
      actor,
      at: now,
    });
    if (!result.recorded) {
      problems.push(result.reason);
      continue;
    }
    const r = await commandHandler(deps.store, complaintDecider)(complaintStream(complaintId), {
      type: 'RecordRefund',
      complaintId,
      refundId: refund.refundId,
      now,
    });
    await caughtUpWith(deps.reporting, r.append?.position);
  }
  return problems;
}
