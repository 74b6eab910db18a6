import { versionsOf } from '../../contracts/events/contract';
import {
  renewalReminderSent,
  renewalReminderStream,
  type RenewalReminderSent,
} from '../../contracts/events/holders';
import type { ApplicationRegistry, SmsSender } from '../applicants';
import type { LicenseRegistry } from '../licensing';
import { statusAt } from '../licensing';
import type { Clock } from '../shared/clock';
import { commandHandler, type Decider, type EventStore } from '../shared/eventStore';
import type { Logger } from '../shared/logger';
import { rounds } from '../shared/rounds';
import type { SecretBox } from '../shared/secrets';
import type { HolderRequestRegistry } from './registry';
import { holderAccount, sealedMobileOf } from './routes';

/** The reminders before expiry (یادآوری تمدید), in days; each is sent once per expiry date. */
export const reminderDays = [60, 30] as const;
export type ReminderDays = (typeof reminderDays)[number];

const dayMs = 86_400_000;

/** The reminder due for a license valid until `validUntil` as of `now`: the nearest threshold passed. */
export function dueReminder(validUntil: string, now: Date): ReminderDays | undefined {
  const left = new Date(validUntil).getTime() - now.getTime();
  if (left <= 0) return undefined;
  if (left <= 30 * dayMs) return 30;
  if (left <= 60 * dayMs) return 60;
  return undefined;
}

export interface RemindOfRenewal {
  type: 'RemindOfRenewal';
  licenseId: string;
  validUntil: string;
  daysBefore: ReminderDays;
  applicantId: string;
  now: Date;
}

/** The reminders already sent, as `validUntil|days`. */
export type ReminderState = ReadonlySet<string>;
const keyOf = (validUntil: string, days: number) => `${validUntil}|${days}`;

/**
 * Sends nothing twice for one expiry: a reminder already recorded for this expiry and
 * threshold, or for a nearer one, is a no-op.
 */
export const reminderDecider: Decider<RemindOfRenewal, RenewalReminderSent, ReminderState> = {
  initialState: () => new Set<string>(),
  evolve: (s, e) => new Set([...s, keyOf(e.validUntil, e.daysBefore)]),
  decide(c, s) {
    if (reminderDays.some((d) => d <= c.daysBefore && s.has(keyOf(c.validUntil, d)))) return [];
    return [
      {
        type: 'RenewalReminderSent',
        licenseId: c.licenseId,
        daysBefore: c.daysBefore,
        validUntil: c.validUntil,
        applicantId: c.applicantId,
        sentAt: c.now.toISOString(),
      },
    ];
  },
  eventVersions: versionsOf([renewalReminderSent]),
};

export interface ReminderDeps {
  store: EventStore;
  clock: Clock;
  licenses: LicenseRegistry;
  /** The applicant account that holds the license, if one does. */
  holderOf(licenseId: string): Promise<string | undefined>;
  /** The account's mobile in clear, for the SMS only. */
  mobileOf(applicantId: string): Promise<string | undefined>;
  sms: SmsSender;
  logger: Logger;
}

const text = (days: ReminderDays) =>
  `پیشخوان: اعتبار پروانه شما ${days === 60 ? '۶۰' : '۳۰'} روز دیگر به پایان می‌رسد؛ درخواست تمدید را ثبت کنید.`;

/**
 * The renewal reminder job: each round goes over the licenses in force and, for every one
 * within 60 or 30 days of expiry whose holder has a signed-up account (a mobile), records `RenewalReminderSent`
 * in the license's reminder stream at the revision it read and only then sends the SMS. A
 * second node, or a second round, finds the reminder recorded and sends nothing. A send that
 * fails after the record is logged and not retried (at most once, never twice).
 */
export function renewalReminders(deps: ReminderDeps) {
  const handle = commandHandler(deps.store, reminderDecider);
  async function round(signal: AbortSignal): Promise<{ sent: number }> {
    await deps.licenses.ensure(await deps.store.headPosition());
    const now = deps.clock.now();
    let sent = 0;
    for (const r of deps.licenses.list()) {
      if (signal.aborted) break;
      const status = statusAt(r.state, now);
      if ((status !== 'active' && status !== 'suspended') || !('terms' in r.state)) continue;
      const { validUntil } = r.state.terms;
      const daysBefore = dueReminder(validUntil, now);
      if (!daysBefore) continue;
      const applicantId = await deps.holderOf(r.licenseId);
      const to = applicantId && (await deps.mobileOf(applicantId));
      if (!applicantId || !to) continue;
      const recorded = await handle(renewalReminderStream(r.licenseId), {
        type: 'RemindOfRenewal',
        licenseId: r.licenseId,
        validUntil,
        daysBefore,
        applicantId,
        now,
      });
      if (!recorded.newEvents) continue;
      try {
        await deps.sms.send({
          to,
          text: text(daysBefore),
          idempotencyKey: `renewal-reminder-${r.licenseId}-${validUntil}-${daysBefore}`,
        });
        sent += 1;
      } catch (error) {
        deps.logger.warn(
          { licenseId: r.licenseId, daysBefore, err: (error as Error).name },
          'a renewal reminder could not be sent',
        );
      }
    }
    return { sent };
  }
  return rounds(round, { logger: deps.logger, message: 'renewal reminder round failed; retrying' });
}

/** The reminder job's look-ups over a node's read models: who holds a license, their mobile. */
export function reminderDeps(deps: {
  store: EventStore;
  clock: Clock;
  secrets: SecretBox;
  sms: SmsSender;
  logger: Logger;
  readModels: {
    licenses: LicenseRegistry;
    applications: ApplicationRegistry;
    holderRequests: HolderRequestRegistry;
  };
}): ReminderDeps {
  const rm = deps.readModels;
  return {
    store: deps.store,
    clock: deps.clock,
    sms: deps.sms,
    logger: deps.logger,
    licenses: rm.licenses,
    async holderOf(licenseId) {
      const head = await deps.store.headPosition();
      await Promise.all([rm.applications.ensure(head), rm.holderRequests.ensure(head)]);
      return holderAccount(
        { applications: rm.applications, requests: rm.holderRequests },
        licenseId,
      );
    },
    async mobileOf(applicantId) {
      const sealed = await sealedMobileOf(deps.store, applicantId);
      return sealed && deps.secrets.open(sealed);
    },
  };
}
