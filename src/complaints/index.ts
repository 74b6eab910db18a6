export * from './complaint';
export { complaintDecider, type ComplaintCommand } from './complaint.decide';
export { caseRecord, type CaseReadSide } from './cases';
export { complaintsRouter } from './routes';
export {
  fileComplaint,
  handleStep,
  settleRefunds,
  type ComplaintDeps,
  type RefundSettling,
  type ComplaintLookups,
} from './handle';
export { publicComplaintGuards, defaultPublicLimits, type PublicLimits } from './intake';
export { noRefundLedger, type RefundLedger } from './refunds';
export { paymentsRefundLedger } from './paymentRefunds';
export { refundSweep, refundSweeper, type SweepResult } from './refundSweep';
export { defaultSlaPolicy, type SlaPolicy } from './sla';
