import { randomUUID } from 'node:crypto';
import type { DataAccessAttempt } from '../../contracts/events/dataAccess';
import type { DataAccessRule } from '../../contracts/vocabulary';
import { ProviderUnavailableError } from '../shared/errors';
import { commandHandler } from '../shared/eventStore';
import type { Principal } from '../shared/http/policy';
import { sha256Hex } from '../shared/secrets';
import { decideAccess } from './access.decide';
import { consentCodes, consentStream, consentTtlMs, newConsentCode } from './consent';
import { consentDecider, consentVerdict } from './consent.decide';
import { exchangeCenterOn, newAccessId, recordAttempt, refuse, type DataAccessDeps } from './deps';

/**
 * Runs a provider call; when the provider fails, gives back what was taken and records the
 * failed attempt before the 503 goes out, so a failure is never mistaken for a success.
 */
async function failureRecorded<T>(
  deps: DataAccessDeps,
  facts: Omit<
    Extract<DataAccessAttempt, { type: 'CustomerDataAccessFailed' }>,
    'type' | 'reason' | 'attempts'
  >,
  call: () => Promise<T>,
  undo?: () => Promise<unknown>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ProviderUnavailableError)) throw error;
    await undo?.();
    await recordAttempt(deps.store, {
      type: 'CustomerDataAccessFailed',
      ...facts,
      reason: error.reason,
      attempts: error.attempts,
    });
    throw error;
  }
}

/** Who asks and for what: the fields of every attempt's record that the request decides. */
interface Asking {
  principal: Principal;
  operator: string;
  nationalId: string;
  serviceCode: string;
  items: string[];
  customerPresent: boolean;
}

/** The instruction and resolution checks shared by opening a delivery and by a look-up. */
function screen(deps: DataAccessDeps, a: Asking, accessId: string, now: Date) {
  const officeId = a.principal.officeId ?? '';
  const agencyId = deps.lookups.agencyOfService(a.serviceCode);
  const instruction = agencyId ? deps.book.inForce(agencyId, now) : undefined;
  const province = deps.lookups.officeProvince(officeId);
  const facts = {
    accessId,
    officeId,
    ...(province ? { province } : {}),
    credentialId: a.principal.credentialId,
    operator: a.operator,
    customerRef: deps.lookups.customerRef(a.nationalId),
    serviceCode: a.serviceCode,
    ...(agencyId ? { agencyId } : {}),
    items: a.items,
    ...(instruction
      ? { instructionVersion: instruction.recorded.version, channel: instruction.recorded.channel }
      : {}),
    at: now.toISOString(),
  };
  const decision = decideAccess({
    ...(instruction ? { instruction } : {}),
    serviceCode: a.serviceCode,
    items: a.items,
    exchangeCenterOnly: exchangeCenterOn(deps),
    licenseActive: deps.lookups.licenseActiveAt(officeId, now),
    assigned: deps.lookups.assignedAt(officeId, a.serviceCode, now),
    customerPresent: a.customerPresent,
    at: now,
  });
  return { facts, decision, agencyId: agencyId ?? '' };
}

/**
 * Opens a service delivery (ارائهٔ خدمت) for a customer: when the instruction asks for consent,
 * a one-time code is generated, only its keyed hash kept, and the provider asked to send it to
 * the mobile registered for the national id. A refusal is recorded like a look-up's.
 */
