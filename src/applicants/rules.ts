import type { DocumentKind, OfficeKind } from '../../contracts/vocabulary';
import { provinceCodes } from '../../contracts/primitives';

/**
 * What the regulator asks of an online application (شرایط درخواست), per office kind: the
 * documents it must carry, and the provinces where applications of that kind are open. Shipped
 * as a table; a change is a code change (no regulator command edits it yet).
 */
export interface ApplicationRules {
  requiredDocuments(officeKind: OfficeKind, holderKind: 'legal' | 'natural'): DocumentKind[];
  openIn(officeKind: OfficeKind, province: string): boolean;
}

/**
 * The shipped rules: every office needs the holder's identity, the premises and a police
 * clearance; an urban office also the manager's degree; a company its articles. Rural offices
 * (دفاتر روستایی) are not opened in Tehran province (IR-23), whose villages are served by urban
 * offices nearby.
 */
export const shippedRules: ApplicationRules = {
  requiredDocuments(officeKind, holderKind) {
    return [
      'identity',
      'premises',
      'clearance',
      ...(officeKind === 'urban' ? (['degree'] as const) : []),
      ...(holderKind === 'legal' ? (['articles'] as const) : []),
    ];
  },
  openIn(officeKind, province) {
    if (!(provinceCodes as readonly string[]).includes(province)) return false;
    return officeKind === 'urban' || province !== 'IR-23';
  },
};
