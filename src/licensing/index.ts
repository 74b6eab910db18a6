export {
  licensingRouter,
  licenseView,
  recordLicenseApplication,
  licenseCommand,
  type LicenseCommandInput,
  type LicensingDeps,
} from './routes';
export { licenseRegistry, type LicenseRecord, type LicenseRegistry } from './registry';
export { licenseDecider, allowedIn, validityEnd, type LicenseCommand } from './license.decide';
export * from './license';
export {
  recommendationRegistry,
  recommendationsRouter,
  suspensionEffects,
  type RecommendationRegistry,
} from './recommendations';
export { effectRounds } from './effects';
