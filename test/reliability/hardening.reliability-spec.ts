import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApplicationConfig, DiscoveryModule, Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import request, { Response } from 'supertest';
import { DomainError, OWN_TRANSACTION_KEY, PUBLIC_KEY, UsersService } from '@buurtcoop/core';
import { TEST_PASSWORD, TestApp, TestCooperative, bearer, createTestApp, createTestCooperative } from '@buurtcoop/testing';
import { TransactionInterceptor } from '../../libs/core/src/http/transaction.interceptor';
import { recordCases } from './summary';
import { MUTATING_REQUEST_METHODS, OpenApiDocument, mutatingOperationsOf, openApiDocument, operationsOf, propertyPaths, routeHandlers } from './support/openapi';

const ROOT = join(__dirname, '..', '..');
const ALLOWED_ORIGIN = 'https://app.rivierenwijk.example';
const OTHER_ORIGIN = 'https://evil.example';

/** Asserts nothing by itself: collects wrong outcomes so one run reports every case, then the test asserts the list is empty. */
class Cases {
  tried = 0;
  readonly failures: string[] = [];

  check(what: string, ok: boolean, detail = ''): void {
    this.tried++;
    if (!ok) this.failures.push(detail ? `${what}: ${detail}` : what);
  }
}

const PROBLEM_JSON = /^application\/problem\+json/;

/** The membership application form, filled in as a resident would (public, no account). */
async function signUpBody(sut: TestApp, slug: string, n: number): Promise<Record<string, unknown>> {
  const info = (await request(sut.url).get(`/api/v1/public/cooperatives/${slug}`).expect(200)).body;
  return {
    firstName: 'Anna',
    lastName: `de Vries-${n}`,
    email: `aanvrager-${n}-${Math.random().toString(36).slice(2, 8)}@rivierenwijk.example`,
    street: 'Rembrandtkade',
    houseNumber: String(10 + n),
    postcode: '7411 AB',
    city: 'Deventer',
    dateOfBirth: '1950-04-12',
    membershipTypeId: info.membershipTypes.find((t: { code: string }) => t.code === 'resident').id,
    role: 'consumer',
    privacyConsent: true,
    privacyStatementVersion: info.privacyStatement.version,
  };
}

/** An approved applicant's one-time activation token, from the invitation in the outbox. */
async function activationToken(sut: TestApp, coop: TestCooperative, n: number): Promise<{ token: string; email: string }> {
  const body = await signUpBody(sut, coop.slug, n);
  const submitted = await request(sut.url).post(`/api/v1/public/cooperatives/${coop.slug}/applications`).send(body).expect(201);
  const board = bearer(await coop.token('board'));
  await request(sut.url).post(`/api/v1/cooperatives/${coop.cooperativeId}/applications/${submitted.body.id}/approve`).set(board).expect(200);
  const outbox = (await request(sut.url).get(`/api/v1/cooperatives/${coop.cooperativeId}/outbox?limit=200`).set(board).expect(200)).body;
  const invitation = outbox.find((m: { kind: string; to: string }) => m.kind === 'member.invitation' && m.to === String(body.email).toLowerCase());
  const token = /\/activate\?token=([A-Za-z0-9_-]+)/.exec(invitation?.body ?? '')?.[1];
  if (!token) throw new Error(`No activation link for ${String(body.email)} in the outbox`);
  return { token, email: String(body.email) };
}

