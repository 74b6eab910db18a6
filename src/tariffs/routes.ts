import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { tariffRoutes as c } from '../../contracts/tariffs';
import type { CatalogueIndex } from '../catalogue';
import type { Clock } from '../shared/clock';
import { NotFoundError, ValidationError } from '../shared/errors';
import { commandHandler, type EventStore } from '../shared/eventStore';
import { mount } from '../shared/http/mount';
import { instant } from '../shared/jalali';
import { parseInstant } from '../shared/jalaliPeriod';
import type { Following } from '../shared/readModel';
import { provinceCodeProblem } from '../shared/provinces';
import { mountTariffProposals } from './proposalRoutes';
import type { TariffProposalList } from './proposals';
import { quoteDecider } from './quote.decide';
import { quoteStream } from './quote';
import { tariffDecider } from './tariff.decide';
import { tariffStream } from './tariff';
import type { PricedFor, TariffBook } from './tariffBook';

/** Where an office is and what kind it is, from the office registry (دفتر پیشخوان). */
export interface OfficePlaces {
  place(officeId: string): { province: string; officeKind: 'urban' | 'rural' } | undefined;
}

export interface TariffsDeps {
  offices: OfficePlaces;
  store: EventStore;
  clock: Clock;
  book: TariffBook;
  catalogue: CatalogueIndex;
  following: Following;
  proposals: TariffProposalList;
}

const when = (text: string | undefined, clock: Clock) => (text ? parseInstant(text)! : clock.now());
const checkProvince = (province: string) => {
  const problem = provinceCodeProblem(province);
  if (problem)
    throw new ValidationError('Unknown province', [{ path: 'province', message: problem }]);
};
const priceView = (p: PricedFor, at: Date) => ({
  ...p,
  resolution: { number: p.resolution.number, date: instant(new Date(p.resolution.date)) },
  at: instant(at),
});

export function tariffsRouter(deps: TariffsDeps): Router {
  const router = Router();
  const { book, clock } = deps;
  const tariffs = commandHandler(deps.store, tariffDecider);
  const quotes = commandHandler(deps.store, quoteDecider);

  mount(router, c.approve, async ({ params, body, principal }) => {
    const service = deps.catalogue.service(params.serviceCode);
    const agency = service ? deps.catalogue.agency(service.agencyId) : undefined;
    const r = await tariffs(tariffStream(params.serviceCode), {
      type: 'ApproveTariff',
      serviceCode: params.serviceCode,
      service:
        service && agency
          ? { agencyId: agency.agencyId, feeCodes: agency.fees.map((f) => f.feeCode) }
          : undefined,
      resolution: { number: body.resolution.number, date: parseInstant(body.resolution.date)! },
      effectiveFrom: parseInstant(body.effectiveFrom)!,
      ...(body.effectiveUntil ? { effectiveUntil: parseInstant(body.effectiveUntil)! } : {}),
      components: body.components,
      variants: body.variants,
      approvedBy: principal.credentialId,
      at: clock.now(),
    });
    if (r.append) await deps.following.ensure(r.append.position);
    const latest = book.history(params.serviceCode).at(-1)!;
    return { status: 201, body: { tariffId: latest.tariffId, version: latest.version } };
  });

  mount(router, c.asOf, async ({ params, query }) => {
    const at = when(query.asOf, clock);
    const v = book.asOf(params.serviceCode, at);
    if (!v)
      throw new NotFoundError(`No tariff of ${params.serviceCode} in force at ${at.toISOString()}`);
    return {
      status: 200,
      body: {
        tariffId: v.tariffId,
        version: v.version,
        resolution: { number: v.resolution.number, date: instant(new Date(v.resolution.date)) },
        effectiveFrom: instant(new Date(v.effectiveFrom)),
        ...(v.effectiveUntil ? { effectiveUntil: instant(new Date(v.effectiveUntil)) } : {}),
        components: v.components,
        variants: v.variants,
      },
    };
  });

  mount(router, c.price, async ({ params, query }) => {
    checkProvince(query.province);
    const at = when(query.at, clock);
    const priced = book.price(params.serviceCode, { ...query, at });
    return { status: 200, body: priceView(priced, at) };
  });

  mount(router, c.quote, async ({ body, principal }) => {
    if (principal.officeId && body.officeId !== undefined && body.officeId !== principal.officeId) {
      throw new NotFoundError(`Office ${body.officeId} not found`);
    }
    const officeId = principal.officeId ?? body.officeId;
    if (!officeId)
      throw new ValidationError('Name the office', [
        { path: 'officeId', message: 'required for this role' },
      ]);
    const place = deps.offices.place(officeId);
    if (!place) throw new NotFoundError(`Office ${officeId} not found`);
    const at = clock.now();
    const priced = book.price(body.serviceCode, {
      ...place,
      quantity: body.quantity,
      occurrence: body.occurrence,
      at,
    });
    const quoteId = randomUUID();
    const r = await quotes(quoteStream(quoteId), {
      type: 'IssueQuote',
      quoteId,
      officeId,
      province: place.province,
      officeKind: place.officeKind,
      quantity: body.quantity,
      occurrence: body.occurrence,
      priced,
      issuedTo: principal.credentialId,
      at,
    });
    const expiresAt = r.state.status === 'issued' ? new Date(r.state.quote.expiresAt) : at;
    return {
      status: 201,
      body: { quoteId, expiresAt: instant(expiresAt), price: priceView(priced, at) },
    };
  });

  mountTariffProposals(router, deps);
  return router;
}
