/**
 * A gateway payment body for the payment tests' good service (`vehicle-transfer`, two pages),
 * timed now and priced exactly as its tariff asks.
 */
export function paymentBody(rrn: string, stan: string) {
  return {
    rrn,
    stan,
    transactionTime: new Date().toISOString(),
    serviceCode: 'vehicle-transfer',
    quantity: 2,
    occurrence: 1,
    amount: '1720733',
    maskedCard: '603799******1234',
  };
}
