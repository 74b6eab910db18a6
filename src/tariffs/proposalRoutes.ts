import { createHash, randomUUID } from 'node:crypto';
import type { Router } from 'express';
import { tariffProposalRoutes as c } from '../../contracts/tariffProposals';
import type { CatalogueIndex } from '../catalogue';
import type { Clock } from '../shared/clock';
import { NotFoundError } from '../shared/errors';
import { commandHandler, type EventStore } from '../shared/eventStore';
import { idempotencyKeyOf } from '../shared/http/idempotencyKey';
import { mount } from '../shared/http/mount';
import { paginate } from '../shared/http/page';
import { instant } from '../shared/jalali';
import { parseInstant } from '../shared/jalaliPeriod';
import type { Following } from '../shared/readModel';
import type { TariffProposal } from './proposal';
import type { TariffProposalCommand } from './proposal.decide';
import type { TariffProposalList } from './proposals';
import { tariffDecider } from './tariff.decide';
import { tariffStream, type TariffHistory } from './tariff';

export interface TariffProposalDeps {
  store: EventStore;
  clock: Clock;
  catalogue: CatalogueIndex;
  proposals: TariffProposalList;
  following: Following;
}

const at = (iso: string) => instant(new Date(iso));

export function proposalView(p: TariffProposal) {
  const d = p.proposed;
  const decision = (() => {
    switch (p.status) {
      case 'pending':
        return undefined;
      case 'approved':
        return {
          outcome: 'approved' as const,
          at: at(p.approved.approvedAt),
          resolution: {
            number: p.approved.resolution.number,
            date: at(p.approved.resolution.date),
          },
          tariffId: p.approved.tariffId,
          version: p.approved.version,
        };
      case 'rejected':
        return {
          outcome: 'rejected' as const,
          at: at(p.rejected.rejectedAt),
          reason: p.rejected.reason,
        };
      case 'withdrawn':
        return {
          outcome: 'withdrawn' as const,
          at: at(p.withdrawn.withdrawnAt),
          ...(p.withdrawn.reason ? { reason: p.withdrawn.reason } : {}),
        };
    }
  })();
  return {
    proposalId: d.proposalId,
    serviceCode: d.serviceCode,
    status: p.status,
    ...(d.basedOn ? { basedOn: d.basedOn } : {}),
    effectiveFrom: at(d.effectiveFrom),
    ...(d.effectiveUntil ? { effectiveUntil: at(d.effectiveUntil) } : {}),
    components: d.components,
    variants: d.variants,
    justification: d.justification,
    proposedAt: at(d.proposedAt),
    ...(decision ? { decision } : {}),
  };
}

/** A proposal id that a retry with the same Idempotency-Key names again. */
const keyedId = (credentialId: string, serviceCode: string, key: string) =>
  createHash('sha256')
    .update(`tariff-proposal\n${credentialId}\n${serviceCode}\n${key}`)
    .digest('hex')
    .slice(0, 32);

const replayed = { 'Idempotent-Replayed': 'true' };

/** The regulator's tariff proposals and the Commission's decisions on them. */
export function mountTariffProposals(router: Router, deps: TariffProposalDeps): void {
  const handle = commandHandler(deps.store, tariffDecider);
  const serviceOf = (serviceCode: string) => {
    const service = deps.catalogue.service(serviceCode);
    const agency = service ? deps.catalogue.agency(service.agencyId) : undefined;
    return service && agency
      ? { agencyId: agency.agencyId, feeCodes: agency.fees.map((f) => f.feeCode) }
      : undefined;
  };
  const find = (state: TariffHistory, proposalId: string) => {
    const p = state.proposals.find((x) => x.proposed.proposalId === proposalId);
    if (!p) throw new NotFoundError(`No tariff proposal ${proposalId}`);
    return p;
  };
  async function run(serviceCode: string, proposalId: string, command: TariffProposalCommand) {
    const r = await handle(tariffStream(serviceCode), command);
    if (r.append) await deps.following.ensure(r.append.position);
    return {
      body: proposalView(find(r.state, proposalId)),
      ...(r.newEvents === 0 ? { headers: replayed } : {}),
    };
  }

  mount(router, c.propose, async ({ params, body, principal, header }) => {
    const key = idempotencyKeyOf(header);
    const proposalId = key
      ? keyedId(principal.credentialId, params.serviceCode, key)
      : randomUUID();
    const r = await handle(tariffStream(params.serviceCode), {
      type: 'ProposeTariff',
      proposalId,
      serviceCode: params.serviceCode,
      service: serviceOf(params.serviceCode),
      effectiveFrom: parseInstant(body.effectiveFrom)!,
      ...(body.effectiveUntil ? { effectiveUntil: parseInstant(body.effectiveUntil)! } : {}),
      components: body.components,
      variants: body.variants,
      justification: body.justification,
      proposedBy: principal.credentialId,
      at: deps.clock.now(),
    });
    if (r.append) await deps.following.ensure(r.append.position);
    const proposal =
      r.state.proposals.find((p) => p.proposed.proposalId === proposalId) ??
      r.state.proposals.find((p) => p.status === 'pending')!;
    return {
      status: 201,
      body: proposalView(proposal),
      headers: {
        Location: `/v1/tariffs/${params.serviceCode}/proposals/${proposal.proposed.proposalId}`,
        ...(r.newEvents === 0 ? replayed : {}),
      },
    };
  });

  mount(router, c.list, async ({ query }) => {
    await deps.following.ensure();
    const rows = deps.proposals
      .all()
      .filter(
        (p) =>
          (!query.status || p.status === query.status) &&
          (!query.serviceCode || p.proposed.serviceCode === query.serviceCode),
      );
    const newestFirst = (p: TariffProposal) =>
      `${String(9e15 - Date.parse(p.proposed.proposedAt)).padStart(16, '0')}|${p.proposed.proposalId}`;
    const page = paginate(rows, newestFirst, query.cursor, query.limit);
    return { status: 200, body: { ...page, items: page.items.map(proposalView) } };
  });

  mount(router, c.get, async ({ params }) => {
    const events = await deps.store.readStream(tariffStream(params.serviceCode));
    const state = events.reduce(
      (s, e) => tariffDecider.evolve(s, e.data as Parameters<typeof tariffDecider.evolve>[1]),
      tariffDecider.initialState(),
    );
    return { status: 200, body: proposalView(find(state, params.proposalId)) };
  });

  mount(router, c.approve, async ({ params, body, principal }) => ({
    status: 200,
    ...(await run(params.serviceCode, params.proposalId, {
      type: 'ApproveTariffProposal',
      proposalId: params.proposalId,
      service: serviceOf(params.serviceCode),
      resolution: { number: body.resolution.number, date: parseInstant(body.resolution.date)! },
      approvedBy: principal.credentialId,
      at: deps.clock.now(),
    })),
  }));

  mount(router, c.reject, async ({ params, body, principal }) => ({
    status: 200,
    ...(await run(params.serviceCode, params.proposalId, {
      type: 'RejectTariffProposal',
      proposalId: params.proposalId,
      reason: body.reason,
      rejectedBy: principal.credentialId,
      at: deps.clock.now(),
    })),
  }));

  mount(router, c.withdraw, async ({ params, body, principal }) => ({
    status: 200,
    ...(await run(params.serviceCode, params.proposalId, {
      type: 'WithdrawTariffProposal',
      proposalId: params.proposalId,
      ...(body.reason ? { reason: body.reason } : {}),
      withdrawnBy: principal.credentialId,
      at: deps.clock.now(),
    })),
  }));
}
