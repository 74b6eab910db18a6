import { deciderSpec } from '../../test/support/deciderSpec';
import {
  approveV1,
  j,
  ruralOffice,
  vehicleTransferComponents,
} from '../../test/support/tariffFixtures';
import {
  IdempotencyMismatchError,
  IllegalStateError,
  NotFoundError,
  ValidationError,
} from '../shared/errors';
import type { ProposeTariff } from './proposal.decide';
import { tariffDecider } from './tariff.decide';
import type { TariffApproved, TariffEvent } from './tariff';

const spec = deciderSpec(tariffDecider);
const v1 = spec.given([]).when(approveV1()).events();

const propose = (overrides: Partial<ProposeTariff> = {}): ProposeTariff => ({
  type: 'ProposeTariff',
  proposalId: 'P1',
  serviceCode: 'vehicle-transfer',
  service: { agencyId: 'traffic', feeCodes: ['transfer'] },
  effectiveFrom: j('1403/02/01'),
  components: vehicleTransferComponents('1800000', '30000', '200000'),
  variants: [{ officeKind: 'rural', components: [ruralOffice] }],
  justification: 'annual inflation',
  proposedBy: 'regulator-1',
  at: j('1403/01/05'),
  ...overrides,
});
const proposed = spec.given(v1).when(propose()).events();
const approval = {
  type: 'ApproveTariffProposal' as const,
  proposalId: 'P1',
  service: { agencyId: 'traffic', feeCodes: ['transfer'] },
  resolution: { number: '120/1403', date: j('1403/01/10') },
  approvedBy: 'commission-1',
  at: j('1403/01/12'),
};
const approved = spec
  .given([...v1, ...proposed])
  .when(approval)
  .events();
const rejection = {
  type: 'RejectTariffProposal' as const,
  proposalId: 'P1',
  reason: 'the agency fee is set by law',
  rejectedBy: 'commission-1',
  at: j('1403/01/12'),
};
const rejected = spec
  .given([...v1, ...proposed])
  .when(rejection)
  .events();
const withdrawal = {
  type: 'WithdrawTariffProposal' as const,
  proposalId: 'P1',
  withdrawnBy: 'regulator-1',
  at: j('1403/01/11'),
};
const withdrawn = spec
  .given([...v1, ...proposed])
  .when(withdrawal)
  .events();
const after = (...events: TariffEvent[][]) => spec.given(events.flat());

