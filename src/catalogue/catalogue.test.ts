import { IllegalStateError, ValidationError } from '../shared/errors';
import { deciderSpec } from '../../test/support/deciderSpec';
import { agencyDecider } from './agency.decide';
import { serviceDecider } from './service.decide';
import { catalogueDecider, latestDeadline, type PublishCatalogue } from './catalogue.decide';
import type { AgencyRegistered } from './agency';
import type { CataloguePublished } from './catalogue';

const at = new Date('2018-04-11T08:00:00Z'); // 1397/01/22 12:30 Tehran, the resolution's date
const registered: AgencyRegistered = {
  type: 'AgencyRegistered',
  agencyId: 'naja-traffic',
  nameFa: 'پلیس راهور',
  nameEn: 'Traffic Police',
  legalId: '10380284790',
  treasuryIban: 'IR820540102680020817909002',
  fees: [{ feeCode: 'transfer', nameFa: 'هزینه نقل و انتقال', depositId: '300000000000123' }],
  registeredAt: at.toISOString(),
};

describe('agency', () => {
  const spec = deciderSpec(agencyDecider);
  const { type: _t, registeredAt: _r, ...fields } = registered;
  const register = { type: 'RegisterAgency' as const, ...fields, at };

  it('registers an agency with a checked legal id and Sheba, normalised', () => {
    spec
      .given([])
      .when({
        ...register,
        legalId: '۱۰۳۸۰۲۸۴۷۹۰',
        treasuryIban: 'ir82 0540 1026 8002 0817 9090 02',
      })
      .then([registered]);
  });
  it('rejects an IBAN with a wrong checksum, naming the field', () => {
    const run = spec
      .given([])
      .when({ ...register, treasuryIban: 'IR820540102680020817909003' }).events;
    expect(run).toThrow(ValidationError);
    expect(run).toThrow(
      expect.objectContaining({ problems: [expect.objectContaining({ path: 'treasuryIban' })] }),
    );
  });
  it('rejects a legal id with a wrong check digit', () => {
    spec
      .given([])
      .when({ ...register, legalId: '10380284791' })
      .thenThrows(ValidationError);
  });
  it('rejects registering the same agency twice', () => {
    spec
      .given([registered])
      .when(register)
      .thenThrows(IllegalStateError, /already registered/);
  });
});

describe('service', () => {
  const spec = deciderSpec(serviceDecider);
  const define = {
    type: 'DefineService' as const,
    serviceCode: 'vehicle-transfer',
    agencyId: 'naja-traffic',
    agencyExists: true,
    nameFa: 'نقل و انتقال خودرو',
    nameEn: 'Vehicle transfer',
    conditions: 'Both parties present',
    customerData: 'records' as const,
    at,
  };
  it('defines a service of a known agency', () => {
    const [event] = spec.given([]).when(define).events();
    expect(event).toMatchObject({
      type: 'ServiceDefined',
      serviceCode: 'vehicle-transfer',
      customerData: 'records',
    });
  });
  it('rejects a service of an unknown agency', () => {
    spec
      .given([])
      .when({ ...define, agencyExists: false })
      .thenThrows(ValidationError, 'Unknown agency');
  });
  it('records a launch at offices once; launching again changes nothing', () => {
    const defined = spec.given([]).when(define).events();
    const launch = {
      type: 'LaunchServiceAtOffices' as const,
      serviceCode: 'vehicle-transfer',
      launchedAt: at,
      at,
    };
    const launched = spec.given(defined).when(launch).events();
    expect(launched).toHaveLength(1);
    spec
      .given([...defined, ...launched])
      .when(launch)
      .then([]);
  });
  it('rejects launching an undefined service', () => {
    spec
      .given([])
      .when({ type: 'LaunchServiceAtOffices', serviceCode: 'x', launchedAt: at, at })
      .thenThrows(IllegalStateError);
  });
});

describe('catalogue publication', () => {
  const spec = deciderSpec(catalogueDecider);
  const offerBy = new Date('2019-03-20T20:29:00Z');
  const publish: PublishCatalogue = {
    type: 'PublishCatalogue',
    scope: { kind: 'national' },
    period: '1397-H1',
    entries: [{ serviceCode: 'vehicle-transfer', conditions: 'Both parties present', offerBy }],
    serviceAgency: (code) => (code === 'vehicle-transfer' ? 'naja-traffic' : undefined),
    publishedBy: 'areo-1',
    at,
  };
  const v1: CataloguePublished = {
    type: 'CataloguePublished',
    scope: { kind: 'national' },
    period: '1397-H1',
    version: 1,
    publishedAt: at.toISOString(),
    publishedBy: 'areo-1',
    entries: [
      {
        serviceCode: 'vehicle-transfer',
        agencyId: 'naja-traffic',
        conditions: 'Both parties present',
        availableFrom: '2018-03-20T20:30:00.000Z',
        offerBy: offerBy.toISOString(),
      },
    ],
  };

  it('publishes version 1, available from the start of the half-year', () => {
    spec.given([]).when(publish).then([v1]);
  });
  it('a later list for the same period and scope is version 2, never an edit', () => {
    const later = new Date('2018-05-01T08:00:00Z');
    const [v2] = spec
      .given([v1])
      .when({ ...publish, at: later })
      .events();
    expect(v2).toMatchObject({ version: 2, publishedAt: later.toISOString() });
  });
  it('rejects an unknown service, naming the entry', () => {
    const run = spec
      .given([])
      .when({ ...publish, entries: [{ serviceCode: 'nope', conditions: '', offerBy }] }).events;
    expect(run).toThrow(
      expect.objectContaining({
        problems: [{ path: 'entries.0.serviceCode', message: 'no service nope' }],
      }),
    );
  });
  it('rejects a deadline more than two years after the notification', () => {
    const tooLate = new Date(latestDeadline(at).getTime() + 1);
    spec
      .given([])
      .when({ ...publish, entries: [{ ...publish.entries[0]!, offerBy: tooLate }] })
      .thenThrows(ValidationError);
    spec
      .given([])
      .when({ ...publish, entries: [{ ...publish.entries[0]!, offerBy: latestDeadline(at) }] })
      .events();
  });
  it('the two-year limit ends with 1399/01/22 in Tehran', () => {
    expect(latestDeadline(at).toISOString()).toBe('2020-04-10T19:29:59.999Z');
  });
  it('rejects a province that does not exist and a malformed period', () => {
    const run = spec.given([]).when({
      ...publish,
      scope: { kind: 'provincial', province: 'IR-99' },
      period: '1397-H3',
    }).events;
    expect(run).toThrow(
      expect.objectContaining({
        problems: expect.arrayContaining([
          expect.objectContaining({ path: 'province' }),
          expect.objectContaining({ path: 'period' }),
        ]),
      }),
    );
  });
  it('rejects availability outside the period', () => {
    spec
      .given([])
      .when({
        ...publish,
        entries: [{ ...publish.entries[0]!, availableFrom: new Date('2018-10-01T00:00:00Z') }],
      })
      .thenThrows(ValidationError);
  });
  it('rejects a version notified before the one already published', () => {
    spec
      .given([v1])
      .when({ ...publish, at: new Date('2018-04-01T00:00:00Z') })
      .thenThrows(IllegalStateError);
  });
});
