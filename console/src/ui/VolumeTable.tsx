import { useI18n } from '../i18n';
import { LocalTable } from './LocalTable';
import { Rials } from './Money';

/** A volume (حجم) of payments as the party reports give it: a count, and rials as strings. */
export interface VolumeFigures {
  payments: number;
  gross: string;
  reversals: string;
  refunds: string;
  net: string;
  officeFees: string;
}

/** A key column: its title, its value in a row, and whether it is an identifier (its digits kept). */
export type KeyColumn<T> = [title: string, of: (row: T) => string, id?: 'id'];

const rials = ['gross', 'reversals', 'refunds', 'net', 'officeFees'] as const;

/** A report's table of volumes under its key columns, a page at a time (or empty). */
export function VolumeTable<T extends VolumeFigures>(props: {
  caption: string;
  keys: ReadonlyArray<KeyColumn<T>>;
  rows: readonly T[];
}) {
  const { t, digits } = useI18n();
  return (
    <LocalTable
      caption={props.caption}
      headers={[
        ...props.keys.map(([title]) => title),
        t('statement.payments'),
        ...rials.map((k) => t(`statement.${k}`)),
      ]}
      rows={props.rows}
      keyOf={(r) => props.keys.map(([, of]) => of(r)).join('|')}
      cells={(r) => [
        ...props.keys.map(([, of, id]) => <bdi>{id ? of(r) : digits(of(r))}</bdi>),
        digits(r.payments),
        ...rials.map((k) => <Rials value={r[k]} />),
      ]}
    />
  );
}
