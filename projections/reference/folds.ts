import { credentialFold } from '../../src/credentials/registry';
import { licenseFold } from '../../src/licensing/registry';
import { officeFold, terminalFold } from '../../src/offices/registry';
import type { ReferenceSnapshots } from '../../src/readModels';
import type { ReadModelDb } from '../db';
import { keyedProjection, loadSnapshot } from './projection';

/** The reference models kept both in a node's memory and as runner projections. */
export const referenceProjections = () => [
  keyedProjection(licenseFold),
  keyedProjection(officeFold),
  keyedProjection(terminalFold),
  keyedProjection(credentialFold),
];

/** Each reference model's rows at its projection's checkpoint, for a node starting up. */
export async function loadReferenceSnapshots(db: ReadModelDb): Promise<ReferenceSnapshots> {
  const [licenses, offices, terminals, credentials] = await Promise.all([
    loadSnapshot(db, licenseFold),
    loadSnapshot(db, officeFold),
    loadSnapshot(db, terminalFold),
    loadSnapshot(db, credentialFold),
  ]);
  return {
    ...(licenses ? { licenses } : {}),
    ...(offices ? { offices } : {}),
    ...(terminals ? { terminals } : {}),
    ...(credentials ? { credentials } : {}),
  };
}
