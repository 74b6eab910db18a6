import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import express, { Router } from 'express';
import { NotFoundError } from '../shared/errors';

/** The package root: the nearest folder up from here with a package.json (src/ or dist/src/). */
function packageRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Where `npm run console:build` writes the console (Vite's output). */
export const defaultConsoleDir = () => join(packageRoot(__dirname), 'dist', 'console');

/** Vite names every built asset by its content hash: a year's cache, never revalidated. */
const hashedAsset = /\/assets\/[^/]+-[\w-]{8}\.\w+$/;

/**
 * The console (پیشخوان وب) at /console: its built files, long-cached when their names carry a
 * hash, and index.html for every other path below it, so a screen's address opens it (the app
 * routes in the browser). Its Content-Security-Policy (self only) is set at the edge.
 */
export function consoleRouter(dir: string): Router {
  const router = Router();
  const indexPath = join(dir, 'index.html');
  // Read again when a new build replaced it, so a running server follows `npm run console:build`.
  let index: { page: Buffer; mtimeMs: number } | undefined;
  const page = () => {
    const built = statSync(indexPath, { throwIfNoEntry: false });
    if (!built) throw new NotFoundError('The console is not built: run `npm run build`');
    if (index?.mtimeMs !== built.mtimeMs)
      index = { page: readFileSync(indexPath), mtimeMs: built.mtimeMs };
    return index.page;
  };
  router.use(
    '/console',
    express.static(dir, {
      index: false,
      redirect: false,
      fallthrough: true,
      setHeaders(res, path) {
        res.setHeader(
          'Cache-Control',
          hashedAsset.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    }),
  );
  router.get(['/console', '/console/{*screen}'], (req, res) => {
    if (/^\/console\/assets\//.test(req.path)) throw new NotFoundError('No such console file');
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(page());
  });
  return router;
}
