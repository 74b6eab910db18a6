export { reassessPayment } from './reassess';
export { backdatedTariffs, isBackdated, type ReassessmentDeps } from './process';
