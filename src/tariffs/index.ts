export * from './tariff';
export * from './tariff.decide';
export * from './vat';
export * from './pricing';
export * from './tariffBook';
export * from './quote';
export * from './quote.decide';
export * from './readModel';
export { tariffsRouter, type TariffsDeps } from './routes';
