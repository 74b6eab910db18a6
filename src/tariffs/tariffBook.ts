import { NotFoundError } from '../shared/errors';
import { positioned, type Fold } from '../shared/readModel';
import { priceVersion, type PriceInput, type Priced, type PricedLine } from './pricing';
import { versionInForce, type TariffApproved } from './tariff';

/** Where an agency's fee is paid: resolved from the catalogue's agency registry. */
export type AgencyAccounts = (
  agencyId: string,
) =>
  { treasuryIban: string; fees: ReadonlyArray<{ feeCode: string; depositId: string }> } | undefined;

export interface PricedFor extends Priced {
  serviceCode: string;
  tariffId: string;
  tariffVersion: number;
  resolution: TariffApproved['resolution'];
  lines: Array<PricedLine & { iban?: string; depositId?: string }>;
}

/** A tariff version in force (تعرفه جاری) and the accounts of its agency: all pricing reads. */
export interface TariffInForce {
  serviceCode: string;
  approved: TariffApproved;
  agency?: NonNullable<ReturnType<AgencyAccounts>>;
}

/** The split of a tariff in force for `input`, with the agency's treasury Sheba and deposit ids. Pure. */
export function priceTariff(tariff: TariffInForce, input: PriceInput): PricedFor {
  const { serviceCode, approved: version, agency } = tariff;
  const priced = priceVersion(version, input);
  return {
    serviceCode,
    tariffId: version.tariffId,
    tariffVersion: version.version,
    resolution: version.resolution,
    ...priced,
    lines: priced.lines.map((line) => {
      const b = line.beneficiary;
      if (b.kind === 'agency') {
        const depositId = agency?.fees.find((f) => f.feeCode === b.feeCode)?.depositId;
        return {
          ...line,
          ...(agency ? { iban: agency.treasuryIban } : {}),
          ...(depositId ? { depositId } : {}),
        };
      }
      if (b.kind === 'technical') return { ...line, iban: b.iban };
      return line;
    }),
  };
}

/**
 * Every tariff version of every service, folded from `TariffApproved` events and kept
 * in memory, so pricing never reads the log: `asOf` gives the version in force at any
 * instant and `price` the split for it.
 */
export function tariffBook(agencies: AgencyAccounts) {
  const byService = new Map<string, TariffApproved[]>();
  const fold: Fold = positioned((data) => {
    const event = data as TariffApproved;
    if (event.type !== 'TariffApproved') return;
    byService.set(event.serviceCode, [...(byService.get(event.serviceCode) ?? []), event]);
  });

  function asOf(serviceCode: string, at: Date): TariffApproved | undefined {
    return versionInForce(byService.get(serviceCode) ?? [], at);
  }

  /** The version in force at `at` with its agency's accounts: what pricing needs, as data. */
  function inForce(serviceCode: string, at: Date): TariffInForce | undefined {
    const approved = asOf(serviceCode, at);
    if (!approved) return undefined;
    const agency = agencies(approved.agencyId);
    return { serviceCode, approved, ...(agency ? { agency } : {}) };
  }

  function price(serviceCode: string, input: PriceInput): PricedFor {
    const tariff = inForce(serviceCode, input.at);
    if (!tariff)
      throw new NotFoundError(
        `No tariff of service ${serviceCode} is in force at ${input.at.toISOString()}`,
      );
    return priceTariff(tariff, input);
  }

  return {
    fold,
    asOf,
    inForce,
    price,
    history: (serviceCode: string): readonly TariffApproved[] => byService.get(serviceCode) ?? [],
  };
}

export type TariffBook = ReturnType<typeof tariffBook>;