export async function openDelivery(deps: DataAccessDeps, a: Omit<Asking, 'items'>) {
  const now = deps.clock.now();
  const accessId = newAccessId();
  const { facts, decision, agencyId } = screen(deps, { ...a, items: [] }, accessId, now);
  if (!decision.granted) return refuse(deps.store, { ...facts, rule: decision.rule });
  const consentId = randomUUID();
  const code = decision.rules.consent ? newConsentCode() : undefined;
  const sent = code
    ? await failureRecorded(deps, facts, () =>
        deps.exchange.sendCode(
          { channel: decision.instruction.recorded.channel, agencyId },
          { nationalId: a.nationalId, code, purpose: 'access', requestId: consentId },
        ),
      )
    : undefined;
  const expiresAt = new Date(now.getTime() + consentTtlMs);
  await commandHandler(deps.store, consentDecider)(consentStream(consentId), {
    type: 'IssueConsent',
    issued: {
      consentId,
      purpose: 'access',
      customerRef: facts.customerRef,
      officeId: facts.officeId,
      serviceCode: a.serviceCode,
      agencyId,
      ...(code ? { codeHash: consentCodes(deps.secrets).hash(consentId, code) } : {}),
      expiresAt: expiresAt.toISOString(),
      maxLookups: decision.rules.maxLookupsPerDelivery,
      ...(sent ? { providerReference: sent.reference } : {}),
      issuedAt: now.toISOString(),
      issuedBy: a.principal.credentialId,
    },
  });
  return { consentId, expiresAt, codeSent: code !== undefined };
}

/** Only the items asked for are handed over, whatever else the provider sent. */
const pick = (data: Record<string, unknown>, items: readonly string[]) =>
  Object.fromEntries(items.filter((i) => Object.hasOwn(data, i)).map((i) => [i, data[i]]));

/**
 * One look-up of customer data by an office: the instruction in force and the resolution's
 * rules, then the delivery's consent and limit (a look-up is reserved on the consent's stream
 * with its expected revision, so two at once cannot both take the last one), then the provider.
 * The data goes to the caller only; the log keeps who, whom (a keyed hash), what, when, the
 * provider's reference and the SHA-256 of what was handed over.
 */
export async function lookUp(
  deps: DataAccessDeps,
  a: Asking & { consentId?: string; consentCode?: string },
) {
  const now = deps.clock.now();
  const accessId = newAccessId();
  const { facts, decision, agencyId } = screen(deps, a, accessId, now);
  if (!decision.granted) return refuse(deps.store, { ...facts, rule: decision.rule });
  const withConsent = { ...facts, ...(a.consentId ? { consentId: a.consentId } : {}) };
  if (!a.consentId) return refuse(deps.store, { ...withConsent, rule: 'consent-missing' });
  const consents = commandHandler(deps.store, consentDecider);
  const presenter = {
    customerRef: facts.customerRef,
    officeId: facts.officeId,
    serviceCode: a.serviceCode,
    ...(a.consentCode
      ? { codeHash: consentCodes(deps.secrets).hash(a.consentId, a.consentCode) }
      : {}),
  };
  const reserved = await consents(consentStream(a.consentId), {
    type: 'ReserveLookup',
    presenter,
    accessId,
    now,
  });
  const taken = reserved.state.status === 'issued' && reserved.state.reserved.includes(accessId);
  if (!taken) {
    const rule: DataAccessRule = consentVerdict(reserved.state, presenter, now) ?? 'consent-wrong';
    return refuse(deps.store, { ...withConsent, rule });
  }
  const target = { channel: decision.instruction.recorded.channel, agencyId };
  const release = () =>
    consents(consentStream(a.consentId!), { type: 'ReleaseLookup', accessId, now });
  const answer = await failureRecorded(
    deps,
    withConsent,
    () =>
      deps.exchange.lookup(target, {
        nationalId: a.nationalId,
        serviceCode: a.serviceCode,
        items: a.items,
        level: decision.rules.level,
        officeId: facts.officeId,
        requestId: accessId,
      }),
    release,
  );
  const data = pick(answer.data, a.items);
  const digest = `sha256:${sha256Hex(JSON.stringify(data))}`;
  await recordAttempt(deps.store, {
    type: 'CustomerDataAccessed',
    ...withConsent,
    instructionVersion: decision.instruction.recorded.version,
    channel: target.channel,
    level: decision.rules.level,
    providerReference: answer.reference,
    digest,
  });
  return { accessId, data, digest, providerReference: answer.reference, decision };
}
