import type { CatalogueIndex } from '../catalogue';
import {
  priceTariff,
  vatRateAt,
  type OfficeKind,
  type PricedFor,
  type QuoteIssued,
  type TariffBook,
} from '../tariffs';
import { NotFoundError } from '../shared/errors';
import type { PaymentFacts } from './assess';
import type { OfficeRef, PaymentReference, ReferenceData } from './referenceData';

/** The parts of the office registry that payments rely on, by shape. */
export interface OfficeLookups {
  officeOfTerminal(terminalId: string, at: Date): string | undefined;
  pspOfTerminal(terminalId: string): string | undefined;
  office(officeId: string):
    | {
        state: {
          officeId: string;
          province: string;
          kind: OfficeKind;
          details: { iban: string; nameFa: string };
        };
      }
    | undefined;
  licenseActiveAt(officeId: string, at: Date): boolean;
  assignedAt(officeId: string, serviceCode: string, at: Date): boolean;
  readonly position: number;
}

export interface ReferenceSources {
  offices: OfficeLookups;
  licenses: { readonly position: number };
  catalogue: CatalogueIndex;
  book: TariffBook;
}

/** ReferenceData over the live in-memory read models of the other slices. */
export function liveReference(s: ReferenceSources): ReferenceData {
  const prices = new Map<string, PricedFor>();
  let pricesAt = '';
  return {
    officeOfTerminal: (terminalId, at) => s.offices.officeOfTerminal(terminalId, at),
    pspOfTerminal: (terminalId) => s.offices.pspOfTerminal(terminalId),
    office(officeId) {
      const o = s.offices.office(officeId)?.state;
      return (
        o && {
          officeId: o.officeId,
          province: o.province,
          kind: o.kind,
          iban: o.details.iban,
          nameFa: o.details.nameFa,
        }
      );
    },
    licenseActiveAt: (officeId, at) => s.offices.licenseActiveAt(officeId, at),
    assignedAt: (officeId, serviceCode, at) => s.offices.assignedAt(officeId, serviceCode, at),
    outsourceableAt: (serviceCode, province, at) =>
      s.catalogue.isOutsourceable(serviceCode, province, at),
    price(tariff, input) {
      const cacheable = input.charged === undefined;
      const positions = `${s.book.fold.position}|${s.catalogue.fold.position}`;
      if (positions !== pricesAt || prices.size > 10_000) {
        prices.clear();
        pricesAt = positions;
      }
      const key = `${tariff.serviceCode}|${tariff.approved.tariffId}|${input.province}|${input.officeKind}|${input.quantity}|${input.occurrence}|${vatRateAt(input.at).toString()}`;
      const known = cacheable ? prices.get(key) : undefined;
      if (known) return known;
      try {
        const priced = priceTariff(tariff, input);
        if (cacheable) prices.set(key, priced);
        return priced;
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
    },
    tariffInForce: (serviceCode, at) => s.book.inForce(serviceCode, at),
    agencyOf: (serviceCode) => s.catalogue.service(serviceCode)?.agencyId,
    positions: () => ({
      tariffs: s.book.fold.position,
      catalogue: s.catalogue.fold.position,
      licenses: s.licenses.position,
      offices: s.offices.position,
    }),
  };
}

/**
 * Resolves the reference facts of one payment at its transaction time: the look-ups happen
 * here, before the decision, so `decidePayment` works on plain data.
 */
export function resolveReference(
  ref: ReferenceData,
  facts: PaymentFacts,
  office: OfficeRef,
  cited?: { quote: QuoteIssued; position: number },
): PaymentReference {
  const at = facts.transactionTime;
  const agencyId = ref.agencyOf(facts.serviceCode);
  const inForce = ref.tariffInForce(facts.serviceCode, at);
  const priced =
    inForce &&
    ref.price(inForce, {
      province: office.province,
      officeKind: office.kind,
      quantity: facts.quantity,
      occurrence: facts.occurrence,
      at,
    });
  return {
    office,
    licenseActive: ref.licenseActiveAt(office.officeId, at),
    inCatalogue: ref.outsourceableAt(facts.serviceCode, office.province, at),
    assigned: ref.assignedAt(office.officeId, facts.serviceCode, at),
    ...(agencyId !== undefined ? { agencyId } : {}),
    ...(inForce && priced ? { tariff: { inForce, priced } } : {}),
    ...(cited ? { quote: cited.quote } : {}),
    positions: { ...ref.positions(), quotes: cited?.position ?? 0 },
  };
}
