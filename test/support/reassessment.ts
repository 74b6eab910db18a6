import { backdatedTariffs } from '../../src/reassessment';
import type { TestApp } from './app';

/** The backdated-tariff process over a test app, as main.ts builds it for a node; not started: call `runOnce()`. */
export const reassessmentFor = (t: TestApp) =>
  backdatedTariffs({
    store: t.store,
    clock: t.clock,
    reporting: t.reporting,
    tariffs: {
      inForce: (code, at) => t.deps.readModels.tariffs.book.inForce(code, at),
      ensure: (position) => t.deps.readModels.tariffs.following.ensure(position),
    },
    logger: t.deps.logger,
  });
