import { Router } from 'express';
import { catalogueRoutes as c } from '../../contracts/catalogue';
import type { Clock } from '../shared/clock';
import { normaliseDigits } from '../shared/digits';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { commandHandler, type EventStore } from '../shared/eventStore';
import { mount } from '../shared/http/mount';
import { assertInScope } from '../shared/http/policy';
import { instant } from '../shared/jalali';
import { parseInstant } from '../shared/jalaliPeriod';
import type { Following } from '../shared/readModel';
import { provinceCodeProblem, provinces, retiredProvinceCodes } from '../shared/provinces';
import { agencyDecider } from './agency.decide';
import { agencyStream } from './agency';
import { catalogueDecider } from './catalogue.decide';
import { catalogueStream, type CataloguePublished, type CatalogueScope } from './catalogue';
import type { CatalogueIndex } from './catalogueIndex';
import { serviceDecider } from './service.decide';
import { serviceStream } from './service';

const at = (text: string | undefined, clock: Clock) => (text ? parseInstant(text)! : clock.now());

export function catalogueView(list: CataloguePublished) {
  return {
    scope: list.scope.kind,
    ...(list.scope.kind === 'provincial' ? { province: list.scope.province } : {}),
    period: list.period,
    version: list.version,
    publishedAt: instant(new Date(list.publishedAt)),
    entries: list.entries.map((e) => ({
      ...e,
      availableFrom: instant(new Date(e.availableFrom)),
      offerBy: instant(new Date(e.offerBy)),
    })),
  };
}

export interface CatalogueDeps {
  store: EventStore;
  clock: Clock;
  index: CatalogueIndex;
  following: Following;
}

export function catalogueRouter(deps: CatalogueDeps): Router {
  const router = Router();
  const { index, clock } = deps;
  const agencies = commandHandler(deps.store, agencyDecider);
  const services = commandHandler(deps.store, serviceDecider);
  const catalogues = commandHandler(deps.store, catalogueDecider);
  const settle = async (position: number | undefined) => {
    if (position !== undefined) await deps.following.ensure(position);
  };

  mount(router, c.registerAgency, async ({ body }) => {
    const r = await agencies(agencyStream(body.agencyId), {
      type: 'RegisterAgency',
      ...body,
      at: clock.now(),
    });
    await settle(r.append?.position);
    return { status: 201, body: { agencyId: body.agencyId } };
  });

  mount(router, c.defineService, async ({ body, principal }) => {
    if (principal.role === 'agency')
      assertInScope(principal, { agencyIds: [body.agencyId] }, 'Agency');
    const r = await services(serviceStream(body.serviceCode), {
      type: 'DefineService',
      ...body,
      agencyExists: index.agency(body.agencyId) !== undefined,
      at: clock.now(),
    });
    await settle(r.append?.position);
    return { status: 201, body: { serviceCode: body.serviceCode } };
  });

  mount(router, c.publish, async ({ body, principal }) => {
    const scope: CatalogueScope =
      body.scope === 'national'
        ? { kind: 'national' }
        : { kind: 'provincial', province: body.province ?? '' };
    if (scope.kind === 'national' && principal.role !== 'areo') {
      throw new ForbiddenError('Only AREO publishes the national list');
    }
    if (scope.kind === 'provincial' && principal.role === 'provincial_mpo') {
      assertInScope(principal, { province: scope.province }, `Province ${scope.province}`);
    }
    const now = clock.now();
    const r = await catalogues(catalogueStream(scope, body.period.toUpperCase()), {
      type: 'PublishCatalogue',
      scope,
      period: body.period,
      entries: body.entries.map((e) => ({
        serviceCode: e.serviceCode,
        conditions: e.conditions,
        offerBy: parseInstant(e.offerBy)!,
        ...(e.availableFrom ? { availableFrom: parseInstant(e.availableFrom)! } : {}),
      })),
      serviceAgency: (code) => index.service(code)?.agencyId,
      publishedBy: principal.credentialId,
      at: now,
    });
    await settle(r.append?.position);
    const list = index.catalogueAsOf(scope, body.period.toUpperCase(), now);
    if (!list) throw new NotFoundError('The list was recorded but is not yet readable');
    return { status: 201, body: catalogueView(list) };
  });

  mount(router, c.provinces, async () => ({
    status: 200,
    body: {
      items: provinces,
      retired: Object.entries(retiredProvinceCodes).map(([code, successor]) => ({
        code,
        successor,
      })),
    },
  }));

  mount(router, c.asOf, async ({ params, query }) => {
    const province =
      params.scope === 'national' ? undefined : normaliseDigits(params.scope).toUpperCase();
    const provinceProblem = province === undefined ? undefined : provinceCodeProblem(province);
    if (provinceProblem)
      throw new ValidationError('Unknown scope', [{ path: 'scope', message: provinceProblem }]);
    const scope: CatalogueScope =
      province === undefined ? { kind: 'national' } : { kind: 'provincial', province };
    const list = index.catalogueAsOf(scope, params.period.toUpperCase(), at(query.asOf, clock));
    if (!list) throw new NotFoundError(`No ${params.scope} list for ${params.period} at that date`);
    return { status: 200, body: catalogueView(list) };
  });

  mount(router, c.outsourceable, async ({ query }) => {
    const when = at(query.at, clock);
    const items = index.outsourceableIn(query.province, when).map((s) => ({
      ...s,
      scope: s.scope.kind === 'national' ? 'national' : s.scope.province,
      availableFrom: instant(new Date(s.availableFrom)),
      offerBy: instant(new Date(s.offerBy)),
    }));
    return { status: 200, body: { at: instant(when), items } };
  });

  mount(router, c.behind, async ({ query }) => {
    const when = at(query.at, clock);
    const items = index.behindTimetable(when).map((a) => ({
      ...a,
      overdue: a.overdue.map((o) => ({
        ...o,
        scope: o.scope.kind === 'national' ? 'national' : o.scope.province,
        offerBy: instant(new Date(o.offerBy)),
      })),
    }));
    return { status: 200, body: { at: instant(when), items } };
  });

  return router;
}
