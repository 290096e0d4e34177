import request from 'supertest';
import { TestApp, TestCooperative, createTestApp, createTestCooperative } from '@buurtcoop/testing';

describe('Input validation and problem+json errors', () => {
  let sut: TestApp;
  let coop: TestCooperative;
  let auth: { authorization: string };
  let rolesUrl: string;

  beforeAll(async () => {
    sut = await createTestApp();
    coop = await createTestCooperative(sut, 'validation');
    auth = { authorization: `Bearer ${await coop.token('board')}` };
    rolesUrl = `/api/v1/cooperatives/${coop.cooperativeId}/role-assignments`;
  });
  afterAll(() => sut.close());

  const auditCount = async () => (await sut.database.dataSource.query(`SELECT count(*)::int AS n FROM audit_events`))[0].n as number;

  it('refuses an unknown body field with 400 problem+json naming it, and stores nothing', async () => {
    const before = await auditCount();
    const response = await request(sut.url).post(rolesUrl).set(auth).send({ email: coop.users.member.email, role: 'coordinator', isAdmin: true }).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: 'https://buurtcoop.nl/problems/validation-failed',
      status: 400,
      code: 'validation_failed',
      errors: [{ field: 'isAdmin', messages: ['property isAdmin should not exist'] }],
      instance: rolesUrl,
      requestId: expect.any(String),
    });
    expect(response.body.detail).toContain('isAdmin');
    const roles = (await request(sut.url).get(rolesUrl).set(auth)).body.filter((r: { userId: string }) => r.userId === coop.users.member.id);
    expect(roles.map((r: { role: string }) => r.role)).toEqual(['member']);
    expect(await auditCount()).toBe(before);
  });

  it('refuses a mistyped field, naming the field and what is wrong', async () => {
    const response = await request(sut.url).post(rolesUrl).set(auth).send({ email: 42, role: 'king' }).expect(400);
    const fields = response.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['email', 'role']);
    expect(response.body.errors.find((e: { field: string }) => e.field === 'role').messages).toEqual(['role must be one of board, treasurer, coordinator, member']);
  });

  it('refuses a missing body', async () => {
    const response = await request(sut.url).post(rolesUrl).set(auth).expect(400);
    expect(response.body.status).toBe(400);
  });

  it('answers malformed JSON with 400 problem+json, not 500', async () => {
    const response = await request(sut.url).post(rolesUrl).set(auth).set('content-type', 'application/json').send('{"email": ').expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.status).toBe(400);
  });

  it('answers an unsupported content type with 415', async () => {
    const response = await request(sut.url).post(rolesUrl).set(auth).set('content-type', 'application/xml').send('<role/>').expect(415);
    expect(response.body.status).toBe(415);
  });

  it('answers a path id that is not a UUID with 400 naming the problem', async () => {
    const response = await request(sut.url).get(`${rolesUrl}/not-a-uuid`).set(auth).expect(400);
    expect(response.body.detail).toMatch(/uuid/i);
  });

  it('validates query strings too', async () => {
    const url = `/api/v1/cooperatives/${coop.cooperativeId}/audit-events`;
    const response = await request(sut.url).get(`${url}?limit=100000&sort=asc`).set(auth).expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'sort']);
    await request(sut.url).get(`${url}?limit=2`).set(auth).expect(200);
  });

  it('sends a visitor of the root URL to the API documentation', async () => {
    const response = await request(sut.url).get('/').expect(302);
    expect(response.headers.location).toBe('/api/docs');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await request(sut.url).get('/api/v1/nothing-here').expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
