export {
  applicantsRouter,
  applicationView,
  type ApplicantsDeps,
  type RecordLicenseApplication,
} from './routes';
export { applicationRegistry, type ApplicationRegistry } from './registry';
export { decisionNotifier, type DecisionOutcome } from './notify';
export { folderDocuments, memoryDocuments, contentIs, type DocumentStore } from './documents';
export { httpSms, noSms, type SmsSender, type SmsMessage } from './sms';
export { applicantKeys, type ApplicantSignedUp } from './account';
export { shippedRules, type ApplicationRules } from './rules';
