import { applicationRegistry } from './applicants';
import { calendarReadModel } from './calendar';
import { catalogueReadModel } from './catalogue';
import type { ReferenceSnapshots } from '../projections/reference/folds';
import { credentialRegistry } from './credentials';
import { instructionBook } from './dataAccess';
import { holderRequestRegistry } from './holders';
import { licenseRegistry, recommendationRegistry } from './licensing';
import { officeRegistry } from './offices';
import { liveReference } from './payments';
import { pspRegistry } from './psps';
import type { EventStore } from './shared/eventStore';
import { tariffReadModel } from './tariffs';

/**
 * Every in-memory read model the API answers from, each kept current by its own
 * subscription (`follow` in src/shared/readModel.ts). Built once by the composition root and
 * shared by the slices. Licenses, offices, terminals, credentials, PSPs, holders' requests and
 * suspension recommendations start from their projections' rows when given them and read only
 * the log after those.
 */
export function startReadModels(store: EventStore, snapshots: ReferenceSnapshots = {}) {
  const credentials = credentialRegistry(store, snapshots.credentials);
  const catalogue = catalogueReadModel(store);
  const tariffs = tariffReadModel(store, (id) => catalogue.index.agency(id));
  const licenses = licenseRegistry(store, snapshots.licenses);
  const offices = officeRegistry(store, { licenses, catalogue: catalogue.index }, snapshots);
  const psps = pspRegistry(store, snapshots.psps);
  const paymentReference = liveReference({
    offices,
    licenses,
    catalogue: catalogue.index,
    book: tariffs.book,
  });
  const calendar = calendarReadModel(store);
  const dataInstructions = instructionBook(store);
  const applications = applicationRegistry(store);
  const holderRequests = holderRequestRegistry(store, snapshots.holderRequests);
  const recommendations = recommendationRegistry(store, snapshots.recommendations);
  /** Each model by the name readiness reports, with the promise it has caught up by. */
  const models = {
    credentials,
    catalogue: catalogue.following,
    tariffs: tariffs.following,
    licenses,
    offices,
    psps,
    calendar,
    dataInstructions,
    applications,
    holderRequests,
    recommendations,
  };
  const caughtUp = new Set<string>();
  for (const [name, model] of Object.entries(models))
    void model.ready.then(
      () => caughtUp.add(name),
      () => undefined,
    );
  return {
    credentials,
    catalogue,
    tariffs,
    licenses,
    offices,
    psps,
    paymentReference,
    calendar,
    dataInstructions,
    applications,
    holderRequests,
    recommendations,
    /** Resolves once every read model has caught up with the log as it was at start. */
    ready: Promise.all(Object.values(models).map((m) => m.ready)).then(() => undefined),
    /** The names of the read models that have not caught up yet, for readiness. */
    notCaughtUp: () => Object.keys(models).filter((name) => !caughtUp.has(name)),
    stop: async () => {
      await Promise.all(Object.values(models).map((m) => m.stop()));
    },
  };
}

export type ReadModels = ReturnType<typeof startReadModels>;
