import { useEffect, useState } from 'preact/hooks';

/** Where the console is served; every screen's path is below it. */
export const base = '/console';

const current = () => {
  const path = location.pathname.startsWith(base) ? location.pathname.slice(base.length) : '/';
  return path === '' ? '/' : path;
};

/** The screen path (below /console) the address bar shows, kept in step with back and forward. */
export function usePath(): string {
  const [path, setPath] = useState(current);
  useEffect(() => {
    const moved = () => setPath(current());
    addEventListener('popstate', moved);
    addEventListener('pishkhan:navigate', moved);
    return () => {
      removeEventListener('popstate', moved);
      removeEventListener('pishkhan:navigate', moved);
    };
  }, []);
  return path;
}

export function navigate(path: string): void {
  if (current() === path) return;
  history.pushState(null, '', `${base}${path}`);
  dispatchEvent(new Event('pishkhan:navigate'));
}

/** A link inside the console: moves without reloading the page. */
export function linkProps(path: string) {
  return {
    href: `${base}${path}`,
    onClick: (e: MouseEvent) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      navigate(path);
    },
  };
}
