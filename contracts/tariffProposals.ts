import { z } from 'zod';
import { WhenSchema } from './catalogue';
import { PageQuery, pageOf } from './licensing';
import { InstantSchema, route } from './route';
import { Component, Variants } from './tariffs';

export const tariffProposalStatuses = ['pending', 'approved', 'rejected', 'withdrawn'] as const;

const ServiceParams = z.strictObject({ serviceCode: z.string().max(64) });
const ProposalParams = z.strictObject({
  serviceCode: z.string().max(64),
  proposalId: z.string().max(64),
});

export const ProposeTariffBody = z
  .strictObject({
    effectiveFrom: WhenSchema,
    effectiveUntil: WhenSchema.optional(),
    components: z.array(Component).min(1).max(30),
    variants: Variants,
    justification: z.string().min(1).max(2000),
  })
  .meta({
    id: 'ProposeTariffRequest',
    example: {
      effectiveFrom: '1405/10/01',
      components: [
        {
          code: 'gov',
          nameFa: 'هزینه دولتی',
          beneficiary: { kind: 'agency', feeCode: 'transfer' },
          rule: { kind: 'fixed', amount: '1650000' },
        },
        {
          code: 'office',
          nameFa: 'کارمزد دفتر',
          beneficiary: { kind: 'office' },
          rule: { kind: 'fixed', amount: '180000' },
          ceiling: true,
        },
      ],
      justification: 'تورم سالانه و هزینه کاغذ',
    },
  });

export const TariffProposalViewSchema = z
  .object({
    proposalId: z.string(),
    serviceCode: z.string(),
    status: z.enum(tariffProposalStatuses),
    basedOn: z.object({ tariffId: z.string(), version: z.number() }).optional(),
    effectiveFrom: InstantSchema,
    effectiveUntil: InstantSchema.optional(),
    components: z.array(Component),
    variants: z.array(z.unknown()),
    justification: z.string(),
    proposedAt: InstantSchema,
    decision: z
      .object({
        outcome: z.enum(['approved', 'rejected', 'withdrawn']),
        at: InstantSchema,
        resolution: z.object({ number: z.string(), date: InstantSchema }).optional(),
        tariffId: z.string().optional(),
        version: z.number().optional(),
        reason: z.string().optional(),
      })
      .optional(),
  })
  .meta({ id: 'TariffProposal', description: 'A tariff proposal of the regulator and its state' });

const one = (description: string) => ({ description, schema: TariffProposalViewSchema });

export const tariffProposalRoutes = {
  propose: route({
    operationId: 'proposeTariff',
    method: 'post',
    path: '/v1/tariffs/{serviceCode}/proposals',
    action: 'tariffProposal.propose',
    summary: 'Propose a tariff change to the Commission (regulator)',
    description:
      'One pending proposal per service. The same Idempotency-Key with the same body, or the same pending proposal again, answers it again (`Idempotent-Replayed: true`); the key with another body is 422.',
    tags: ['tariffs'],
    idempotent: true,
    params: ServiceParams,
    body: ProposeTariffBody,
    responses: { 201: one('Proposed') },
  }),
  list: route({
    operationId: 'listTariffProposals',
    method: 'get',
    path: '/v1/tariff-proposals',
    action: 'tariffProposal.read',
    summary:
      "Tariff proposals, newest first: the Commission's queue (`status=pending`) or the regulator's",
    description:
      'Every pending proposal and the latest ten closed ones of each service; older ones are read by id.',
    tags: ['tariffs'],
    query: z.strictObject({
      status: z.enum(tariffProposalStatuses).optional(),
      serviceCode: z.string().max(64).optional(),
      ...PageQuery,
    }),
    responses: {
      200: {
        description: 'A page',
        schema: pageOf(TariffProposalViewSchema, 'TariffProposalPage'),
      },
    },
  }),
  get: route({
    operationId: 'getTariffProposal',
    method: 'get',
    path: '/v1/tariffs/{serviceCode}/proposals/{proposalId}',
    action: 'tariffProposal.read',
    summary: 'One tariff proposal and its decision',
    tags: ['tariffs'],
    params: ProposalParams,
    responses: { 200: one('The proposal') },
  }),
  approve: route({
    operationId: 'approveTariffProposal',
    method: 'post',
    path: '/v1/tariffs/{serviceCode}/proposals/{proposalId}/approve',
    action: 'tariffProposal.decide',
    summary: 'Approve a pending proposal by resolution: records the tariff version (commission)',
    description:
      'Records the version exactly as `POST /v1/tariffs/{serviceCode}/approvals` would, naming the proposal. The same resolution again is a replay; another is 409.',
    tags: ['tariffs'],
    params: ProposalParams,
    body: z
      .strictObject({
        resolution: z.strictObject({ number: z.string().min(1).max(64), date: WhenSchema }),
      })
      .meta({
        id: 'ApproveTariffProposalRequest',
        example: { resolution: { number: '312/1405', date: '1405/09/25' } },
      }),
    responses: { 200: one('Approved; `decision` names the version recorded') },
  }),
  reject: route({
    operationId: 'rejectTariffProposal',
    method: 'post',
    path: '/v1/tariffs/{serviceCode}/proposals/{proposalId}/reject',
    action: 'tariffProposal.decide',
    summary: 'Reject a pending proposal with a reason (commission)',
    tags: ['tariffs'],
    params: ProposalParams,
    body: z.strictObject({ reason: z.string().min(1).max(2000) }),
    responses: { 200: one('Rejected') },
  }),
  withdraw: route({
    operationId: 'withdrawTariffProposal',
    method: 'post',
    path: '/v1/tariffs/{serviceCode}/proposals/{proposalId}/withdraw',
    action: 'tariffProposal.withdraw',
    summary: 'Withdraw a pending proposal (regulator)',
    tags: ['tariffs'],
    params: ProposalParams,
    body: z.strictObject({ reason: z.string().min(1).max(2000).optional() }),
    responses: { 200: one('Withdrawn') },
  }),
};
