import { createHash } from 'node:crypto';
import request from 'supertest';
import { TestApp, TestCooperative, createTestApp, createTestCooperative, login } from '@buurtcoop/testing';

describe('Authentication', () => {
  let sut: TestApp;
  let coop: TestCooperative;

  beforeAll(async () => {
    sut = await createTestApp({ env: { LOGIN_MAX_FAILURES: '3', LOGIN_LOCKOUT_MINUTES: '15' } });
    coop = await createTestCooperative(sut, 'auth');
  });
  afterAll(() => sut.close());

  const http = () => request(sut.url);

  it('logs in with the right password and returns a bearer token and a refresh token', async () => {
    const response = await http().post('/api/v1/auth/login').send({ email: coop.users.board.email, password: coop.users.board.password }).expect(200);
    expect(response.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });
    const me = await http().get('/api/v1/auth/me').set('authorization', `Bearer ${response.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ email: coop.users.board.email, cooperatives: [{ cooperativeId: coop.cooperativeId, roles: ['board'] }] });
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('treats the e-mail address case-insensitively', async () => {
    await http().post('/api/v1/auth/login').send({ email: coop.users.member.email.toUpperCase(), password: coop.users.member.password }).expect(200);
  });

  it('answers a wrong password and an unknown address alike, with 401 problem+json', async () => {
    const wrong = await http().post('/api/v1/auth/login').send({ email: coop.users.treasurer.email, password: 'not-the-password' }).expect(401);
    const unknown = await http().post('/api/v1/auth/login').send({ email: 'nobody@auth.example', password: 'not-the-password' }).expect(401);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(wrong.body).toMatchObject({ status: 401, code: 'invalid_credentials' });
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it('locks the account with 429 after repeated failures, even for the right password', async () => {
    const { email, password } = coop.users.coordinator;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await http().post('/api/v1/auth/login').send({ email, password: `wrong-${i}` })).status);
    expect(statuses).toEqual([401, 401, 429, 429]);
    const locked = await http().post('/api/v1/auth/login').send({ email, password }).expect(429);
    expect(locked.body.code).toBe('account_locked');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
  });

  it('counts every one of many concurrent wrong passwords', async () => {
    const { email } = coop.users.municipality_reviewer;
    const attempts = await Promise.all(Array.from({ length: 6 }, (_, i) => http().post('/api/v1/auth/login').send({ email, password: `wrong-${i}` })));
    expect(attempts.map((r) => r.status).sort()).toEqual([401, 401, 429, 429, 429, 429]);
  });

  it('rotates the refresh token, and a reused one ends the whole session', async () => {
    const first = await http().post('/api/v1/auth/login').send({ email: coop.users.board.email, password: coop.users.board.password }).expect(200);
    const second = await http().post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(200);
    expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    // Someone replays the spent token: refused, and the successor stops working too.
    const replay = await http().post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(401);
    await http().post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken }).expect(401);
    const [audited] = await sut.database.dataSource.query(`SELECT action FROM audit_events WHERE request_id = $1`, [replay.headers['x-request-id']]);
    expect(audited).toEqual({ action: 'auth.refresh.reused' });
  });

  it('refuses an expired refresh token without taking it for a copied one', async () => {
    const session = await http().post('/api/v1/auth/login').send({ email: coop.users.board.email, password: coop.users.board.password }).expect(200);
    await sut.database.dataSource.query(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [createHash('sha256').update(session.body.refreshToken).digest()]);
    const expired = await http().post('/api/v1/auth/refresh').send({ refreshToken: session.body.refreshToken }).expect(401);
    const spent = await http().post('/api/v1/auth/refresh').send({ refreshToken: session.body.refreshToken }).expect(401);
    const actions = await sut.database.dataSource.query(`SELECT action FROM audit_events WHERE request_id = ANY($1)`, [[expired.headers['x-request-id'], spent.headers['x-request-id']]]);
    expect(actions).toEqual([]);
  });

  it('lets only one of two racing refreshes with the same token win', async () => {
    const pair = await http().post('/api/v1/auth/login').send({ email: coop.users.member.email, password: coop.users.member.password }).expect(200);
    const results = await Promise.all([1, 2].map(() => http().post('/api/v1/auth/refresh').send({ refreshToken: pair.body.refreshToken })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  });

  it('ends a session on logout', async () => {
    const pair = await http().post('/api/v1/auth/login').send({ email: coop.users.member.email, password: coop.users.member.password }).expect(200);
    await http().post('/api/v1/auth/logout').send({ refreshToken: pair.body.refreshToken }).expect(204);
    await http().post('/api/v1/auth/refresh').send({ refreshToken: pair.body.refreshToken }).expect(401);
  });

  it('changes the password, refuses a short or leaked one, and ends the other sessions', async () => {
    const { email, password } = coop.users.treasurer;
    const pair = await http().post('/api/v1/auth/login').send({ email, password }).expect(200);
    const auth = { authorization: `Bearer ${pair.body.accessToken}` };
    const weak = await http().post('/api/v1/auth/password').set(auth).send({ currentPassword: password, newPassword: 'short' }).expect(400);
    expect(weak.body.errors).toEqual([{ field: 'newPassword', messages: [expect.stringContaining('at least 10')] }]);
    const leaked = await http().post('/api/v1/auth/password').set(auth).send({ currentPassword: password, newPassword: 'Qwertyuiop' }).expect(400);
    expect(leaked.body.errors).toEqual([{ field: 'newPassword', messages: [expect.stringContaining('leaked')] }]);
    await http().post('/api/v1/auth/password').set(auth).send({ currentPassword: 'wrong-current', newPassword: 'a-much-better-passphrase' }).expect(401);
    await http().post('/api/v1/auth/password').set(auth).send({ currentPassword: password, newPassword: 'a-much-better-passphrase' }).expect(204);
    await http().post('/api/v1/auth/refresh').send({ refreshToken: pair.body.refreshToken }).expect(401);
    await http().post('/api/v1/auth/login').send({ email, password }).expect(401);
    await login(sut, email, 'a-much-better-passphrase');
  });

  it('refuses requests without a token, with a malformed token, or with a token signed by someone else', async () => {
    await http().get('/api/v1/auth/me').expect(401);
    await http().get('/api/v1/auth/me').set('authorization', 'Bearer not-a-jwt').expect(401);
    const forged =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAiLCJyb2xlcyI6e30sInJldmlld3MiOltdLCJpc3MiOiJidXVydGNvb3AifQ.3f0zJ0w3nQZ5qQ3c2d7fXz8E4u1o3bH1m8sQ6N9v0kA';
    await http().get('/api/v1/auth/me').set('authorization', `Bearer ${forged}`).expect(401);
  });

  it('writes login successes and failures to the audit log', async () => {
    const rows = await sut.database.dataSource.query(`SELECT action FROM audit_events WHERE action LIKE 'auth.login%'`);
    const actions = rows.map((r: { action: string }) => r.action);
    expect(actions).toContain('auth.login');
    expect(actions).toContain('auth.login.failed');
  });
});

describe('Login rate limit', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp({ env: { LOGIN_RATE_PER_MINUTE: '5', LOGIN_MAX_FAILURES: '100' } });
  });
  afterAll(() => sut.close());

  it('answers 429 once one client has tried the same address too often in a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await request(sut.url).post('/api/v1/auth/login').send({ email: 'target@auth.example', password: `guess-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const refused = await request(sut.url).post('/api/v1/auth/login').send({ email: 'target@auth.example', password: 'guess-8' }).expect(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 429, code: 'too_many_requests', retryAfterSeconds: Number(refused.headers['retry-after']) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
  });
});

describe('Client address', () => {
  let sut: TestApp;

  beforeAll(async () => {
    // The only trusted proxy is elsewhere: this client's own X-Forwarded-For must not count.
    sut = await createTestApp({ env: { LOGIN_RATE_PER_MINUTE: '3', LOGIN_MAX_FAILURES: '100', TRUST_PROXY: '192.0.2.1' } });
  });
  afterAll(() => sut.close());

  it('does not let a client get round the login limit, or into the audit trail under another address, by writing X-Forwarded-For', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await request(sut.url).post('/api/v1/auth/login').set('x-forwarded-for', `203.0.113.${i + 1}`).send({ email: 'spoofer@auth.example', password: `guess-${i}` });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const ips = await sut.database.dataSource.query(`SELECT DISTINCT ip FROM audit_events WHERE action = 'auth.login.failed'`);
    expect(ips).toEqual([{ ip: '127.0.0.1' }]);
  });
});
