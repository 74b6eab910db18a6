import type { ComponentChildren } from 'preact';
import { Empty, ErrorView, Loading } from './States';
import type { Loaded } from './useLoad';

/**
 * What was loaded, once it is: loading, the failure with a retry, empty, or `children` with the
 * data; `notFound` is said instead of the failure when the API answers 404 (nothing to show).
 */
export function LoadedView<T>(props: {
  loaded: Loaded<T>;
  retry: () => void;
  isEmpty?: (data: T) => boolean;
  notFound?: string;
  children: (data: T) => ComponentChildren;
}) {
  const { loaded } = props;
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed' && loaded.failure.status === 404 && props.notFound)
    return <Empty>{props.notFound}</Empty>;
  if (loaded.state === 'failed')
    return <ErrorView failure={loaded.failure} onRetry={props.retry} />;
  if (props.isEmpty?.(loaded.data)) return <Empty />;
  return <>{props.children(loaded.data)}</>;
}
