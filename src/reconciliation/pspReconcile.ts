import { versionKey } from '../../contracts/events/contract';
import type { ReportingDeps } from '../../projections';
import { sha256 } from '../../projections/digest';
import { expectedPspCredits } from '../../projections/pspSettlement/expected';
import type { Clock } from '../shared/clock';
import { commandHandler, type EventStore } from '../shared/eventStore';
import { parsePspFile } from './pspFile';
import { pspSettlementRunDecider } from './pspRun.decide';
import {
  pspRunIdOf,
  pspSettlementStream,
  PspSettlementReconciled,
  type PspAccount,
  type PspRunKey,
  type PspSettlementEvent,
} from './pspRun';

/** What the PSP reconciliation reads besides the payments: terminals of a PSP, and whose IBANs the ledger knows. */
export interface PspLookups {
  terminalsOf(psp: string): string[];
  accounts(): PspAccount[];
}

export interface PspSettlementDeps {
  store: EventStore;
  clock: Clock;
  reporting: ReportingDeps;
  lookups: PspLookups;
}

export interface PspUpload {
  psp?: string | undefined;
  from: string;
  to: string;
  content: string;
}

/**
 * Reconciles a PSP's settlement file and records the run. A run already recorded for the same
 * file and parameters is answered without reading the file again; a new one parses the file
 * (a bad file records nothing), brings the payments read model up to the head, reads the
 * credits the ledger expects for the file's terminals (and every terminal of the PSP named)
 * over the days asked, and hands both to the decision.
 */
export async function reconcilePspFile(
  deps: PspSettlementDeps,
  input: PspUpload,
  by: string,
): Promise<{ run: PspSettlementReconciled; replayed: boolean }> {
  const { store, clock, reporting, lookups } = deps;
  const key: PspRunKey = {
    ...(input.psp !== undefined ? { psp: input.psp } : {}),
    from: input.from,
    to: input.to,
    fileSha256: sha256(input.content),
  };
  const runId = pspRunIdOf(key);
  const stream = pspSettlementStream(runId);
  const [first] = await store.readStream(stream);
  if (first) return { run: first.data as PspSettlementEvent, replayed: true };
  const credits = parsePspFile(input.content);
  await reporting.runner.waitFor('payments');
  const terminals = [
    ...credits.map((c) => c.terminalId),
    ...(input.psp !== undefined ? lookups.terminalsOf(input.psp) : []),
  ];
  const { position, credits: expected } = await expectedPspCredits(reporting.db, {
    from: input.from,
    to: input.to,
    terminals,
    vatIban: reporting.vatIban,
  });
  const { state, newEvents } = await commandHandler(store, pspSettlementRunDecider, {
    metadata: () => ({ [versionKey]: PspSettlementReconciled.version }),
  })(stream, {
    type: 'ReconcilePspFile',
    ...key,
    runId,
    credits,
    expected: { ledgerPosition: position, credits: expected },
    accounts: lookups.accounts(),
    now: clock.now(),
    actor: by,
  });
  if (state.status !== 'completed') throw new Error(`PSP settlement run ${runId} was not recorded`);
  return { run: state.run, replayed: newEvents === 0 };
}
