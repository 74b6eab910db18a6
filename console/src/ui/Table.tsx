import type { ComponentChildren } from 'preact';

/**
 * A table that scrolls sideways on a narrow screen (the page never does): named for screen
 * readers by its caption, one header row, a row per item.
 */
export function Table<T>(props: {
  caption: string;
  /** The caption repeats a heading just above: read by screen readers, not shown. */
  captionHidden?: boolean;
  headers: string[];
  items: readonly T[];
  keyOf: (item: T) => string;
  cells: (item: T) => ComponentChildren[];
}) {
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={props.caption}>
      <table>
        <caption class={props.captionHidden ? 'visually-hidden' : undefined}>
          {props.caption}
        </caption>
        <thead>
          <tr>
            {props.headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.items.map((item) => (
            <tr key={props.keyOf(item)}>
              {props.cells(item).map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
