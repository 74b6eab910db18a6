export * from './agency';
export * from './agency.decide';
export * from './service';
export * from './service.decide';
export * from './catalogue';
export * from './catalogue.decide';
export * from './catalogueIndex';
export * from './readModel';
export { catalogueRouter, type CatalogueDeps } from './routes';
