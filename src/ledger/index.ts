export { readChain } from '../../projections/seals/chain';
export { computeSeal, ledgerSealer, type LedgerSealer } from './sealer';
export {
  verifyLedger,
  firstDifference,
  type LedgerVerification,
  type Discrepancy,
} from '../../projections/seals/verifyLedger';
export { ledgerVerifyWatch, type LedgerVerifyWatch } from './watch';
export { ledgerRouter } from './routes';
export {
  daysToRecompute,
  scheduledVerification,
  verifiedDays,
  type VerifiedDays,
} from '../../projections/seals/verifiedDays';
