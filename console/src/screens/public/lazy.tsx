import { useEffect, useState } from 'preact/hooks';
import { Loading } from '../../ui/States';

type PublicScreens = typeof import('./index');

/**
 * The public page at `path`, its code fetched on first use: a staff member's first screen does
 * not carry the public pages, nor a citizen's the staff screens' weight beyond the shell.
 */
export function PublicPage({ path }: { path: string }) {
  const [screens, setScreens] = useState<PublicScreens>();
  useEffect(() => {
    void import('./index').then((loaded) => setScreens(() => loaded));
  }, []);
  if (!screens) return <Loading />;
  const Page = screens.publicScreenAt(path);
  return <Page />;
}
