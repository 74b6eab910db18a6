import {
  IllegalStateError,
  NotFoundError,
  ValidationError,
  type FieldProblem,
} from '../shared/errors';
import { parseRial } from '../shared/money';
import { provinceCodeProblem } from '../shared/provinces';
import { sheba } from '../shared/iranianIds';
import { componentsFor } from './pricing';
import {
  officeKinds,
  type TariffApproved,
  type TariffComponent,
  type TariffHistory,
  type TariffVariant,
} from './tariff';

export interface ApproveTariff {
  type: 'ApproveTariff';
  serviceCode: string;
  /** Looked up by the caller: the service's agency and the fee codes it collects, or undefined. */
  service: { agencyId: string; feeCodes: readonly string[] } | undefined;
  resolution: { number: string; date: Date };
  effectiveFrom: Date;
  effectiveUntil?: Date;
  components: TariffComponent[];
  variants: TariffVariant[];
  approvedBy: string;
  at: Date;
}

/** What a tariff version sets (جدول تعرفه): its components, variants and dates. */
export interface Schedule {
  effectiveFrom: Date;
  effectiveUntil?: Date;
  components: TariffComponent[];
  variants: TariffVariant[];
}

/** Every rule a schedule must keep, approved directly or proposed: the problems found. */
export function checkSchedule(schedule: Schedule, feeCodes: readonly string[]): FieldProblem[] {
  const problems = [
    ...checkComponents(schedule.components, feeCodes, 'components'),
    ...checkVariants(schedule, feeCodes),
  ];
  if (schedule.components.length === 0)
    problems.push({ path: 'components', message: 'at least one component' });
  if (schedule.effectiveUntil && schedule.effectiveUntil <= schedule.effectiveFrom) {
    problems.push({ path: 'effectiveUntil', message: 'must be after effectiveFrom' });
  }
  return problems;
}

/** A new version takes effect after every recorded one: an earlier date is an IllegalStateError. */
export function checkAfterEveryVersion(versions: readonly TariffApproved[], effectiveFrom: Date) {
  const from = effectiveFrom.toISOString();
  const clash = versions.find((v) => v.effectiveFrom >= from);
  if (clash) {
    throw new IllegalStateError(
      `Overlaps ${clash.tariffId} (resolution ${clash.resolution.number}) effective from ${clash.effectiveFrom}; a new version must take effect after every earlier one`,
    );
  }
}

const PERCENT = /^\d{1,3}(\.\d{1,4})?$/;

function checkRial(value: string, path: string, problems: FieldProblem[]) {
  try {
    parseRial(value, path);
  } catch (e) {
    if (e instanceof ValidationError) problems.push(...e.problems);
    else throw e;
  }
}

/** Checks one resolved list of components: codes, amounts, references, beneficiaries. */
export function checkComponents(
  components: readonly TariffComponent[],
  feeCodes: readonly string[],
  path: string,
) {
  const problems: FieldProblem[] = [];
  const earlier = new Map<string, TariffComponent>();
  components.forEach((c, i) => {
    const at = `${path}.${i}`;
    if (earlier.has(c.code))
      problems.push({ path: `${at}.code`, message: 'duplicate component code' });
    const rule = c.rule;
    const refersTo = (code: string, p: string) => {
      const target = earlier.get(code);
      if (!target || target.rule.kind === 'vat') {
        problems.push({ path: p, message: `must name an earlier non-VAT component, not ${code}` });
      }
    };
    switch (rule.kind) {
      case 'fixed':
      case 'perUnit':
        checkRial(rule.amount, `${at}.rule.amount`, problems);
        break;
      case 'percentage':
        refersTo(rule.of, `${at}.rule.of`);
        if (!PERCENT.test(rule.percent) || Number(rule.percent) > 100) {
          problems.push({
            path: `${at}.rule.percent`,
            message: 'a percentage from 0 to 100 with at most 4 decimals',
          });
        }
        if (rule.min !== undefined) checkRial(rule.min, `${at}.rule.min`, problems);
        if (rule.max !== undefined) checkRial(rule.max, `${at}.rule.max`, problems);
        if (
          rule.min !== undefined &&
          rule.max !== undefined &&
          /^\d+$/.test(rule.min + rule.max) &&
          BigInt(rule.min) > BigInt(rule.max)
        ) {
          problems.push({ path: `${at}.rule.max`, message: 'below min' });
        }
        break;
      case 'tiered':
        if (rule.tiers.length === 0 || rule.tiers[0]!.fromOccurrence !== 1) {
          problems.push({
            path: `${at}.rule.tiers`,
            message: 'the first tier must start at occurrence 1',
          });
        }
        rule.tiers.forEach((t, k) => {
          checkRial(t.amount, `${at}.rule.tiers.${k}.amount`, problems);
          if (k > 0 && t.fromOccurrence <= rule.tiers[k - 1]!.fromOccurrence) {
            problems.push({
              path: `${at}.rule.tiers.${k}.fromOccurrence`,
              message: 'must increase',
            });
          }
        });
        break;
      case 'vat':
        if (rule.on.length === 0)
          problems.push({ path: `${at}.rule.on`, message: 'name the taxed components' });
        rule.on.forEach((code, k) => refersTo(code, `${at}.rule.on.${k}`));
        break;
    }
    const b = c.beneficiary;
    if ((rule.kind === 'vat') !== (b.kind === 'vat')) {
      problems.push({
        path: `${at}.beneficiary`,
        message: 'VAT goes to the tax authority, and only VAT does',
      });
    }
    if (b.kind === 'agency' && !feeCodes.includes(b.feeCode)) {
      problems.push({
        path: `${at}.beneficiary.feeCode`,
        message: `the agency has no fee ${b.feeCode}`,
      });
    }
    if (b.kind === 'technical' && !sheba(b.iban)) {
      problems.push({ path: `${at}.beneficiary.iban`, message: 'not a valid Sheba (mod-97)' });
    }
    if (c.ceiling && b.kind !== 'office') {
      problems.push({ path: `${at}.ceiling`, message: 'only the office fee may be a ceiling' });
    }
    earlier.set(c.code, c);
  });
  return problems;
}

