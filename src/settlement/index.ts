export * from './settlementDay';
export {
  settlementDayDecider,
  refuseToClose,
  type CloseSettlementDay,
  type DayAccount,
  type DayFacts,
  type DayToClose,
  type LedgerAgreement,
} from './settlementDay.decide';
export { closeSettlementDay, type SettlementDeps } from './close';
export { settlementRouter } from './routes';
