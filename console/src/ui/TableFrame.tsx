import type { ComponentChildren } from 'preact';

/**
 * A table that scrolls sideways inside its own focusable region on a narrow screen (360 px),
 * named by its caption for screen readers.
 */
export function TableFrame(props: {
  caption: string;
  class?: string;
  children: ComponentChildren;
}) {
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={props.caption}>
      <table class={props.class}>
        <caption>{props.caption}</caption>
        {props.children}
      </table>
    </div>
  );
}
