/**
 * The seam to the payment ledger: records a refund (استرداد وجه) that a resolved complaint
 * ordered, against the payment, exactly once per `refundId`, and says where it landed.
 */
export interface RefundLedger {
  recordRefund(order: {
    refundId: string;
    paymentId: string;
    complaintId: string;
    trackingCode: string;
    amount: string;
    actor: string;
    at: Date;
  }): Promise<{ recorded: true; position: number } | { recorded: false; reason: string }>;
}

/** Used where no ledger is wired: the order stays in the case, visible as pending. */
export const noRefundLedger: RefundLedger = {
  recordRefund: async () => ({ recorded: false, reason: 'no payment ledger is wired' }),
};
