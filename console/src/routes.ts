import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { TextKey } from './i18n';
import type { Role } from './session';

/** One screen of the console: its path below /console, who may open it, its menu title. */
export interface Screen {
  path: string;
  roles: readonly Role[];
  title: TextKey;
  component: FunctionComponent;
}

let table: readonly Screen[] | undefined;
let loading: Promise<readonly Screen[]> | undefined;

/** Fetches the screens' code (one file for every role's screens) once; the sign-in screen does not carry it. */
function loadScreens(): Promise<readonly Screen[]> {
  loading ??= import('./screenTable').then(
    (m) => (table = m.screens),
    (e: unknown) => {
      loading = undefined;
      throw e;
    },
  );
  return loading;
}

/**
 * Whether the screens' code has arrived, fetching it once `wanted` (signed in): `failed` if
 * fetching it failed, and `retry` asks again.
 */
export function useScreens(wanted: boolean): {
  state: 'ready' | 'loading' | 'failed';
  retry: () => void;
} {
  const [state, setState] = useState<'ready' | 'loading' | 'failed'>(table ? 'ready' : 'loading');
  useEffect(() => {
    if (!wanted || state !== 'loading') return;
    loadScreens().then(
      () => setState('ready'),
      () => setState('failed'),
    );
  }, [wanted, state]);
  return { state, retry: () => setState('loading') };
}

/** A role's screens, in menu order; none until {@link useScreens} says they are ready. */
export const screensOf = (role: Role) => (table ?? []).filter((s) => s.roles.includes(role));

export function screenAt(path: string, role: Role): Screen | undefined {
  return screensOf(role).find((s) => s.path === path);
}
