import type { z } from 'zod';
import type { AgencyFeeSchema, agencyRegistered } from '../../contracts/events/catalogue';
import type { EventOf } from '../../contracts/events/contract';

export type AgencyFee = z.infer<typeof AgencyFeeSchema>;
export type AgencyRegistered = EventOf<typeof agencyRegistered>;

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
