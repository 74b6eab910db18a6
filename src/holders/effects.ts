import { effectRounds, licenseCommand, type LicenseRegistry } from '../licensing';
import type { Clock } from '../shared/clock';
import type { EventStore } from '../shared/eventStore';
import type { Logger } from '../shared/logger';
import type { HolderRequestRegistry } from './registry';
import { licenseCommandOf, type HolderRequestRecord } from './request';

export interface EffectDeps {
  store: EventStore;
  clock: Clock;
  licenses: LicenseRegistry;
  requests: HolderRequestRegistry;
}

/** An approval whose effect on the license is written by name (not an older, unnamed one). */
const named = (r: HolderRequestRecord) =>
  r.state.status === 'approved' && r.state.decision?.effectNamed === true;

/**
 * Writes an approved request's effect on the license (اثر تأیید درخواست) unless the license
 * stream already names the request: licensing's command, as the approver, with the decision's
 * reason. Answers whether this call wrote it. Safe to run anywhere at any time: the effect is
 * written once (see `effectDecider`).
 */
export function completeEffect(deps: EffectDeps) {
  const onLicense = licenseCommand(deps);
  return async (r: HolderRequestRecord): Promise<boolean> => {
    const decision = r.state.decision;
    if (!named(r) || !decision) return false;
    const effect = licenseCommandOf(r.state.filed, decision.reason);
    const { applied } = await onLicense(r.state.filed.licenseId, effect, decision.decidedBy);
    return applied;
  };
}

/** Every node's completion of approved requests whose effect is missing (see `effectRounds`). */
export function approvalEffects(deps: EffectDeps & { logger: Logger }) {
  return effectRounds({
    ...deps,
    what: 'holder request',
    decisions: deps.requests,
    missing: (r) => named(r) && !r.effectApplied,
    idOf: (r) => r.requestId,
    complete: completeEffect(deps),
  });
}
