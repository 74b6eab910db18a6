import type { CatalogueIndex } from '../catalogue';
import type { OfficeKind, TariffBook } from '../tariffs';
import { NotFoundError } from '../shared/errors';
import type { PaymentsReadModel } from './readModel';
import type { ReferenceData } from './referenceData';

/** The parts of the office registry (issue 4) that payments rely on, by shape. */
export interface OfficeLookups {
  officeOfTerminal(terminalId: string, at: Date): string | undefined;
  office(officeId: string): { state: { officeId: string; province: string; kind: OfficeKind; details: { iban: string; nameFa: string } } } | undefined;
  licenseActiveAt(officeId: string, at: Date): boolean;
  assignedAt(officeId: string, serviceCode: string, at: Date): boolean;
  readonly position: number;
}

export interface ReferenceSources {
  offices: OfficeLookups;
  licenses: { readonly position: number };
  catalogue: CatalogueIndex;
  book: TariffBook;
  payments: PaymentsReadModel;
}

/** ReferenceData over the live in-memory read models of the other slices. */
export function liveReference(s: ReferenceSources): ReferenceData {
  return {
    officeOfTerminal: (terminalId, at) => s.offices.officeOfTerminal(terminalId, at),
    office(officeId) {
      const o = s.offices.office(officeId)?.state;
      return o && { officeId: o.officeId, province: o.province, kind: o.kind, iban: o.details.iban, nameFa: o.details.nameFa };
    },
    licenseActiveAt: (officeId, at) => s.offices.licenseActiveAt(officeId, at),
    assignedAt: (officeId, serviceCode, at) => s.offices.assignedAt(officeId, serviceCode, at),
    outsourceableAt: (serviceCode, province, at) => s.catalogue.isOutsourceable(serviceCode, province, at),
    price(serviceCode, input) {
      if (!s.book.asOf(serviceCode, input.at)) return undefined;
      try {
        return s.book.price(serviceCode, input);
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
    },
    agencyOf: (serviceCode) => s.catalogue.service(serviceCode)?.agencyId,
    quote: (quoteId) => s.payments.quote(quoteId),
    positions: () => ({
      tariffs: s.book.fold.position,
      catalogue: s.catalogue.fold.position,
      licenses: s.licenses.position,
      offices: s.offices.position,
      quotes: s.payments.quotesPosition,
    }),
  };
}