describe('Hardening', () => {
  let sut: TestApp;
  let coop: TestCooperative;
  let document: OpenApiDocument;

  beforeAll(async () => {
    sut = await createTestApp({
      extraModules: [DiscoveryModule],
      // Behind https (so HSTS is due), with one web origin allowed to call the API.
      env: { PUBLIC_URL: 'https://rivierenwijk.example', CORS_ORIGINS: ALLOWED_ORIGIN },
    });
    coop = await createTestCooperative(sut, 'hardening');
    document = await openApiDocument(sut);
  });
  afterAll(() => sut?.close());

  const http = () => request(sut.url);
  const auditActionsOf = async (response: Response): Promise<string[]> =>
    (await sut.database.dataSource.query(`SELECT action FROM audit_events WHERE request_id = $1`, [response.headers['x-request-id']])).map((r: { action: string }) => r.action);

  it('sends the security headers on API responses, on the documentation and on the root', async () => {
    const docsPage = await http().get('/api/docs/').redirects(1);
    const asset = /(?:href|src)="\.?\/?([^"]+\.(?:css|js))"/.exec(docsPage.text)?.[1];
    const board = bearer(await coop.token('board'));
    const responses: Array<[string, Response]> = [
      ['GET /', await http().get('/')],
      ['GET /api/docs', await http().get('/api/docs')],
      ['GET /api/docs-json', await http().get('/api/docs-json')],
      ['GET /health/live', await http().get('/health/live')],
      ['GET cooperative (200)', await http().get(`/api/v1/cooperatives/${coop.cooperativeId}`).set(board)],
      ['GET /api/v1/auth/me without token (401)', await http().get('/api/v1/auth/me')],
      ['POST /api/v1/auth/login with a bad body (400)', await http().post('/api/v1/auth/login').send({ email: 'not-an-address' })],
      ['GET unknown route (404)', await http().get('/api/v1/no-such-route')],
    ];
    if (asset) responses.push([`GET docs asset ${asset}`, await http().get(`/api/docs/${asset.replace(/^api\/docs\//, '')}`)]);
    const cases = new Cases();
    cases.check('the documentation page names a stylesheet or script', asset !== undefined);
    for (const [what, response] of responses) {
      const h = response.headers;
      const csp = String(h['content-security-policy'] ?? '');
      cases.check(`${what}: CSP default-src 'self'`, csp.includes("default-src 'self'"), csp);
      cases.check(`${what}: CSP frame-ancestors`, /frame-ancestors '(self|none)'/.test(csp), csp);
      cases.check(`${what}: CSP object-src 'none'`, csp.includes("object-src 'none'"), csp);
      cases.check(`${what}: HSTS behind https`, /^max-age=\d{7,}/.test(String(h['strict-transport-security'] ?? '')), String(h['strict-transport-security']));
      cases.check(`${what}: X-Content-Type-Options`, h['x-content-type-options'] === 'nosniff', String(h['x-content-type-options']));
      cases.check(`${what}: X-Frame-Options`, ['SAMEORIGIN', 'DENY'].includes(String(h['x-frame-options'])), String(h['x-frame-options']));
      cases.check(`${what}: Referrer-Policy`, /no-referrer|same-origin|strict-origin/.test(String(h['referrer-policy'] ?? '')), String(h['referrer-policy']));
      cases.check(`${what}: no X-Powered-By`, h['x-powered-by'] === undefined, String(h['x-powered-by']));
    }
    recordCases('hardening', 'security headers on API, docs and root responses', { tried: cases.tried, failed: cases.failures.length });
    expect(cases.failures).toEqual([]);
  });

  it('answers CORS for the configured origin only, on requests and preflights', async () => {
    const cases = new Cases();
    const allowed = await http().get('/api/v1/auth/me').set('origin', ALLOWED_ORIGIN);
    cases.check('allowed origin: Access-Control-Allow-Origin', allowed.headers['access-control-allow-origin'] === ALLOWED_ORIGIN, String(allowed.headers['access-control-allow-origin']));
    cases.check('allowed origin: credentials', allowed.headers['access-control-allow-credentials'] === 'true');
    cases.check('allowed origin: request id exposed', String(allowed.headers['access-control-expose-headers']).includes('x-request-id'));
    cases.check('allowed origin: Vary Origin, so no cache serves it to another origin', /origin/i.test(String(allowed.headers.vary)), String(allowed.headers.vary));
    const other = await http().get('/api/v1/auth/me').set('origin', OTHER_ORIGIN);
    // Without Access-Control-Allow-Origin the browser hands the answer to no script (the credentials header alone grants nothing).
    cases.check('other origin: no Access-Control-Allow-Origin', other.headers['access-control-allow-origin'] === undefined, String(other.headers['access-control-allow-origin']));

    const preflight = (origin: string) =>
      http().options('/api/v1/auth/login').set('origin', origin).set('access-control-request-method', 'POST').set('access-control-request-headers', 'authorization,content-type');
    const allowedPreflight = await preflight(ALLOWED_ORIGIN);
    cases.check('allowed preflight: 2xx', allowedPreflight.status >= 200 && allowedPreflight.status < 300, String(allowedPreflight.status));
    cases.check('allowed preflight: origin', allowedPreflight.headers['access-control-allow-origin'] === ALLOWED_ORIGIN);
    cases.check('allowed preflight: POST', String(allowedPreflight.headers['access-control-allow-methods']).includes('POST'), String(allowedPreflight.headers['access-control-allow-methods']));
    cases.check('allowed preflight: authorization header', /authorization/i.test(String(allowedPreflight.headers['access-control-allow-headers'])));
    const otherPreflight = await preflight(OTHER_ORIGIN);
    cases.check('other preflight: no Access-Control-Allow-Origin', otherPreflight.headers['access-control-allow-origin'] === undefined, String(otherPreflight.headers['access-control-allow-origin']));
    recordCases('hardening', 'CORS: configured origin allowed, others not (requests, preflights)', { tried: cases.tried, failed: cases.failures.length });
    expect(cases.failures).toEqual([]);
  });

  describe('rate limits', () => {
    const LIMITS = { login: 4, signup: 3, donation: 3 };
    let limited: TestApp;
    let limitedCoop: TestCooperative;

    beforeAll(async () => {
      limited = await createTestApp({
        env: { LOGIN_RATE_PER_MINUTE: String(LIMITS.login), SIGNUP_RATE_PER_HOUR: String(LIMITS.signup), DONATION_RATE_PER_HOUR: String(LIMITS.donation), LOGIN_MAX_FAILURES: '100' },
      });
      limitedCoop = await createTestCooperative(limited, 'limits');
    });
    afterAll(() => limited?.close());

    it('answers 429 problem+json with Retry-After once login, sign-up or donation passes its limit, per client address', async () => {
      const cases = new Cases();
      const bodies = { signup: await signUpBody(limited, limitedCoop.slug, 0) };
      const forms = [
        { name: 'login', limit: LIMITS.login, windowSeconds: 60, send: (ip: string, i: number) => request(limited.url).post('/api/v1/auth/login').set('x-forwarded-for', ip).send({ email: 'target@limits.example', password: `guess-${i}` }) },
        {
          name: 'sign-up',
          limit: LIMITS.signup,
          windowSeconds: 3600,
          // A fresh e-mail address each time: varying it must not get round the limit.
          send: (ip: string, i: number) => request(limited.url).post(`/api/v1/public/cooperatives/${limitedCoop.slug}/applications`).set('x-forwarded-for', ip).send({ ...bodies.signup, email: `aanvrager-${ip}-${i}@limits.example` }),
        },
        {
          name: 'donation',
          limit: LIMITS.donation,
          windowSeconds: 3600,
          send: (ip: string) => request(limited.url).post(`/api/v1/cooperatives/${limitedCoop.cooperativeId}/donations/checkout`).set('x-forwarded-for', ip).send({ amountCents: 2500, donorName: 'Gever', email: 'gever@limits.example' }),
        },
      ];
      // The requests come from loopback, the proxy TRUST_PROXY trusts by default, so X-Forwarded-For stands for
      // distinct clients here (test/auth.e2e-spec.ts shows it is ignored from a peer that is not trusted).
      for (const [index, form] of forms.entries()) {
        const ip = `198.51.100.${index + 1}`;
        for (let i = 0; i < form.limit + 2; i++) {
          const response = await form.send(ip, i);
          if (i < form.limit) {
            // Without a Stripe key the donation form answers 503 (not configured); the limit counts it all the same.
            cases.check(`${form.name} #${i + 1} within the limit`, response.status !== 429, String(response.status));
            continue;
          }
          const retryAfter = Number(response.headers['retry-after']);
          cases.check(`${form.name} #${i + 1}: 429`, response.status === 429, String(response.status));
          cases.check(`${form.name} #${i + 1}: problem+json`, PROBLEM_JSON.test(String(response.headers['content-type'])) && response.body.code === 'too_many_requests');
          cases.check(`${form.name} #${i + 1}: Retry-After within the window`, Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= form.windowSeconds, String(response.headers['retry-after']));
          cases.check(`${form.name} #${i + 1}: retryAfterSeconds in the problem`, response.body.retryAfterSeconds === retryAfter, JSON.stringify(response.body));
        }
        const neighbour = await form.send(`198.51.100.${index + 101}`, 99);
        cases.check(`${form.name}: another address is not limited`, neighbour.status !== 429, String(neighbour.status));
      }
      recordCases('hardening', 'rate limits: login, sign-up, donation → 429 with Retry-After', { tried: cases.tried, failed: cases.failures.length });
      expect(cases.failures).toEqual([]);
    });
  });

  describe('password policy', () => {
    /** Request fields that set a new password: each must apply the policy. */
    const SETS_PASSWORD: Record<string, string[]> = {
      'post /api/v1/auth/activate': ['password'],
      'post /api/v1/auth/password': ['newPassword'],
    };
    /** Request fields that only present a password for checking against the one set. */
    const CHECKS_PASSWORD: Record<string, string[]> = {
      'post /api/v1/auth/login': ['password'],
      'post /api/v1/auth/password': ['currentPassword'],
    };
    const LEAKED = ['password123', 'Qwertyuiop', '1q2w3e4r5t', 'iloveyou12', 'basketball'];

    it('knows every request field that takes a password (the public sign-up takes none: accounts are activated by link)', () => {
      const cases = new Cases();
      for (const operation of operationsOf(document)) {
        for (const field of propertyPaths(document, operation.requestSchema).filter((p) => /passw|wachtw/i.test(p))) {
          const known = SETS_PASSWORD[operation.key]?.includes(field) || CHECKS_PASSWORD[operation.key]?.includes(field);
          cases.check(`${operation.key} field ${field} is a known password field`, !!known);
        }
      }
      recordCases('hardening', 'password policy: request fields taking a password enumerated', { tried: cases.tried, failed: cases.failures.length });
      expect(cases.tried).toBe(4);
      expect(cases.failures).toEqual([]);
    });

    it('refuses a short, a leaked or an e-mail-based password with 400 naming the field, wherever one is set', async () => {
      const cases = new Cases();
      const expectRefused = (what: string, response: Response, field: string, message: RegExp) => {
        cases.check(`${what}: 400`, response.status === 400, `${response.status} ${JSON.stringify(response.body)}`);
        cases.check(`${what}: names ${field}`, response.body.errors?.[0]?.field === field && message.test(String(response.body.errors?.[0]?.messages)), JSON.stringify(response.body.errors));
      };

      const { token, email } = await activationToken(sut, coop, 1);
      const activate = (password: string) => http().post('/api/v1/auth/activate').send({ token, password });
      expectRefused('activation, short', await activate('kort-1'), 'password', /at least 10/);
      for (const leaked of LEAKED) expectRefused(`activation, leaked '${leaked}'`, await activate(leaked), 'password', /leaked/);
      expectRefused('activation, e-mail name', await activate(`${email.split('@')[0]}-2026!`), 'password', /e-mail/);
      // The refusals left the one-time token unused.
      cases.check('activation with a good password after the refusals', (await activate('Zomeravond-aan-de-IJssel')).status === 204);

      const member = bearer(await coop.token('member'));
      const change = (newPassword: string) => http().post('/api/v1/auth/password').set(member).send({ currentPassword: TEST_PASSWORD, newPassword });
      expectRefused('password change, short', await change('kort-1'), 'newPassword', /at least 10/);
      for (const leaked of LEAKED) expectRefused(`password change, leaked '${leaked}'`, await change(leaked), 'newPassword', /leaked/);
      cases.check('password change to a good password', (await change('Winteravond-aan-de-Berkel')).status === 204);

      // Accounts made by the CLI (create-user) go through the same policy.
      const users = sut.app.get(UsersService);
      for (const password of ['kort-1', ...LEAKED]) {
        const error = await users.createUser({ email: `cli-${password.length}@hardening.example`, displayName: 'CLI', password }).catch((e: unknown) => e);
        cases.check(`account creation with '${password}'`, error instanceof DomainError && error.code === 'weak_password' && error.status === 400 && error.field === 'password', String(error));
      }
      recordCases('hardening', 'password policy: short / leaked / e-mail passwords refused where set', { tried: cases.tried, failed: cases.failures.length });
      expect(cases.failures).toEqual([]);
    });
  });

  describe('tokens', () => {
    it('refuses an expired or unsigned access token, rotates refresh tokens, revokes the family on reuse and the session on logout', async () => {
      const cases = new Cases();
      const loginAs = async (role: 'board' | 'treasurer' | 'coordinator') =>
        (await http().post('/api/v1/auth/login').send({ email: coop.users[role].email, password: coop.users[role].password }).expect(200)).body as { accessToken: string; refreshToken: string };
      const refresh = (refreshToken: string) => http().post('/api/v1/auth/refresh').send({ refreshToken });
      const me = (accessToken: string) => http().get('/api/v1/auth/me').set(bearer(accessToken));

      // Tokens expire on real time (JWT exp, the row's expires_at): an access token signed with the
      // configured secret but issued two lifetimes ago stands for one that has run out, without waiting.
      const ttl = sut.config.accessTokenTtlSeconds;
      const signed = (issuedSecondsAgo: number) =>
        sut.app.get(JwtService).signAsync(
          { sub: coop.users.treasurer.id, roles: { [coop.cooperativeId]: ['treasurer'] }, reviews: [], iat: Math.floor(Date.now() / 1000) - issuedSecondsAgo },
          { secret: sut.config.jwtSecret, issuer: 'buurtcoop', algorithm: 'HS256', expiresIn: ttl },
        );
      cases.check('access token within its lifetime → 200 (control)', (await me(await signed(ttl - 60))).status === 200);
      const expired = await me(await signed(ttl + 5));
      cases.check('expired access token → 401', expired.status === 401 && expired.body.code === 'token_invalid', `${expired.status} ${JSON.stringify(expired.body)}`);
      const outlived = await loginAs('treasurer');
      await sut.database.dataSource.query(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [createHash('sha256').update(outlived.refreshToken).digest()]);
      cases.check('refresh token past its lifetime → 401', (await refresh(outlived.refreshToken)).status === 401);
      const [header, payload] = (await loginAs('treasurer')).accessToken.split('.');
      const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
      cases.check('unsigned (alg none) access token → 401', (await me(unsigned)).status === 401);
      cases.check('access token with its signature cut off → 401', (await me(`${header}.${payload}.`)).status === 401);

      const first = await loginAs('board');
      const second = await refresh(first.refreshToken);
      cases.check('refresh → 200 with a new token', second.status === 200 && second.body.refreshToken !== first.refreshToken, String(second.status));
      cases.check('new access token works', (await me(second.body.accessToken)).status === 200);
      const replay = await refresh(first.refreshToken);
      cases.check('rotated refresh token refused', replay.status === 401, String(replay.status));
      cases.check('the replay is audited as reuse', (await auditActionsOf(replay)).includes('auth.refresh.reused'));
      cases.check('reuse revoked the family: the newer token is refused too', (await refresh(second.body.refreshToken)).status === 401);

      const session = await loginAs('coordinator');
      cases.check('logout → 204', (await http().post('/api/v1/auth/logout').send({ refreshToken: session.refreshToken })).status === 204);
      cases.check('refresh after logout → 401', (await refresh(session.refreshToken)).status === 401);
      recordCases('hardening', 'tokens: expiry, signature, rotation, reuse detection, logout', { tried: cases.tried, failed: cases.failures.length });
      expect(cases.failures).toEqual([]);
    });
  });

  describe('audit trail of mutating routes', () => {
    /**
     * The transaction interceptor writes an audit row for every successful mutating request that is
     * neither @Public nor @OwnTransaction and recorded nothing more specific. The routes below open
     * their own transactions, so each must record its own action; `provenBy` says where that is proven.
     */
    const SELF_AUDITED: Record<string, { action: string; provenBy: string }> = {
      'post /api/v1/auth/login': { action: 'auth.login', provenBy: 'this suite' },
      'post /api/v1/auth/logout': { action: 'auth.logout', provenBy: 'this suite' },
      'post /api/v1/auth/activate': { action: 'user.activate', provenBy: 'this suite' },
      'post /api/v1/auth/password': { action: 'auth.password.changed', provenBy: 'this suite' },
      'post /api/v1/public/cooperatives/{slug}/applications': { action: 'application.submit', provenBy: 'this suite' },
      'post /api/v1/cooperatives/{cooperativeId}/dues-runs': { action: 'dues_run.complete', provenBy: 'this suite' },
      // The reviewer's four actions share AccountabilityService.asReviewer, which records the action in the same transaction.
      'post /api/v1/municipalities/{municipalityId}/accountability-reports/{reportId}/comments': { action: 'accountability.reviewer.comment', provenBy: 'test/accountability.e2e-spec.ts' },
      'post /api/v1/municipalities/{municipalityId}/accountability-reports/{reportId}/request-changes': { action: 'accountability.reviewer.request_changes', provenBy: 'test/accountability.e2e-spec.ts' },
      'post /api/v1/municipalities/{municipalityId}/accountability-reports/{reportId}/approve': { action: 'accountability.reviewer.approve', provenBy: 'test/accountability.e2e-spec.ts' },
      'post /api/v1/municipalities/{municipalityId}/accountability-reports/{reportId}/settlement': { action: 'accountability.reviewer.settle', provenBy: 'test/accountability.e2e-spec.ts' },
    };
    /** Mutating routes that write no audit row, and why that is right. */
    const EXEMPT: Record<string, string> = {
      'post /api/v1/auth/refresh':
        'continues a session whose login is audited (auth.login); a replayed token is audited as auth.refresh.reused (tokens test above); a row per refresh, every 15 minutes per session, would drown the trail',
      'post /api/v1/stripe/webhooks': 'the actor is Stripe: every event is kept in stripe_events with its id and arrival, and what it books carries the event id as idempotency key',
      'post /api/v1/cooperatives/{cooperativeId}/donations/checkout': 'writes nothing in the database: it asks Stripe for a Checkout Session; the gift is booked from the signed webhook',
      'post /api/v1/cooperatives/{cooperativeId}/me/invoices/{id}/checkout': 'writes nothing in the database: it asks Stripe for a Checkout Session; the payment is booked from the signed webhook',
    };

    it('classifies every mutating route: audited per request, auditing itself, or exempt with a reason', () => {
      const cases = new Cases();
      const reflector = sut.app.get(Reflector);
      const handlers = new Map(routeHandlers(sut).map((h) => [h.name, h]));
      const operations = mutatingOperationsOf(document);
      const config = sut.app.get(ApplicationConfig);
      cases.check(
        'the transaction interceptor runs on every route (global)',
        config.getGlobalInterceptors().some((i) => i instanceof TransactionInterceptor) || config.getGlobalRequestInterceptors().some((w) => w.metatype === TransactionInterceptor),
      );
      const byRequest: string[] = [];
      for (const operation of operations) {
        const route = handlers.get(operation.handler);
        if (!route) {
          cases.check(`${operation.key}: handler ${operation.handler} found`, false);
          continue;
        }
        const opensOwn = [PUBLIC_KEY, OWN_TRANSACTION_KEY].some((key) => reflector.getAllAndOverride<boolean>(key, [route.handler, route.controller]));
        if (!opensOwn) {
          byRequest.push(operation.key);
          cases.check(`${operation.key}: audited per request, so not listed as self-audited or exempt`, !(operation.key in SELF_AUDITED) && !(operation.key in EXEMPT));
        } else {
          cases.check(`${operation.key}: opens its own transaction, so it must audit itself or be exempt with a reason`, operation.key in SELF_AUDITED || (EXEMPT[operation.key] ?? '').length > 20);
        }
      }
      // A mutating handler left out of the documentation would escape the enumeration above.
      const documented = new Set(operations.map((o) => o.handler));
      for (const route of handlers.values()) {
        if (MUTATING_REQUEST_METHODS.includes(route.method)) cases.check(`${route.name} is documented`, documented.has(route.name));
      }
      const keys = new Set(operations.map((o) => o.key));
      for (const key of [...Object.keys(SELF_AUDITED), ...Object.keys(EXEMPT)]) cases.check(`listed route ${key} exists`, keys.has(key));
      for (const [key, { action, provenBy }] of Object.entries(SELF_AUDITED)) {
        if (provenBy === 'this suite') continue;
        const file = join(ROOT, provenBy);
        cases.check(`${key}: ${provenBy} exists and calls the route`, existsSync(file) && readFileSync(file, 'utf8').includes(key.split('/').at(-1)!));
        cases.check(`${key}: ${action} is recorded by the product`, readFileSync(join(ROOT, 'libs/reporting/src/accountability/accountability.service.ts'), 'utf8').includes(`'${action}'`));
      }
      recordCases('hardening', `audit: ${operations.length} mutating routes classified (${byRequest.length} per request)`, { tried: cases.tried, failed: cases.failures.length });
      expect(byRequest.length).toBeGreaterThan(100);
      expect(cases.failures).toEqual([]);
    });

    it('finds the audit row of each successful call, by its request id', async () => {
      const calls: Array<{ route: string; action: string; response: Response }> = [];
      const call = async (route: string, action: string, response: Promise<Response> | Response, status: number) => {
        const settled = await response;
        expect({ route, status: settled.status }).toEqual({ route, status });
        calls.push({ route, action, response: settled });
        return settled;
      };
      const base = `/api/v1/cooperatives/${coop.cooperativeId}`;
      const board = bearer(await coop.token('board'));
      const treasurer = bearer(await coop.token('treasurer'));

      // Audited per request (the service's own action, within the request's transaction).
      const granted = await call('post …/role-assignments', 'role.grant', http().post(`${base}/role-assignments`).set(board).send({ email: coop.users.member.email, role: 'coordinator' }), 201);
      await call('delete …/role-assignments/{id}', 'role.revoke', http().delete(`${base}/role-assignments/${granted.body.id}`).set(board), 204);
      await call('patch …/profile', 'profile.update', http().patch(`${base}/profile`).set(board).send({ city: 'Deventer' }), 200);
      const types = (await http().get(`${base}/membership-types`).set(board).expect(200)).body as Array<{ code: string; id: string }>;
      await call('put …/dues-plans', 'dues_plan.set', http().put(`${base}/dues-plans`).set(treasurer).send({ membershipTypeId: types.find((t) => t.code === 'steunlid')!.id, yearlyAmountCents: 2400, frequency: 'yearly' }), 200);

      // Opening their own transactions, recording their own action.
      await call('post …/dues-runs', 'dues_run.complete', http().post(`${base}/dues-runs`).set(treasurer).send({ period: '2027', issueDate: '2027-01-04' }), 201);
      await call('post /api/v1/public/…/applications', 'application.submit', http().post(`/api/v1/public/cooperatives/${coop.slug}/applications`).send(await signUpBody(sut, coop.slug, 2)), 201);
      const { token } = await activationToken(sut, coop, 3);
      await call('post /api/v1/auth/activate', 'user.activate', http().post('/api/v1/auth/activate').send({ token, password: 'Lentemorgen-bij-de-Worp' }), 204);
      const user = await sut.app.get(UsersService).createUser({ email: 'audit-trail@hardening.example', displayName: 'Audit', password: TEST_PASSWORD });
      const session = await call('post /api/v1/auth/login', 'auth.login', http().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }), 200);
      await call('post /api/v1/auth/password', 'auth.password.changed', http().post('/api/v1/auth/password').set(bearer(session.body.accessToken)).send({ currentPassword: TEST_PASSWORD, newPassword: 'Herfstwandeling-door-het-Rijsterbos' }), 204);
      const again = await http().post('/api/v1/auth/login').send({ email: user.email, password: 'Herfstwandeling-door-het-Rijsterbos' }).expect(200);
      await call('post /api/v1/auth/logout', 'auth.logout', http().post('/api/v1/auth/logout').send({ refreshToken: again.body.refreshToken }), 204);

      const missing: string[] = [];
      for (const { route, action, response } of calls) {
        const actions = await auditActionsOf(response);
        if (!actions.includes(action)) missing.push(`${route}: expected ${action}, found [${actions.join(', ')}]`);
      }
      // A refused request changes nothing, so it leaves no row either.
      const refused = await http().put(`${base}/dues-plans`).set(treasurer).send({ membershipTypeId: 'not-a-uuid', yearlyAmountCents: -1 });
      const refusedRows = await auditActionsOf(refused);
      recordCases('hardening', 'audit: rows found for successful mutating calls (by request id)', { tried: calls.length + 1, failed: missing.length + (refusedRows.length > 0 ? 1 : 0), lost: missing.length });
      expect(missing).toEqual([]);
      expect(refused.status).toBe(400);
      expect(refusedRows).toEqual([]);
    });
  });
});

