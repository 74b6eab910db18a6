import type { CatalogueIndex } from './catalogue';
import { credentialFold, credentialRegistry } from './credentials/registry';
import { holderRequestRegistry } from './holders';
import { holderRequestFold } from '../contracts/reference/holderRequest';
import { recommendationRegistry } from './licensing';
import { recommendationFold } from '../contracts/reference/recommendation';
import { licenseFold, licenseRegistry } from './licensing/registry';
import { officeFold, officeRegistry, terminalFold } from './offices/registry';
import type { EventStore } from './shared/eventStore';
import type { ReadModelDb } from '../projections/db';
import { scratchReadModels } from '../projections/fixtures';
import { projectionRunner } from '../projections/runner';
import { loadReferenceSnapshots, referenceProjections } from '../projections/reference/folds';
import { seedReference } from '../projections/reference/fixtures';
import { loadSnapshot } from '../projections/reference/projection';
import { countingStore } from '../test/support/countingStore';

let store: EventStore;
let db: ReadModelDb;
let close: () => Promise<void>;
beforeEach(async () => {
  ({ store, db, close } = scratchReadModels('reference'));
  await seedReference(store);
});
afterEach(() => close());

const catalogue = { service: () => undefined } as unknown as CatalogueIndex;

/** Every reference model, replayed from the log or started from the projections' rows. */
async function models(source: EventStore, fromSnapshots: boolean) {
  const snapshots = fromSnapshots ? await loadReferenceSnapshots(db) : {};
  const licenses = licenseRegistry(source, snapshots.licenses);
  const offices = officeRegistry(source, { licenses, catalogue }, snapshots);
  const credentials = credentialRegistry(source, snapshots.credentials);
  const holderRequests = holderRequestRegistry(source, snapshots.holderRequests);
  const recommendations = recommendationRegistry(source, snapshots.recommendations);
  const all = [licenses, offices, credentials, holderRequests, recommendations];
  await Promise.all(all.map((m) => m.ready));
  const head = await store.headPosition();
  await Promise.all(all.map((m) => m.ensure(head)));
  const view = async () => ({
    licenses: licenses.list(),
    byNumber: ['23-1', '23-2', '23-9'].map((n) => licenses.byNumber(n)?.licenseId),
    offices: offices.offices(),
    officeOfLicense: ['L1', 'L2', 'L9'].map((l) => offices.officeOfLicense(l)),
    terminals: offices.terminals(),
    credentials: credentials.list(),
    byDigest: await credentials.byTokenDigest('1'.padStart(64, '0')),
    holderRequests: holderRequests.list(),
    transferredTo: holderRequests.transferredTo('L1'),
    recommendations: recommendations.list(),
  });
  const stop = () => Promise.all(all.map((m) => m.stop())).then(() => undefined);
  return { view, stop };
}

/** The store, counting the reference events it hands out. */
function counting(inner: EventStore) {
  const types = new Set(
    [
      licenseFold,
      officeFold,
      terminalFold,
      credentialFold,
      holderRequestFold,
      recommendationFold,
    ].flatMap((f) => f.filter.eventTypes),
  );
  const { store, counts } = countingStore(inner, { reference: types });
  return { store, read: () => counts.reference };
}

async function appendLater() {
  await store.append(
    'credential-C1',
    [
      {
        type: 'CredentialRevoked',
        data: {
          type: 'CredentialRevoked',
          credentialId: 'C1',
          reason: 'x',
          revokedAt: '2025-06-01T00:00:00.000Z',
          revokedBy: 'cra',
        },
      },
    ],
    'stream_exists',
  );
  await store.append(
    'license-L1',
    [
      {
        type: 'LicenseSuspended',
        data: {
          type: 'LicenseSuspended',
          licenseId: 'L1',
          reason: 'y',
          suspendedAt: '2025-06-02T00:00:00.000Z',
          suspendedBy: 'cra',
        },
      },
    ],
    'stream_exists',
  );
}

describe('reference models started from their projections', () => {
  it('equal the models replayed from the log, and read none of the history the rows hold', async () => {
    await projectionRunner({
      store,
      db,
      projections: referenceProjections(),
      batchSize: 3,
    }).catchUp();
    const replayed = await models(store, false);
    const { store: counted, read } = counting(store);
    const started = await models(counted, true);
    try {
      expect(await started.view()).toEqual(await replayed.view());
      const view = await started.view();
      expect(view.licenses.length).toBeGreaterThan(0);
      expect(
        view.holderRequests.map((r) => [r.requestId, r.state.status, r.effectApplied]),
      ).toEqual([
        ['HR1', 'approved', true],
        ['HR2', 'awaiting_receiver', undefined],
      ]);
      expect(
        view.recommendations.map((r) => [
          r.recommendation.actionId,
          r.outcome?.type,
          r.effectApplied,
        ]),
      ).toEqual([
        ['AC1', 'SuspensionRecommendationActed', true],
        ['AC2', 'SuspensionRecommendationDismissed', undefined],
      ]);
      expect(read()).toBe(0);
    } finally {
      await Promise.all([replayed.stop(), started.stop()]);
    }
  });

  it("follow the log from the rows' checkpoint: what came after is read, and only that", async () => {
    await projectionRunner({ store, db, projections: referenceProjections() }).catchUp();
    await appendLater();
    const { store: counted, read } = counting(store);
    const started = await models(counted, true);
    const replayed = await models(store, false);
    try {
      const view = await started.view();
      expect(view).toEqual(await replayed.view());
      expect(view.byDigest?.revokedAt).toBe('2025-06-01T00:00:00.000Z');
      // The revocation, and the suspension read by the licenses and by the recommendations.
      expect(read()).toBe(3);
    } finally {
      await Promise.all([replayed.stop(), started.stop()]);
    }
  });

  it('a projection of another fold version is not taken as a snapshot', async () => {
    await projectionRunner({ store, db, projections: referenceProjections() }).catchUp();
    await expect(loadSnapshot(db, licenseFold)).resolves.toBeDefined();
    await expect(loadSnapshot(db, { ...licenseFold, version: 2 })).resolves.toBeUndefined();
  });
});
