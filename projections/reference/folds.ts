import type { Snapshot } from '../../contracts/keyedFold';
import { credentialFold, type CredentialRecord } from '../../contracts/reference/credential';
import {
  holderRequestFold,
  type HolderRequestRecord,
} from '../../contracts/reference/holderRequest';
import { licenseFold, type LicenseRecord } from '../../contracts/reference/license';
import {
  officeFold,
  terminalFold,
  type OfficeRecord,
  type TerminalRecord,
} from '../../contracts/reference/officeRecords';
import { pspFold, type PspRecord } from '../../contracts/reference/psp';
import {
  recommendationFold,
  type RecommendationRecord,
} from '../../contracts/reference/recommendation';
import type { ReadModelDb } from '../db';
import { keyedProjection, loadSnapshot } from './projection';

/** Reference models' rows from their runner projections, that a node starts from. */
export interface ReferenceSnapshots {
  licenses?: Snapshot<LicenseRecord>;
  offices?: Snapshot<OfficeRecord>;
  terminals?: Snapshot<TerminalRecord>;
  credentials?: Snapshot<CredentialRecord>;
  psps?: Snapshot<PspRecord>;
  holderRequests?: Snapshot<HolderRequestRecord>;
  recommendations?: Snapshot<RecommendationRecord>;
}

/** The reference models kept both in a node's memory and as runner projections. */
export const referenceProjections = () => [
  keyedProjection(licenseFold),
  keyedProjection(officeFold),
  keyedProjection(terminalFold),
  keyedProjection(credentialFold),
  keyedProjection(pspFold),
  keyedProjection(holderRequestFold),
  keyedProjection(recommendationFold),
];

/** Each reference model's rows at its projection's checkpoint, for a node starting up. */
export async function loadReferenceSnapshots(db: ReadModelDb): Promise<ReferenceSnapshots> {
  const [licenses, offices, terminals, credentials, psps, holderRequests, recommendations] =
    await Promise.all([
      loadSnapshot(db, licenseFold),
      loadSnapshot(db, officeFold),
      loadSnapshot(db, terminalFold),
      loadSnapshot(db, credentialFold),
      loadSnapshot(db, pspFold),
      loadSnapshot(db, holderRequestFold),
      loadSnapshot(db, recommendationFold),
    ]);
  return {
    ...(licenses ? { licenses } : {}),
    ...(offices ? { offices } : {}),
    ...(terminals ? { terminals } : {}),
    ...(credentials ? { credentials } : {}),
    ...(psps ? { psps } : {}),
    ...(holderRequests ? { holderRequests } : {}),
    ...(recommendations ? { recommendations } : {}),
  };
}
