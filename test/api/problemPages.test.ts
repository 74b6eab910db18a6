import request from 'supertest';
import { problemKinds } from '../../contracts/problems';
import { startTestApp, type TestApp } from '../support/app';

describe("a problem's type URI resolves to a page that explains it", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('the type of a real problem answer is a page in Persian and English', async () => {
    const answered = await request(t.app).get('/v1/me').expect(401);
    expect(answered.body.type).toBe('/problems/unauthorized');
    const page = await request(t.app)
      .get(answered.body.type as string)
      .expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Authentication required');
    expect(page.text).toContain('احراز هویت لازم است');
  });

  it('every code has its page; the index links them all', async () => {
    const index = await request(t.app).get('/problems').expect(200);
    for (const [code, kind] of Object.entries(problemKinds)) {
      expect(index.text).toContain(`href="/problems/${code}"`);
      const page = await request(t.app).get(`/problems/${code}`).expect(200);
      expect(page.text).toContain(kind.titleFa);
    }
  });

  it('an unknown code is a 404 problem, and nothing inherited from Object counts as a code', async () => {
    for (const code of ['no-such-problem', 'constructor', '__proto__']) {
      const res = await request(t.app).get(`/problems/${code}`).expect(404);
      expect(res.body.code).toBe('not-found');
    }
  });
});
