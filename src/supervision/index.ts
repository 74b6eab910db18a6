export * from './supervision';
export {
  supervisionDecider,
  decideSupervision,
  type RecordSupervisionAction,
} from './supervision.decide';
export { officePerformance, type OfficePerformance, type PerformanceFact } from './performance';
export { performanceScore, rankByProvince, scoreWeights } from './score';
export { supervisionRouter, type SupervisionDeps } from './routes';
