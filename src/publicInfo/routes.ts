import { Router } from 'express';
import { publicInfoRoutes as c } from '../../contracts/publicInfo';
import type { OfficeRecord } from '../offices';
import type { Clock } from '../shared/clock';
import { NotFoundError, ValidationError } from '../shared/errors';
import { mount } from '../shared/http/mount';
import { instant } from '../shared/jalali';
import { officeKinds, priceTariff, type TariffInForce } from '../tariffs';

/** What the public pages read: the catalogue's services, the tariff book, the office registry and licenses, all in memory. */
export interface PublicInfoDeps {
  clock: Clock;
  service(code: string): { nameFa: string; nameEn: string } | undefined;
  tariffInForce(code: string, at: Date): TariffInForce | undefined;
  offices(): OfficeRecord[];
  licenseActiveAt(officeId: string, at: Date): boolean;
  assignedAt(officeId: string, serviceCode: string, at: Date): boolean;
}

const sameName = (a: string, b: string) =>
  a.trim().normalize('NFC').toLocaleLowerCase() === b.trim().normalize('NFC').toLocaleLowerCase();

/**
 * What a citizen may look up without logging in (اطلاعات عمومی): the prices of a service in a
 * province by fee component, and the licensed offices near them with the services each offers.
 * Rate limited per address like the other public routes (app.ts).
 */
export function publicInfoRouter(deps: PublicInfoDeps): Router {
  const router = Router();

  mount(router, c.tariff, async ({ params, query }) => {
    const at = deps.clock.now();
    const service = deps.service(params.serviceCode);
    const tariff = service && deps.tariffInForce(params.serviceCode, at);
    if (!service || !tariff)
      throw new NotFoundError(`No tariff of ${params.serviceCode} is in force`);
    const kinds = query.officeKind ? [query.officeKind] : officeKinds;
    const v = tariff.approved;
    return {
      status: 200,
      body: {
        serviceCode: params.serviceCode,
        nameFa: service.nameFa,
        nameEn: service.nameEn,
        province: query.province,
        tariffId: v.tariffId,
        version: v.version,
        resolution: { number: v.resolution.number, date: instant(new Date(v.resolution.date)) },
        effectiveFrom: instant(new Date(v.effectiveFrom)),
        at: instant(at),
        quantity: query.quantity,
        occurrence: query.occurrence,
        prices: kinds.map((officeKind) => {
          const priced = priceTariff(tariff, { ...query, officeKind, at });
          return {
            officeKind,
            total: priced.total,
            vatPercent: priced.vatPercent,
            components: priced.lines.map((l) => ({
              code: l.code,
              nameFa: l.nameFa,
              beneficiary: l.beneficiary.kind,
              amount: l.amount,
              ceiling: l.ceiling,
            })),
          };
        }),
      },
    };
  });

  mount(router, c.offices, async ({ query }) => {
    const at = deps.clock.now();
    if (query.cursor !== undefined && !/^[\w.-]{1,64}$/.test(query.cursor))
      throw new ValidationError('Invalid cursor', [{ path: 'cursor', message: 'not a cursor' }]);
    const assigned = (r: OfficeRecord) =>
      Object.keys(r.state.assignments)
        .filter((code) => deps.assignedAt(r.state.officeId, code, at))
        .sort();
    const found = deps
      .offices()
      .filter(
        (r) =>
          r.state.province === query.province &&
          (query.city === undefined || sameName(r.state.details.locality.name, query.city)) &&
          (query.cursor === undefined || r.state.officeId > query.cursor) &&
          deps.licenseActiveAt(r.state.officeId, at),
      )
      .map((r) => ({ r, services: assigned(r) }))
      .filter((o) => query.serviceCode === undefined || o.services.includes(query.serviceCode))
      .sort((a, b) => (a.r.state.officeId < b.r.state.officeId ? -1 : 1));
    const page = found.slice(0, query.limit);
    return {
      status: 200,
      body: {
        items: page.map(({ r: { state: s }, services }) => ({
          officeId: s.officeId,
          nameFa: s.details.nameFa,
          nameEn: s.details.nameEn,
          province: s.province,
          officeKind: s.kind,
          locality: s.details.locality,
          address: s.details.address,
          phone: s.details.phone,
          services: services.map((serviceCode) => ({
            serviceCode,
            nameFa: deps.service(serviceCode)?.nameFa ?? serviceCode,
          })),
        })),
        ...(found.length > query.limit ? { nextCursor: page.at(-1)!.r.state.officeId } : {}),
      },
    };
  });

  return router;
}
