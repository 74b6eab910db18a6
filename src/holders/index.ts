export { holdersRouter, holderAccount, sealedMobileOf, type HoldersDeps } from './routes';
export { holderRequestRegistry, type HolderRequestRegistry } from './registry';
export {
  renewalReminders,
  reminderDeps,
  dueReminder,
  reminderDays,
  type ReminderDeps,
} from './reminders';
export { holderRequestDecider, renewalOpensAt, renewalWindowDays } from './request';
export { approvalEffects } from './effects';
export { reserveOpenRequest } from './openRequests';
