import { useI18n } from '../../i18n';
import { Field } from '../../ui/Field';
import { Rials } from '../../ui/Money';
import type { TariffComponent } from './TariffVersion';

const rials = /^\d{1,27}$/;
const percent = /^\d{1,3}(\.\d{1,4})?$/;

/** A tariff's figures being set anew (ارقام تعرفه), as ASCII digits by path (`0.amount`). */
export type Figures = Record<string, string>;

/** The figures of a component that may be set anew: its amounts or its percentage, by path. */
export function figuresOf(c: TariffComponent, i: number): Array<[string, string]> {
  const r = c.rule;
  switch (r.kind) {
    case 'fixed':
    case 'perUnit':
      return [[`${i}.amount`, r.amount]];
    case 'percentage':
      return [
        [`${i}.percent`, r.percent],
        ...(r.min !== undefined ? [[`${i}.min`, r.min] as [string, string]] : []),
        ...(r.max !== undefined ? [[`${i}.max`, r.max] as [string, string]] : []),
      ];
    case 'tiered':
      return r.tiers.map((tier, k) => [`${i}.tiers.${k}`, tier.amount]);
    case 'vat':
      return [];
  }
}

export const initialFigures = (components: readonly TariffComponent[]): Figures =>
  Object.fromEntries(components.flatMap((c, i) => figuresOf(c, i)));

/** The component with the figures as typed (ASCII digits). */
export function withFigures(c: TariffComponent, i: number, f: Figures): TariffComponent {
  const r = c.rule;
  const at = (k: string) => f[`${i}.${k}`]!;
  switch (r.kind) {
    case 'fixed':
    case 'perUnit':
      return { ...c, rule: { ...r, amount: at('amount') } };
    case 'percentage':
      return {
        ...c,
        rule: {
          ...r,
          percent: at('percent'),
          ...(r.min !== undefined ? { min: at('min') } : {}),
          ...(r.max !== undefined ? { max: at('max') } : {}),
        },
      };
    case 'tiered':
      return {
        ...c,
        rule: { ...r, tiers: r.tiers.map((tier, k) => ({ ...tier, amount: at(`tiers.${k}`) })) },
      };
    case 'vat':
      return c;
  }
}

const isPercent = (path: string) => path.endsWith('.percent');
export const figureIsValid = (path: string, value: string) =>
  (isPercent(path) ? percent : rials).test(value);
export const figuresAreValid = (f: Figures) =>
  Object.entries(f).every(([path, v]) => figureIsValid(path, v));

/**
 * One field per figure of the components, Persian or ASCII digits alike; a rial figure shows
 * its amount with tomans beside it as typed.
 */
export function FigureFields(props: {
  components: readonly TariffComponent[];
  figures: Figures;
  onFigures: (f: Figures) => void;
  tried: boolean;
}) {
  const { t, digits } = useI18n();
  const { figures } = props;
  return (
    <>
      {props.components.flatMap((c, i) =>
        figuresOf(c, i).map(([path]) => {
          const value = figures[path] ?? '';
          const valid = figureIsValid(path, value);
          return (
            <div key={path}>
              <Field
                label={`${c.nameFa} — ${t(`tariffDesk.figure.${path.split('.')[1] as 'amount'}`)}${path.includes('tiers') ? ` ${digits(Number(path.split('.')[2]) + 1)}` : ''}`}
                value={digits(value)}
                onValue={(ascii) => props.onFigures({ ...figures, [path]: ascii.trim() })}
                inputMode="numeric"
                dir="ltr"
                error={props.tried && !valid ? t('tariffDesk.invalidFigure') : undefined}
              />
              {valid && !isPercent(path) ? (
                <p class="form-hint">
                  <Rials value={value} />
                </p>
              ) : null}
            </div>
          );
        }),
      )}
    </>
  );
}
