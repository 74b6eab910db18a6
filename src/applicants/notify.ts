import { applicantStream, applicationStream } from '../../contracts/events/applicants';
import type { Clock } from '../shared/clock';
import { commandHandler, type EventStore } from '../shared/eventStore';
import type { Logger } from '../shared/logger';
import type { SecretBox } from '../shared/secrets';
import type { ApplicantSignedUp } from './account';
import { applicationDecider } from './application';
import type { ApplicationRegistry } from './registry';
import type { SmsSender } from './sms';

export type DecisionOutcome = 'issued' | 'rejected' | 'refused';

const texts: Record<DecisionOutcome, string> = {
  issued: 'پیشخوان: پروانه شما صادر شد.',
  rejected: 'پیشخوان: درخواست شما در کارگروه استانی رد شد.',
  refused: 'پیشخوان: سازمان تنظیم مقررات از صدور پروانه شما خودداری کرد.',
};

/**
 * Tells the applicant by SMS how their application was decided, once per outcome, and records
 * `ApplicantNotified`. Runs after the decision is written; a failure is logged (without the
 * number) and does not undo the decision. A node that stops between the two sends nothing:
 * see docs/applicants.md.
 */
export function decisionNotifier(deps: {
  store: EventStore;
  clock: Clock;
  secrets: SecretBox;
  sms: SmsSender;
  applications: ApplicationRegistry;
  logger: Logger;
}) {
  const handle = commandHandler(deps.store, applicationDecider);
  return async (licenseId: string, outcome: DecisionOutcome): Promise<void> => {
    try {
      await deps.applications.ensure(await deps.store.headPosition());
      const r = deps.applications.byLicense(licenseId);
      if (!r || r.state.notified.some((n) => n.outcome === outcome)) return;
      const account = (await deps.store.readStream(applicantStream(r.state.draft.applicantId)))
        .map((e) => e.data as ApplicantSignedUp)
        .at(0);
      if (!account) return;
      const sent = await deps.sms.send({
        to: deps.secrets.open(account.mobile),
        text: texts[outcome],
        idempotencyKey: `decision-${licenseId}-${outcome}`,
      });
      await handle(applicationStream(r.applicationId), {
        type: 'RecordNotified',
        outcome,
        providerReference: sent.reference,
        now: deps.clock.now(),
        actor: 'system',
      });
      await deps.applications.ensure(await deps.store.headPosition());
    } catch (error) {
      deps.logger.warn(
        { licenseId, outcome, err: (error as Error).name },
        'the applicant could not be notified of the decision',
      );
    }
  };
}
