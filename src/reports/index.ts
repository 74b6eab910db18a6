export * from './events';
export { reportsRouter, type ReportsDeps } from './routes';
export { closeSettlementDay } from './closeDay';
export { reconcileStatement } from './reconcile';
