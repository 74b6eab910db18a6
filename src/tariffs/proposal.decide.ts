import { isDeepStrictEqual } from 'node:util';
import {
  IdempotencyMismatchError,
  IllegalStateError,
  NotFoundError,
  ValidationError,
} from '../shared/errors';
import { approve, checkAfterEveryVersion, checkSchedule, type Schedule } from './approval';
import type { TariffProposal, TariffProposalEvent, TariffProposed } from './proposal';
import { versionInForce, type TariffEvent, type TariffHistory } from './tariff';

/** The service a command concerns, looked up by the caller: its agency and fee codes. */
type ServiceLookup = { agencyId: string; feeCodes: readonly string[] } | undefined;

/**
 * The regulator proposes a tariff change (پیشنهاد تغییر تعرفه). `proposalId` comes from the
 * caller: derived from an Idempotency-Key, so a retry names the same proposal.
 */
export interface ProposeTariff extends Schedule {
  type: 'ProposeTariff';
  proposalId: string;
  serviceCode: string;
  service: ServiceLookup;
  justification: string;
  proposedBy: string;
  at: Date;
}

/** The Commission approves a pending proposal by its resolution (مصوبه): number and date. */
export interface ApproveTariffProposal {
  type: 'ApproveTariffProposal';
  proposalId: string;
  service: ServiceLookup;
  resolution: { number: string; date: Date };
  approvedBy: string;
  at: Date;
}

/** The Commission rejects a pending proposal, saying why. */
export interface RejectTariffProposal {
  type: 'RejectTariffProposal';
  proposalId: string;
  reason: string;
  rejectedBy: string;
  at: Date;
}

/** The regulator withdraws its pending proposal. */
export interface WithdrawTariffProposal {
  type: 'WithdrawTariffProposal';
  proposalId: string;
  reason?: string;
  withdrawnBy: string;
  at: Date;
}

export type TariffProposalCommand =
  ProposeTariff | ApproveTariffProposal | RejectTariffProposal | WithdrawTariffProposal;

const versionsOf = (state: TariffHistory) => (state.status === 'approved' ? state.versions : []);

/** What a proposal asks for, compared to tell a retry from a different proposal. */
const asked = (p: {
  effectiveFrom: string;
  effectiveUntil?: string | undefined;
  components: unknown;
  variants: unknown;
  justification: string;
}) => ({
  effectiveFrom: p.effectiveFrom,
  effectiveUntil: p.effectiveUntil,
  components: p.components,
  variants: p.variants,
  justification: p.justification,
});

function find(state: TariffHistory, proposalId: string): TariffProposal {
  const p = state.proposals.find((x) => x.proposed.proposalId === proposalId);
  if (!p) throw new NotFoundError(`No tariff proposal ${proposalId}`);
  return p;
}

const notPending = (p: TariffProposal, wanted: string) =>
  new IllegalStateError(
    `Proposal ${p.proposed.proposalId} is ${p.status}; only a pending proposal can be ${wanted}`,
  );

function propose(c: ProposeTariff, state: TariffHistory): TariffProposalEvent[] {
  if (!c.service) throw new NotFoundError(`No service ${c.serviceCode}`);
  const wanted = asked({
    effectiveFrom: c.effectiveFrom.toISOString(),
    effectiveUntil: c.effectiveUntil?.toISOString(),
    components: c.components,
    variants: c.variants,
    justification: c.justification,
  });
  const same = (p: TariffProposal) => isDeepStrictEqual(asked(p.proposed), wanted);
  const earlier = state.proposals.find((p) => p.proposed.proposalId === c.proposalId);
  if (earlier) {
    if (same(earlier)) return [];
    throw new IdempotencyMismatchError(
      `This Idempotency-Key already named proposal ${c.proposalId}, with other content`,
    );
  }
  const pending = state.proposals.find((p) => p.status === 'pending');
  if (pending) {
    if (same(pending) && pending.proposed.proposedBy === c.proposedBy) return [];
    throw new IllegalStateError(
      `Proposal ${pending.proposed.proposalId} for ${c.serviceCode} is still pending: withdraw it or await the Commission first`,
    );
  }
  const problems = checkSchedule(c, c.service.feeCodes);
  if (c.justification.trim() === '')
    problems.push({ path: 'justification', message: 'say why the tariff should change' });
  if (problems.length > 0) throw new ValidationError('The proposed tariff is not valid', problems);
  const versions = versionsOf(state);
  checkAfterEveryVersion(versions, c.effectiveFrom);
  const basis = versionInForce(versions, c.at) ?? versions.at(-1);
  return [
    {
      type: 'TariffProposed',
      proposalId: c.proposalId,
      serviceCode: c.serviceCode,
      agencyId: c.service.agencyId,
      ...(basis ? { basedOn: { tariffId: basis.tariffId, version: basis.version } } : {}),
      effectiveFrom: wanted.effectiveFrom,
      ...(wanted.effectiveUntil ? { effectiveUntil: wanted.effectiveUntil } : {}),
      components: c.components,
      variants: c.variants,
      justification: c.justification,
      proposedAt: c.at.toISOString(),
      proposedBy: c.proposedBy,
    },
  ];
}

