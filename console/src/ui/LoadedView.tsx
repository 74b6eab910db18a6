import type { ComponentChildren } from 'preact';
import { Empty, ErrorView, Loading } from './States';
import type { Loaded } from './useLoad';

/** What was loaded, once it is: loading, the failure with a retry, empty, or `children` with the data. */
export function LoadedView<T>(props: {
  loaded: Loaded<T>;
  retry: () => void;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ComponentChildren;
}) {
  const { loaded } = props;
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed')
    return <ErrorView failure={loaded.failure} onRetry={props.retry} />;
  if (props.isEmpty?.(loaded.data)) return <Empty />;
  return <>{props.children(loaded.data)}</>;
}
