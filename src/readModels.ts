import { calendarReadModel } from './calendar';
import { catalogueReadModel } from './catalogue';
import { complaintRegistry } from './complaints';
import { credentialRegistry } from './credentials';
import { licenseRegistry } from './licensing';
import { officeRegistry } from './offices';
import { liveReference, paymentsReadModel } from './payments';
import type { EventStore } from './shared/eventStore';
import { supervisionReadModel } from './supervision';
import { tariffReadModel } from './tariffs';

/**
 * Every in-memory read model the API answers from, each kept current by its own
 * subscription. Built once by the composition root and shared by the slices.
 */
export function startReadModels(store: EventStore) {
  const credentials = credentialRegistry(store);
  const catalogue = catalogueReadModel(store);
  const tariffs = tariffReadModel(store, (id) => catalogue.index.agency(id));
  const licenses = licenseRegistry(store);
  const offices = officeRegistry(store, { licenses, catalogue: catalogue.index });
  const payments = paymentsReadModel(store);
  const paymentReference = liveReference({
    offices,
    licenses,
    catalogue: catalogue.index,
    book: tariffs.book,
    payments,
  });
  const complaints = complaintRegistry(store);
  const supervision = supervisionReadModel(store);
  const calendar = calendarReadModel(store);
  const followers = [
    credentials,
    catalogue.following,
    tariffs.following,
    licenses,
    offices,
    payments,
    complaints,
    supervision,
    calendar,
  ];
  return {
    credentials,
    catalogue,
    tariffs,
    licenses,
    offices,
    payments,
    paymentReference,
    complaints,
    supervision,
    calendar,
    /** Resolves once every read model has caught up with the log as it was at start. */
    ready: Promise.all([
      credentials.ready,
      catalogue.following.caughtUp,
      tariffs.following.caughtUp,
      licenses.ready,
      offices.ready,
      payments.ready,
      complaints.ready,
      supervision.ready,
      calendar.ready,
    ]).then(() => undefined),
    stop: async () => {
      await Promise.all(followers.map((f) => f.stop()));
    },
  };
}

export type ReadModels = ReturnType<typeof startReadModels>;