/** Records the version exactly as a direct approval would, naming the proposal, then marks it approved. */
function approveProposal(c: ApproveTariffProposal, state: TariffHistory): TariffEvent[] {
  const p = find(state, c.proposalId);
  const date = c.resolution.date.toISOString();
  if (p.status === 'approved') {
    const r = p.approved.resolution;
    if (r.number === c.resolution.number && r.date === date) return [];
    throw new IllegalStateError(
      `Proposal ${c.proposalId} was already approved by resolution ${r.number} as ${p.approved.tariffId}`,
    );
  }
  if (p.status !== 'pending') throw notPending(p, 'approved');
  const proposed: TariffProposed = p.proposed;
  const [version] = approve(
    {
      type: 'ApproveTariff',
      serviceCode: proposed.serviceCode,
      service: c.service,
      resolution: c.resolution,
      effectiveFrom: new Date(proposed.effectiveFrom),
      ...(proposed.effectiveUntil ? { effectiveUntil: new Date(proposed.effectiveUntil) } : {}),
      components: proposed.components,
      variants: proposed.variants,
      approvedBy: c.approvedBy,
      at: c.at,
    },
    state,
  );
  return [
    { ...version!, proposalId: c.proposalId },
    {
      type: 'TariffProposalApproved',
      proposalId: c.proposalId,
      serviceCode: proposed.serviceCode,
      tariffId: version!.tariffId,
      version: version!.version,
      resolution: version!.resolution,
      approvedAt: c.at.toISOString(),
      approvedBy: c.approvedBy,
    },
  ];
}

function reject(c: RejectTariffProposal, state: TariffHistory): TariffProposalEvent[] {
  const p = find(state, c.proposalId);
  if (p.status === 'rejected' && p.rejected.reason === c.reason) return [];
  if (p.status !== 'pending') throw notPending(p, 'rejected');
  if (c.reason.trim() === '')
    throw new ValidationError('Say why', [{ path: 'reason', message: 'a rejection has a reason' }]);
  return [
    {
      type: 'TariffProposalRejected',
      proposalId: c.proposalId,
      serviceCode: p.proposed.serviceCode,
      reason: c.reason,
      rejectedAt: c.at.toISOString(),
      rejectedBy: c.rejectedBy,
    },
  ];
}

function withdraw(c: WithdrawTariffProposal, state: TariffHistory): TariffProposalEvent[] {
  const p = find(state, c.proposalId);
  if (p.status === 'withdrawn') return [];
  if (p.status !== 'pending') throw notPending(p, 'withdrawn');
  return [
    {
      type: 'TariffProposalWithdrawn',
      proposalId: c.proposalId,
      serviceCode: p.proposed.serviceCode,
      ...(c.reason ? { reason: c.reason } : {}),
      withdrawnAt: c.at.toISOString(),
      withdrawnBy: c.withdrawnBy,
    },
  ];
}

export function decideProposal(c: TariffProposalCommand, state: TariffHistory): TariffEvent[] {
  switch (c.type) {
    case 'ProposeTariff':
      return propose(c, state);
    case 'ApproveTariffProposal':
      return approveProposal(c, state);
    case 'RejectTariffProposal':
      return reject(c, state);
    case 'WithdrawTariffProposal':
      return withdraw(c, state);
  }
}
