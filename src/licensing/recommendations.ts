import { Router } from 'express';
import { versionsOf } from '../../contracts/events/contract';
import {
  recommendationOutcomeEvents,
  recommendationStream,
  supervisionStream,
  type RecommendationOutcome,
  type SupervisionEvent,
  type SuspensionRecommendationActed,
  type SuspensionRecommended,
} from '../../contracts/events/supervision';
import type { Snapshot } from '../../contracts/keyedFold';
import {
  recommendationFold,
  type RecommendationRecord,
} from '../../contracts/reference/recommendation';
import { recommendationRoutes as c } from '../../contracts/recommendations';
import type { Clock } from '../shared/clock';
import { IllegalStateError, NotFoundError } from '../shared/errors';
import { commandHandler, type Decider, type EventStore } from '../shared/eventStore';
import { mount } from '../shared/http/mount';
import { paginate } from '../shared/http/page';
import { instant } from '../shared/jalali';
import { keyedModel } from '../shared/keyedFold';
import type { Logger } from '../shared/logger';
import { effectRounds } from './effects';
import type { LicenseRegistry } from './registry';
import { licenseCommand, licenseView, type LicenseCommandInput } from './routes';

export { recommendationFold, type RecommendationRecord };

/** A recommendation has one outcome: deciding it again is 409. */
function refuseIfDecided(outcome: RecommendationOutcome | undefined): void {
  if (!outcome) return;
  const acted = outcome.type === 'SuspensionRecommendationActed';
  throw new IllegalStateError(
    `The recommendation was ${acted ? 'acted on' : 'dismissed'} already`,
    { currentState: acted ? 'acted' : 'dismissed' },
  );
}

export type RecommendationCommand = {
  type: 'ActOnRecommendation' | 'DismissRecommendation';
  recommendation: SuspensionRecommended;
  licenseId: string;
  reason: string;
  /** When an acted-on suspension ends. */
  until?: Date;
  now: Date;
  actor: string;
};

/** Whether a command is a retry of the outcome recorded: the same decision, reason, end and actor. */
function replays(c: RecommendationCommand, o: RecommendationOutcome | undefined): boolean {
  if (!o || o.reason !== c.reason || o.decidedBy !== c.actor) return false;
  if (o.type === 'SuspensionRecommendationDismissed') return c.type === 'DismissRecommendation';
  return c.type === 'ActOnRecommendation' && o.until === c.until?.toISOString();
}

/** One outcome per recommendation: a retry of it decides nothing, any other decision is 409. */
export const recommendationDecider: Decider<
  RecommendationCommand,
  RecommendationOutcome,
  RecommendationOutcome | undefined
> = {
  initialState: () => undefined,
  evolve: (_s, e) => e,
  decide(c, s) {
    if (replays(c, s)) return [];
    refuseIfDecided(s);
    const facts = {
      actionId: c.recommendation.actionId,
      officeId: c.recommendation.officeId,
      reason: c.reason,
      decidedAt: c.now.toISOString(),
      decidedBy: c.actor,
    };
    return c.type === 'ActOnRecommendation'
      ? [
          {
            type: 'SuspensionRecommendationActed',
            ...facts,
            licenseId: c.licenseId,
            ...(c.until ? { until: c.until.toISOString() } : {}),
            effectNamed: true,
          },
        ]
      : [{ type: 'SuspensionRecommendationDismissed', ...facts }];
  },
  eventVersions: versionsOf(recommendationOutcomeEvents),
};

/** The suspension an outcome acted on runs, naming the recommendation. */
function suspensionOf(o: SuspensionRecommendationActed): LicenseCommandInput {
  return {
    type: 'SuspendLicense',
    reason: o.reason,
    ...(o.until ? { until: new Date(o.until) } : {}),
    recommendation: { officeId: o.officeId, actionId: o.actionId },
  };
}

/** The outcome whose suspension is written by name (not an older, unnamed one). */
const namedAct = (r: RecommendationRecord) =>
  r.outcome?.type === 'SuspensionRecommendationActed' && r.outcome.effectNamed
    ? r.outcome
    : undefined;

/**
 * Writes an acted-on recommendation's suspension unless the license stream already names the
 * recommendation, as the regulator who acted; true when this call wrote it.
 */
export function completeSuspension(deps: Pick<RecommendationDeps, 'store' | 'clock' | 'licenses'>) {
  const onLicense = licenseCommand(deps);
  return async (r: RecommendationRecord): Promise<boolean> => {
    const acted = namedAct(r);
    if (!acted) return false;
    return (await onLicense(acted.licenseId, suspensionOf(acted), acted.decidedBy)).applied;
  };
}

/** Every node's completion of acted-on recommendations whose suspension is missing. */
export function suspensionEffects(
  deps: Pick<RecommendationDeps, 'store' | 'clock' | 'licenses' | 'recommendations'> & {
    logger: Logger;
  },
) {
  return effectRounds({
    ...deps,
    what: 'suspension recommendation',
    decisions: deps.recommendations,
    missing: (r) => namedAct(r) !== undefined && !r.effectApplied,
    idOf: (r) => r.recommendation.actionId,
    complete: completeSuspension(deps),
  });
}

export function recommendationRegistry(
  store: EventStore,
  snapshot?: Snapshot<RecommendationRecord>,
) {
  const { records, following } = keyedModel(store, recommendationFold, {
    ...(snapshot ? { snapshot } : {}),
  });
  return {
    get: (actionId: string) => records.get(actionId),
    list: () => [...records.values()],
    get position() {
      return following.position;
    },
    ensure: (p: number) => following.ensure(p),
    ready: following.ready,
    stop: () => following.stop(),
  };
}
export type RecommendationRegistry = ReturnType<typeof recommendationRegistry>;

