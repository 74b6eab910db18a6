import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../test/support/app';

describe('the console served at /console', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pishkhan-console-'));
  let t: TestApp;
  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dir, 'assets', 'index-Cf-Lyw8X.js'), 'export {};');
    t = await startTestApp({ deps: { consoleDir: dir } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers index.html for the console and every screen path below it, never cached stale, under a self-only CSP', async () => {
    for (const path of ['/console', '/console/', '/console/office/statement']) {
      const res = await request(t.app).get(path);
      expect([path, res.status, res.type]).toEqual([path, 200, 'text/html']);
      expect(res.text).toContain('<title>console</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/script-src 'self';/);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    }
  });

  it('follows a new build without a restart', async () => {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>rebuilt</title>');
    utimesSync(join(dir, 'index.html'), new Date(), new Date(Date.now() + 60_000));
    expect((await request(t.app).get('/console/')).text).toContain('<title>rebuilt</title>');
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
    utimesSync(join(dir, 'index.html'), new Date(), new Date(Date.now() + 120_000));
  });

  it('caches hashed assets for a year; an unknown asset is 404 problem+json, not the page', async () => {
    const js = await request(t.app).get('/console/assets/index-Cf-Lyw8X.js');
    expect(js.status).toBe(200);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await request(t.app).get('/console/assets/gone-12345678.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('says the console is not built when it is not', async () => {
    const bare = await startTestApp({ deps: { consoleDir: join(dir, 'absent') } });
    try {
      const res = await request(bare.app).get('/console/');
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'not-found' });
      expect((res.body as { detail: string }).detail).toMatch(/npm run build/);
    } finally {
      await bare.close();
    }
  });

  it('keeps the API policy on API answers', async () => {
    const res = await request(t.app).get('/healthz');
    expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'/);
  });
});