describe('tariff proposals', () => {
  it('a proposal records the schedule, its justification and the version in force it starts from', () => {
    expect(proposed).toEqual([
      expect.objectContaining({
        type: 'TariffProposed',
        proposalId: 'P1',
        agencyId: 'traffic',
        basedOn: { tariffId: 'vehicle-transfer/v1', version: 1 },
        effectiveFrom: j('1403/02/01').toISOString(),
        justification: 'annual inflation',
      }),
    ]);
  });

  it('approving records the version exactly as a direct approval would, naming the proposal', () => {
    const direct = spec
      .given(v1)
      .when(
        approveV1({
          resolution: approval.resolution,
          effectiveFrom: j('1403/02/01'),
          components: vehicleTransferComponents('1800000', '30000', '200000'),
          approvedBy: 'commission-1',
          at: approval.at,
        }),
      )
      .events();
    expect(approved).toEqual([
      { ...(direct[0] as TariffApproved), proposalId: 'P1' },
      {
        type: 'TariffProposalApproved',
        proposalId: 'P1',
        serviceCode: 'vehicle-transfer',
        tariffId: 'vehicle-transfer/v2',
        version: 2,
        resolution: { number: '120/1403', date: j('1403/01/10').toISOString() },
        approvedAt: j('1403/01/12').toISOString(),
        approvedBy: 'commission-1',
      },
    ]);
  });

  it('the same approval again is a replay; another resolution for it is refused', () => {
    after(v1, proposed, approved).when(approval).then([]);
    after(v1, proposed, approved)
      .when({ ...approval, resolution: { number: '121/1403', date: j('1403/01/10') } })
      .thenThrows(IllegalStateError, /already approved by resolution 120\/1403/);
  });

  it('a withdrawn or rejected proposal cannot be approved, and a decided one cannot be withdrawn', () => {
    after(v1, proposed, withdrawn)
      .when(approval)
      .thenThrows(IllegalStateError, /is withdrawn/);
    after(v1, proposed, rejected)
      .when(approval)
      .thenThrows(IllegalStateError, /is rejected/);
    after(v1, proposed, approved)
      .when(withdrawal)
      .thenThrows(IllegalStateError, /is approved/);
    after(v1, proposed, withdrawn)
      .when(rejection)
      .thenThrows(IllegalStateError, /is withdrawn/);
  });

  it('rejecting keeps the reason; the same rejection or withdrawal again appends nothing', () => {
    expect(rejected).toEqual([
      expect.objectContaining({ type: 'TariffProposalRejected', reason: rejection.reason }),
    ]);
    after(v1, proposed, rejected).when(rejection).then([]);
    after(v1, proposed, rejected)
      .when({ ...rejection, reason: 'another' })
      .thenThrows(IllegalStateError);
    after(v1, proposed, withdrawn).when(withdrawal).then([]);
    spec
      .given(v1)
      .when(rejection)
      .thenThrows(NotFoundError, /No tariff proposal P1/);
  });

  it('refuses bad prices with the path of each', () => {
    const run = () =>
      spec
        .given(v1)
        .when(propose({ components: vehicleTransferComponents('-5', '1.5', '200000') }))
        .events();
    expect(run).toThrow(ValidationError);
    try {
      run();
    } catch (e) {
      expect((e as ValidationError).problems.map((p) => p.path)).toEqual([
        'components.0.rule.amount',
        'components.1.rule.amount',
        'variants.0.components.0.rule.amount',
        'variants.0.components.1.rule.amount',
      ]);
    }
  });

  it('refuses an effective date at or before the version already recorded', () => {
    spec
      .given(v1)
      .when(propose({ effectiveFrom: j('1402/11/01') }))
      .thenThrows(IllegalStateError, /Overlaps vehicle-transfer\/v1/);
  });

  it('a version approved directly meanwhile makes the proposal overlap at approval', () => {
    const direct = after(v1, proposed)
      .when(
        approveV1({
          resolution: { number: '9/1403', date: j('1403/01/08') },
          effectiveFrom: j('1403/03/01'),
        }),
      )
      .events();
    after(v1, proposed, direct)
      .when(approval)
      .thenThrows(IllegalStateError, /Overlaps/);
  });

  it('one pending proposal per service; the same one again is a replay, the same id with other content 422', () => {
    after(v1, proposed)
      .when(propose({ proposalId: 'P2' }))
      .then([]);
    after(v1, proposed)
      .when(propose({ proposalId: 'P2', justification: 'other' }))
      .thenThrows(IllegalStateError, /P1 for vehicle-transfer is still pending/);
    after(v1, proposed).when(propose()).then([]);
    after(v1, proposed, withdrawn)
      .when(propose({ justification: 'other' }))
      .thenThrows(IdempotencyMismatchError);
    expect(
      after(v1, proposed, withdrawn)
        .when(propose({ proposalId: 'P2' }))
        .events(),
    ).toHaveLength(1);
  });

  it('a proposal for an unknown service, or without a reason, is refused', () => {
    spec
      .given([])
      .when(propose({ service: undefined }))
      .thenThrows(NotFoundError);
    spec
      .given(v1)
      .when(propose({ justification: '  ' }))
      .thenThrows(ValidationError);
    after(v1, proposed)
      .when({ ...rejection, reason: ' ' })
      .thenThrows(ValidationError);
  });
});
