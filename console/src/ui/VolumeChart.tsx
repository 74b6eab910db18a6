import { Bars } from './Bars';
import { VolumeTable, type KeyColumn, type VolumeFigures } from './VolumeTable';

/**
 * Payments of a report's table as SVG columns (one per row, labelled by `label`) with the
 * table beside them; stacked on a narrow screen.
 */
export function VolumeChart<T extends VolumeFigures>(props: {
  title: string;
  label: (row: T) => string;
  keys: ReadonlyArray<KeyColumn<T>>;
  rows: readonly T[];
}) {
  return (
    <div class="beside">
      <Bars
        title={props.title}
        bars={props.rows.map((r) => ({ label: props.label(r), value: r.payments }))}
      />
      <VolumeTable caption={props.title} keys={props.keys} rows={props.rows} />
    </div>
  );
}
