import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { sqliteEventStore } from '../../src/shared/eventStore';
import { startTestApp, type TestApp } from '../support/app';
import { registerTrafficService } from '../support/licensing';

const suggestion = (n: number) => ({
  kind: 'suggestion',
  subject: { kind: 'agency', agencyId: 'traffic' },
  description: `Suggestion number ${n}: open on Thursdays too.`,
});

/** Two API nodes on one SQLite log, each with its own read-model database, as two processes. */
describe('complaints are read from the projection on any node; a single case from its stream', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pishkhan-complaints-nodes-'));
  let a: TestApp;
  let b: TestApp;
  let regulatorA: string;
  let regulatorB: string;
  beforeAll(async () => {
    a = await startTestApp({
      store: sqliteEventStore(join(dir, 'events.sqlite')),
      now: '2026-02-07T06:30:00Z',
    });
    regulatorA = (await a.tokenFor('regulator')).authorization;
    await registerTrafficService(a, regulatorA);
    b = await startTestApp({
      store: sqliteEventStore(join(dir, 'events.sqlite')),
      now: '2026-02-07T06:30:00Z',
      deps: { secrets: a.deps.secrets },
    });
    regulatorB = (await b.tokenFor('regulator')).authorization;
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const page = async (t: TestApp, auth: string, query: string) =>
    (await request(t.app).get(`/v1/complaints${query}`).set('Authorization', auth).expect(200))
      .body as { items: Array<{ complaintId: string; status: string }>; nextCursor?: string };

  it('a case filed on node A is found on node B by its tracking code, its id, and a step', async () => {
    const filed = await request(a.app)
      .post('/v1/public/complaints')
      .send(suggestion(0))
      .expect(201);
    const code = filed.body.trackingCode as string;
    const onB = await request(b.app).get(`/v1/public/complaints/${code}`).expect(200);
    expect(onB.body).toMatchObject({ trackingCode: code, status: 'received' });

    const [mine] = (await page(b, regulatorB, '')).items;
    await request(b.app)
      .post(`/v1/complaints/${mine!.complaintId}/review`)
      .set('Authorization', regulatorB)
      .send({ reason: 'taken up on B' })
      .expect(200);
    const onA = await request(a.app)
      .get(`/v1/complaints/${mine!.complaintId}`)
      .set('Authorization', regulatorA)
      .expect(200);
    expect(onA.body.status).toBe('under_review');
    expect(onA.body.history.map((h: { type: string }) => h.type)).toEqual([
      'ComplaintFiled',
      'ComplaintReviewStarted',
    ]);
  });

  it('the list pages in filing order with a cursor that a filing between pages does not disturb', async () => {
    a.clock.set('2026-02-07T07:00:00Z');
    for (let n = 1; n <= 4; n++)
      await request(a.app).post('/v1/public/complaints').send(suggestion(n)).expect(201);
    const first = await page(a, regulatorA, '?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeDefined();
    a.clock.set('2026-02-07T07:20:00Z');
    await request(a.app).post('/v1/public/complaints').send(suggestion(5)).expect(201);
    const second = await page(a, regulatorA, `?limit=2&cursor=${first.nextCursor!}`);
    const third = await page(a, regulatorA, `?limit=2&cursor=${second.nextCursor!}`);
    expect(third.nextCursor).toBeUndefined();
    const paged = [...first.items, ...second.items, ...third.items].map((i) => i.complaintId);
    const whole = (await page(a, regulatorA, '?limit=200')).items.map((i) => i.complaintId);
    expect(paged).toEqual(whole);
    expect(new Set(paged).size).toBe(6);
    expect((await page(a, regulatorA, '?status=under_review')).items).toHaveLength(1);

    const bad = await request(a.app)
      .get('/v1/complaints?cursor=bm90LWEtcG9zaXRpb24')
      .set('Authorization', regulatorA)
      .expect(400);
    expect(bad.body.errors).toEqual([
      { path: 'cursor', message: 'not a cursor this API returned' },
    ]);
  });
});