/**
 * `npm audit` needs the registry's advisory endpoint; where that cannot be reached the check is
 * skipped, and the skip names the reason.
 */
function dependencyAudit(): { ran: true; highOrCritical: string[]; dependencies: number } | { ran: false; reason: string } {
  const run = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 90_000 });
  let report: { metadata?: { vulnerabilities?: Record<string, number>; dependencies?: { prod?: number } }; vulnerabilities?: Record<string, { severity: string }>; message?: string; error?: { summary?: string } };
  try {
    report = JSON.parse(run.stdout);
  } catch {
    return { ran: false, reason: run.error ? run.error.message : `npm audit printed no report (exit ${run.status})` };
  }
  if (!report.metadata?.vulnerabilities) return { ran: false, reason: `the advisory endpoint did not answer (${report.message ?? report.error?.summary ?? 'no report'})` };
  const highOrCritical = Object.entries(report.vulnerabilities ?? {})
    .filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
    .map(([name, v]) => `${name} (${v.severity})`);
  return { ran: true, highOrCritical, dependencies: report.metadata.dependencies?.prod ?? 0 };
}

describe('Dependency audit', () => {
  const audit = dependencyAudit();
  if (audit.ran) {
    it('finds no high or critical advisory in the production dependencies (npm audit --omit=dev)', () => {
      recordCases('hardening', 'dependency audit: production packages with high/critical advisories', { tried: audit.dependencies, failed: audit.highOrCritical.length });
      expect(audit.highOrCritical).toEqual([]);
    });
  } else {
    it.skip(`npm audit --omit=dev SKIPPED: ${audit.reason}`, () => undefined);
  }
});
