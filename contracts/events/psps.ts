import { z } from 'zod';
import { StoredInstant } from '../primitives';
import { eventContract } from './contract';

/**
 * The regulator registered a payment service provider (پرداخت‌یار, PSP: a Shaparak-licensed
 * switch) in `psp-<pspId>`, with the one credential it signs with (role `psp`).
 */
export const pspRegistered = eventContract(
  'PspRegistered',
  1,
  z.object({
    pspId: z.string(),
    nameFa: z.string(),
    nameEn: z.string(),
    /** The PSP's credential (role `psp`); its signing key rotates on the credential's stream. */
    credentialId: z.string(),
    registeredAt: StoredInstant,
    registeredBy: z.string(),
  }),
);

/**
 * An office chose the PSP (انتخاب پرداخت‌یار توسط دفتر): from now on the PSP may register
 * terminals for it. Recorded by the office operator with its own credential (`byRole: office`),
 * or by the regulator on the office's written consent, whose reference `writtenConsent` keeps.
 */
export const pspChosenByOffice = eventContract(
  'PspChosenByOffice',
  1,
  z.object({
    pspId: z.string(),
    officeId: z.string(),
    byRole: z.enum(['office', 'regulator']),
    /** Reference of the office's signed letter (نامه رضایت دفتر); required when the regulator records. */
    writtenConsent: z.string().optional(),
    chosenAt: StoredInstant,
    chosenBy: z.string(),
  }),
);

export const pspContracts = [pspRegistered, pspChosenByOffice] as const;
