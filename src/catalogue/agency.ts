/** A fee an agency collects, and the deposit id (شناسه واریز) that marks it on its treasury account. */
export interface AgencyFee {
  feeCode: string;
  nameFa: string;
  depositId: string;
}

/**
 * A service-providing agency (دستگاه اجرایی خدمات‌دهنده): owns services and receives
 * their government fees in its treasury account (حساب خزانه).
 */
export interface AgencyRegistered {
  type: 'AgencyRegistered';
  agencyId: string;
  nameFa: string;
  nameEn: string;
  /** National legal id (شناسه ملی), 11 digits. */
  legalId: string;
  /** Treasury account as Sheba (شبا). */
  treasuryIban: string;
  fees: AgencyFee[];
  registeredAt: string;
}

export type AgencyEvent = AgencyRegistered;

export type Agency =
  | { status: 'unknown' }
  | ({ status: 'registered' } & Omit<AgencyRegistered, 'type' | 'registeredAt'>);

export const agencyStream = (agencyId: string) => `agency-${agencyId}`;

export function evolveAgency(state: Agency, event: AgencyEvent): Agency {
  switch (event.type) {
    case 'AgencyRegistered': {
      const { type: _t, registeredAt: _r, ...rest } = event;
      return { status: 'registered', ...rest };
    }
  }
}
