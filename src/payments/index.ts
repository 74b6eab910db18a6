export * from './payment';
export * from './payment.decide';
export {
  assess,
  tariffVerdict,
  type Assessment,
  type PaymentFacts,
  type Verdicted,
} from './assess';
export { deterministicUuid } from './identity';
export type { OfficeRef, ReferenceData } from './referenceData';
export { liveReference, type OfficeLookups, type ReferenceSources } from './reference';
export {
  paymentReads,
  statusOf,
  type PaymentReads,
  type PaymentRecord,
  type PaymentStatus,
} from './readModel';
export { paymentIdOf, paymentKeys, type PaymentKeys } from './identity';
export { paymentsRouter, type PaymentsDeps } from './routes';
