export * from './reconciliationRun';
export { reconciliationRunDecider, type ReconcileStatement } from './reconciliationRun.decide';
export { reconcile, totalsOf, type Tolerance } from './match';
export { parseStatement, statementCsvHeader, type Statement } from './statement';
export { reconcileStatement, type ReconcileInput, type ReconciliationDeps } from './reconcile';
export { reconciliationRouter } from './routes';