function checkVariants(command: Schedule, feeCodes: readonly string[]) {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  command.variants.forEach((v, i) => {
    const at = `variants.${i}`;
    if (v.province === undefined && v.officeKind === undefined) {
      problems.push({ path: at, message: 'a variant names a province, an office kind or both' });
    }
    const provinceProblem = v.province === undefined ? undefined : provinceCodeProblem(v.province);
    if (provinceProblem) problems.push({ path: `${at}.province`, message: provinceProblem });
    if (v.officeKind !== undefined && !officeKinds.includes(v.officeKind)) {
      problems.push({ path: `${at}.officeKind`, message: 'urban or rural' });
    }
    const key = `${v.province ?? '*'}|${v.officeKind ?? '*'}`;
    if (seen.has(key)) problems.push({ path: at, message: 'duplicate variant' });
    seen.add(key);
    v.components.forEach((c, k) => {
      if (!command.components.some((b) => b.code === c.code)) {
        problems.push({
          path: `${at}.components.${k}.code`,
          message: 'replaces no component of the tariff',
        });
      }
    });
    problems.push(
      ...checkComponents(componentsFor(command.components, v), feeCodes, `${at}.components`),
    );
  });
  return problems;
}

/** The `TariffApproved` a valid approval records, or the typed error of the rule it breaks. */
export function approve(command: ApproveTariff, state: TariffHistory): TariffApproved[] {
  if (!command.service) throw new NotFoundError(`No service ${command.serviceCode}`);
  const { feeCodes, agencyId } = command.service;
  const problems = checkSchedule(command, feeCodes);
  if (command.effectiveFrom < command.resolution.date) {
    problems.push({
      path: 'effectiveFrom',
      message: 'an approval cannot take effect before its resolution date',
    });
  }
  if (problems.length > 0) throw new ValidationError('The tariff is not valid', problems);

  const versions = state.status === 'approved' ? state.versions : [];
  const from = command.effectiveFrom.toISOString();
  checkAfterEveryVersion(versions, command.effectiveFrom);
  const same = versions.find((v) => v.resolution.number === command.resolution.number);
  if (same)
    throw new IllegalStateError(
      `Resolution ${same.resolution.number} is already recorded as ${same.tariffId}`,
    );
  const version = versions.length + 1;
  return [
    {
      type: 'TariffApproved',
      tariffId: `${command.serviceCode}/v${version}`,
      serviceCode: command.serviceCode,
      agencyId,
      version,
      resolution: {
        number: command.resolution.number,
        date: command.resolution.date.toISOString(),
      },
      effectiveFrom: from,
      ...(command.effectiveUntil ? { effectiveUntil: command.effectiveUntil.toISOString() } : {}),
      components: command.components,
      variants: command.variants,
      approvedAt: command.at.toISOString(),
      approvedBy: command.approvedBy,
    },
  ];
}
