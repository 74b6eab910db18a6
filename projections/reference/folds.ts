import type { KeyedFold, Snapshot } from '../../contracts/keyedFold';
import { credentialFold } from '../../contracts/reference/credential';
import { holderRequestFold } from '../../contracts/reference/holderRequest';
import { licenseFold } from '../../contracts/reference/license';
import { officeFold, terminalFold } from '../../contracts/reference/officeRecords';
import { pspFold } from '../../contracts/reference/psp';
import { recommendationFold } from '../../contracts/reference/recommendation';
import type { ReadModelDb } from '../db';
import { keyedProjection, loadSnapshot } from './projection';

/** The reference models kept both in a node's memory and as runner projections, by model. */
const referenceFolds = {
  licenses: licenseFold,
  offices: officeFold,
  terminals: terminalFold,
  credentials: credentialFold,
  psps: pspFold,
  holderRequests: holderRequestFold,
  recommendations: recommendationFold,
};
type ReferenceFolds = typeof referenceFolds;

/** Reference models' rows from their runner projections, that a node starts from. */
export type ReferenceSnapshots = {
  [M in keyof ReferenceFolds]?: ReferenceFolds[M] extends KeyedFold<infer R> ? Snapshot<R> : never;
};

/** The reference models' runner projections. */
export const referenceProjections = () =>
  Object.values(referenceFolds).map((fold) => keyedProjection<unknown>(fold));

/** Each reference model's rows at its projection's checkpoint, for a node starting up. */
export async function loadReferenceSnapshots(db: ReadModelDb): Promise<ReferenceSnapshots> {
  const loaded = await Promise.all(
    Object.entries(referenceFolds).map(
      async ([model, fold]) => [model, await loadSnapshot<unknown>(db, fold)] as const,
    ),
  );
  return Object.fromEntries(loaded.filter(([, snapshot]) => snapshot));
}
