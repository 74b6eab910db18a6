import type { Decider, EventStore } from '../shared/eventStore';
import type { Logger } from '../shared/logger';
import { rounds } from '../shared/rounds';
import {
  evolveLicense,
  initialLicenseState,
  type LicenseEvent,
  type LicenseState,
} from './license';
import { decideLicense, licenseDecider, type LicenseCommand } from './license.decide';

/**
 * The decision of another slice a license event (or command) is the effect of (اثر تصمیم):
 * `holderRequest:<requestId>` for a holder's approved request, `recommendation:<actionId>` for
 * a suspension recommendation acted on; undefined for the regulator's own commands.
 */
export function causeOf(e: LicenseEvent | LicenseCommand): string | undefined {
  if ('holderRequestId' in e && e.holderRequestId) return `holderRequest:${e.holderRequestId}`;
  if ('recommendation' in e && e.recommendation)
    return `recommendation:${e.recommendation.actionId}`;
  return undefined;
}

export interface LicenseWithEffects {
  license: LicenseState;
  /** Every cause (see {@link causeOf}) whose effect the license stream already holds. */
  causes: ReadonlySet<string>;
}

/**
 * The license's own decider, remembering which decisions of other slices took effect: a command
 * whose cause the stream already names decides nothing. Two runs of one effect (a retried
 * approval, a completion round on another node) both append at the revision they read, so one
 * writes and the other, reading again, finds the cause and writes nothing: the effect is
 * written once.
 */
export const effectDecider: Decider<LicenseCommand, LicenseEvent, LicenseWithEffects> = {
  initialState: () => ({ license: initialLicenseState(), causes: new Set<string>() }),
  evolve(s, e) {
    const cause = causeOf(e);
    return {
      license: evolveLicense(s.license, e),
      causes: cause ? new Set([...s.causes, cause]) : s.causes,
    };
  },
  decide(c, s) {
    const cause = causeOf(c);
    return cause && s.causes.has(cause) ? [] : decideLicense(c, s.license);
  },
  ...(licenseDecider.eventVersions ? { eventVersions: licenseDecider.eventVersions } : {}),
};

/**
 * A completion job (تکمیل اثر تصمیم): each round takes the decisions whose effect a node's read
 * model has not seen on the license (a node stopped between the decision and its effect) and
 * writes the effect. Every node runs it; of two rounds at once, or a round and a retried
 * decision, one writes the effect and the other finds it named in the license stream. An
 * effect the license now refuses (another command changed it between the two writes) is logged
 * once per decision and node, and tried again at the next round.
 */
export function effectRounds<D>(deps: {
  store: Pick<EventStore, 'headPosition'>;
  logger: Logger;
  /** What a decision is, for the log: `holder request`, `suspension recommendation`. */
  what: string;
  /** The read model of the decisions, brought to the log's head before each round. */
  decisions: { ensure(position: number): Promise<void>; list(): D[] };
  /** Whether a decision's effect is still missing as the read model sees it. */
  missing(decision: D): boolean;
  idOf(decision: D): string;
  /** Writes the effect unless the license names it; true when this call wrote it. */
  complete(decision: D): Promise<boolean>;
}) {
  const reported = new Set<string>();
  async function round(signal: AbortSignal): Promise<{ applied: number; refused: number }> {
    const result = { applied: 0, refused: 0 };
    await deps.decisions.ensure(await deps.store.headPosition());
    for (const d of deps.decisions.list().filter((d) => deps.missing(d))) {
      if (signal.aborted) break;
      try {
        if (await deps.complete(d)) result.applied += 1;
      } catch (error) {
        result.refused += 1;
        const id = deps.idOf(d);
        if (reported.has(id)) continue;
        reported.add(id);
        deps.logger.warn(
          { decision: deps.what, id, err: (error as Error).message },
          'a decision could not take effect on the license',
        );
      }
    }
    return result;
  }
  return rounds(round, { logger: deps.logger, message: `${deps.what} effect round failed` });
}