export interface RecommendationDeps {
  store: EventStore;
  clock: Clock;
  licenses: LicenseRegistry;
  recommendations: RecommendationRegistry;
  licenseOfOffice(officeId: string): string | undefined;
}

const replayed = { 'Idempotent-Replayed': 'true' };

const actedOn = (r: RecommendationRecord) =>
  r.outcome?.type === 'SuspensionRecommendationActed' ? r.outcome : undefined;

const statusOf = (r: RecommendationRecord) =>
  !r.outcome
    ? 'pending'
    : r.outcome.type === 'SuspensionRecommendationActed'
      ? 'acted'
      : 'dismissed';

const actionNames: Record<
  SupervisionEvent['type'],
  'warning' | 'inspection' | 'suspension_recommended'
> = {
  OfficeWarned: 'warning',
  InspectionOrdered: 'inspection',
  SuspensionRecommended: 'suspension_recommended',
};

/** Licensing's queue of supervision's suspension recommendations, and acting on them. */
export function recommendationsRouter(deps: RecommendationDeps): Router {
  const router = Router();
  const handle = commandHandler(deps.store, recommendationDecider);
  const onLicense = licenseCommand(deps);
  const complete = completeSuspension(deps);

  async function view(r: RecommendationRecord) {
    const rec = r.recommendation;
    const earlier = (await deps.store.readStream(supervisionStream(rec.officeId)))
      .map((e) => e.data as SupervisionEvent)
      .filter((e) => e.recordedAt <= rec.recordedAt && e.actionId !== rec.actionId);
    const licenseId = deps.licenseOfOffice(rec.officeId);
    return {
      actionId: rec.actionId,
      officeId: rec.officeId,
      ...(licenseId ? { licenseId } : {}),
      status: statusOf(r),
      recommendedAt: instant(new Date(rec.recordedAt)),
      recommendedBy: rec.recordedBy,
      evidence: {
        reason: rec.reason,
        ...(rec.complaintId ? { complaintId: rec.complaintId } : {}),
        ...(rec.period ? { period: rec.period } : {}),
        earlierActions: earlier.map((e) => ({
          actionId: e.actionId,
          action: actionNames[e.type],
          reason: e.reason,
          recordedAt: instant(new Date(e.recordedAt)),
        })),
      },
      ...(r.outcome
        ? {
            outcome: {
              reason: r.outcome.reason,
              decidedAt: instant(new Date(r.outcome.decidedAt)),
              decidedBy: r.outcome.decidedBy,
            },
          }
        : {}),
    };
  }

  async function known(actionId: string) {
    await deps.recommendations.ensure(await deps.store.headPosition());
    const r = deps.recommendations.get(actionId);
    if (!r) throw new NotFoundError('recommendation not found');
    return r;
  }

  async function decide(command: RecommendationCommand) {
    const result = await handle(recommendationStream(command.recommendation.actionId), command);
    await deps.recommendations.ensure(result.append?.position ?? 0);
    return { ...(result.newEvents ? {} : { headers: replayed }) };
  }

  mount(router, c.queue, async ({ query }) => {
    await deps.recommendations.ensure(await deps.store.headPosition());
    const position = deps.recommendations.position;
    const rows = deps.recommendations
      .list()
      .filter((r) => statusOf(r) === query.status)
      .sort((a, b) => a.recommendation.recordedAt.localeCompare(b.recommendation.recordedAt));
    const key = (r: RecommendationRecord) =>
      `${r.recommendation.recordedAt}|${r.recommendation.actionId}`;
    const page = paginate(rows, key, query.cursor, query.limit);
    return {
      status: 200,
      body: { ...page, items: await Promise.all(page.items.map(view)), position },
    };
  });

  mount(router, c.act, async ({ params, body, principal }) => {
    const r = await known(params.actionId);
    const command: RecommendationCommand = {
      type: 'ActOnRecommendation',
      recommendation: r.recommendation,
      licenseId: actedOn(r)?.licenseId ?? deps.licenseOfOffice(r.recommendation.officeId) ?? '',
      reason: body.reason ?? r.recommendation.reason,
      ...(body.until ? { until: new Date(body.until) } : {}),
      now: deps.clock.now(),
      actor: principal.credentialId,
    };
    const [acted] = recommendationDecider.decide(command, r.outcome);
    if (acted?.type === 'SuspensionRecommendationActed') {
      if (!command.licenseId)
        throw new IllegalStateError('The office has no license to suspend', {
          currentState: 'none',
        });
      await onLicense(command.licenseId, suspensionOf(acted), principal.credentialId, {
        dryRun: true,
      });
    }
    const answer = await decide(command);
    await complete(deps.recommendations.get(params.actionId)!);
    await deps.licenses.ensure(await deps.store.headPosition());
    return {
      status: 200,
      ...answer,
      body: licenseView(deps.licenses.get(command.licenseId)!, deps.clock.now()),
    };
  });

  mount(router, c.dismiss, async ({ params, body, principal }) => {
    const r = await known(params.actionId);
    const answer = await decide({
      type: 'DismissRecommendation',
      recommendation: r.recommendation,
      licenseId: deps.licenseOfOffice(r.recommendation.officeId) ?? '',
      reason: body.reason,
      now: deps.clock.now(),
      actor: principal.credentialId,
    });
    return {
      status: 200,
      ...answer,
      body: await view(deps.recommendations.get(params.actionId)!),
    };
  });

  return router;
}
