import { Router } from 'express';
import { versionsOf } from '../../contracts/events/contract';
import {
  recommendationOutcomeEvents,
  recommendationStream,
  supervisionStream,
  type RecommendationOutcome,
  type SupervisionEvent,
  type SuspensionRecommended,
} from '../../contracts/events/supervision';
import type { KeyedFold } from '../../contracts/keyedFold';
import { recommendationRoutes as c } from '../../contracts/recommendations';
import type { Clock } from '../shared/clock';
import { IllegalStateError, NotFoundError } from '../shared/errors';
import { commandHandler, type Decider, type EventStore } from '../shared/eventStore';
import { mount } from '../shared/http/mount';
import { paginate } from '../shared/http/page';
import { instant } from '../shared/jalali';
import { keyedModel } from '../shared/keyedFold';
import type { LicenseRegistry } from './registry';
import { licenseCommand, licenseView } from './routes';

/**
 * A supervision recommendation to suspend an office's license (پیشنهاد تعلیق پروانه) as
 * licensing's queue holds it: the recommendation and, once decided, its one outcome.
 */
export interface RecommendationRecord {
  recommendation: SuspensionRecommended;
  outcome?: RecommendationOutcome;
}

const recommendationTypes = [
  'SuspensionRecommended',
  ...recommendationOutcomeEvents.map((e) => e.type),
];

/** Every suspension recommendation by its action id, with its outcome. */
export const recommendationFold: KeyedFold<RecommendationRecord> = {
  name: 'suspensionRecommendations',
  version: 1,
  filter: { eventTypes: recommendationTypes, streamPrefixes: ['supervision-', 'recommendation-'] },
  keyOf: (e) => (e.data as { actionId: string }).actionId,
  fold(previous, e) {
    const data = e.data as SuspensionRecommended | RecommendationOutcome;
    if (data.type === 'SuspensionRecommended') return { ...previous, recommendation: data };
    return previous && { ...previous, outcome: data };
  },
};

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
  now: Date;
  actor: string;
};

/** One outcome per recommendation: acting on it or dismissing it again is 409. */
export const recommendationDecider: Decider<
  RecommendationCommand,
  RecommendationOutcome,
  RecommendationOutcome | undefined
> = {
  initialState: () => undefined,
  evolve: (_s, e) => e,
  decide(c, s) {
    refuseIfDecided(s);
    const facts = {
      actionId: c.recommendation.actionId,
      officeId: c.recommendation.officeId,
      reason: c.reason,
      decidedAt: c.now.toISOString(),
      decidedBy: c.actor,
    };
    return c.type === 'ActOnRecommendation'
      ? [{ type: 'SuspensionRecommendationActed', ...facts, licenseId: c.licenseId }]
      : [{ type: 'SuspensionRecommendationDismissed', ...facts }];
  },
  eventVersions: versionsOf(recommendationOutcomeEvents),
};

export function recommendationRegistry(store: EventStore) {
  const { records, following } = keyedModel(store, recommendationFold);
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

  async function decide(
    type: RecommendationCommand['type'],
    r: RecommendationRecord,
    licenseId: string,
    reason: string,
    actor: string,
  ) {
    const result = await handle(recommendationStream(r.recommendation.actionId), {
      type,
      recommendation: r.recommendation,
      licenseId,
      reason,
      now: deps.clock.now(),
      actor,
    });
    await deps.recommendations.ensure(result.append?.position ?? 0);
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
    refuseIfDecided(r.outcome);
    const licenseId = deps.licenseOfOffice(r.recommendation.officeId);
    if (!licenseId)
      throw new IllegalStateError('The office has no license to suspend', { currentState: 'none' });
    const suspend = {
      type: 'SuspendLicense' as const,
      reason: body.reason ?? r.recommendation.reason,
      ...(body.until ? { until: new Date(body.until) } : {}),
      recommendation: { officeId: r.recommendation.officeId, actionId: r.recommendation.actionId },
    };
    await onLicense(licenseId, suspend, principal.credentialId, { dryRun: true });
    await decide('ActOnRecommendation', r, licenseId, suspend.reason, principal.credentialId);
    await onLicense(licenseId, suspend, principal.credentialId);
    return { status: 200, body: licenseView(deps.licenses.get(licenseId)!, deps.clock.now()) };
  });

  mount(router, c.dismiss, async ({ params, body, principal }) => {
    const r = await known(params.actionId);
    const licenseId = deps.licenseOfOffice(r.recommendation.officeId) ?? '';
    await decide('DismissRecommendation', r, licenseId, body.reason, principal.credentialId);
    return { status: 200, body: await view(deps.recommendations.get(params.actionId)!) };
  });

  return router;
}
