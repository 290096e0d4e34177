import request from 'supertest';
import { TestApp, TestCooperative, createTestApp, createTestCooperative } from '@buurtcoop/testing';

/** A realistic sign-up from the Rivierenwijk, varied by `n` so many can be made. */
function signUp(info: { types: Array<{ id: string; code: string }>; version: number }, n: number, overrides: Record<string, unknown> = {}) {
  return {
    firstName: ['Anna', 'Bram', 'Cor', 'Dewi', 'Eva', 'Fenna', 'Gijs'][n % 7],
    lastName: `van der Veen-${n}`,
    email: `bewoner${n}@rivierenwijk.example`,
    phone: '06 12345678',
    street: 'Rembrandtkade',
    houseNumber: String(10 + n),
    postcode: '7411 ab',
    city: 'Deventer',
    dateOfBirth: '1950-04-12',
    membershipTypeId: info.types.find((t) => t.code === 'resident')!.id,
    role: 'consumer',
    privacyConsent: true,
    privacyStatementVersion: info.version,
    ...overrides,
  };
}

describe('Membership applications', () => {
  let sut: TestApp;
  let coop: TestCooperative;
  let board: { authorization: string };
  let info: { types: Array<{ id: string; code: string; kind: string }>; version: number };
  let counter = 0;

  beforeAll(async () => {
    sut = await createTestApp();
    coop = await createTestCooperative(sut, 'aanmelding');
    board = { authorization: `Bearer ${await coop.token('board')}` };
    const response = await request(sut.url).get(`/api/v1/public/cooperatives/${coop.slug}`).expect(200);
    info = { types: response.body.membershipTypes, version: response.body.privacyStatement.version };
  });
  afterAll(() => sut.close());

  const base = () => `/api/v1/cooperatives/${coop.cooperativeId}`;
  const apply = (body: Record<string, unknown>) => request(sut.url).post(`/api/v1/public/cooperatives/${coop.slug}/applications`).send(body);
  const submitted = async (overrides: Record<string, unknown> = {}) => {
    const response = await apply(signUp(info, ++counter, overrides)).expect(201);
    return response.body.id as string;
  };
  const approve = (id: string) => request(sut.url).post(`${base()}/applications/${id}/approve`).set(board);

  it('shows anyone the sign-up form: name, the seeded membership types and the current privacy statement', async () => {
    const response = await request(sut.url).get(`/api/v1/public/cooperatives/${coop.slug}`).expect(200);
    expect(response.body.membershipTypes.map((t: { code: string }) => t.code).sort()).toEqual(['bedrijf', 'household', 'provider', 'resident', 'steunlid', 'stichting', 'woningcorporatie']);
    expect(response.body.privacyStatement).toMatchObject({ version: 1, text: expect.stringContaining('toestemming') });
    await request(sut.url).get('/api/v1/public/cooperatives/no-such-coop').expect(404);
  });

  it('takes a sign-up without login and answers only with a reference', async () => {
    const response = await apply(signUp(info, ++counter)).expect(201);
    expect(response.body).toEqual({ id: expect.any(String), status: 'pending' });
    const stored = await request(sut.url).get(`${base()}/applications/${response.body.id}`).set(board).expect(200);
    expect(stored.body).toMatchObject({ status: 'pending', postcode: '7411AB', phone: '0612345678', privacyStatementVersion: 1 });
  });

  it.each([
    ['no consent', { privacyConsent: false }, 400, 'privacyConsent'],
    ['a bad postcode', { postcode: '0411 AB' }, 400, 'postcode'],
    ['a bad e-mail address', { email: 'not-an-address' }, 400, 'email'],
    ['a bad phone number', { phone: '12345' }, 400, 'phone'],
    ['a date of birth that is no date', { dateOfBirth: '1950-02-30' }, 400, 'dateOfBirth'],
    ['an unknown field', { isBoard: true }, 400, 'isBoard'],
    ['an unknown membership type', { membershipTypeId: '00000000-0000-4000-8000-000000000000' }, 422, 'membershipTypeId'],
    ['a consent to an old privacy statement', { privacyStatementVersion: 99 }, 409, 'privacyStatementVersion'],
  ])('refuses a sign-up with %s, naming the field and storing nothing', async (_, overrides, status, field) => {
    const before = (await request(sut.url).get(`${base()}/applications`).set(board)).body.total;
    const response = await apply(signUp(info, ++counter, overrides)).expect(status);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await request(sut.url).get(`${base()}/applications`).set(board)).body.total).toBe(before);
  });

  it('asks an organisation for its name rather than a person’s', async () => {
    const organisation = info.types.find((t) => t.code === 'woningcorporatie')!;
    const response = await apply(signUp(info, ++counter, { membershipTypeId: organisation.id, firstName: undefined, lastName: undefined })).expect(422);
    expect(response.body.errors).toEqual([{ field: 'organisationName', messages: [expect.stringContaining('organisationName is required')] }]);
    await apply(signUp(info, ++counter, { membershipTypeId: organisation.id, organisationName: 'Woonstichting De Marke' })).expect(201);
  });

  it('lets only the board see and decide applications', async () => {
    const id = await submitted();
    for (const role of ['member', 'coordinator', 'treasurer'] as const) {
      const auth = { authorization: `Bearer ${await coop.token(role)}` };
      await request(sut.url).get(`${base()}/applications`).set(auth).expect(403);
      await request(sut.url).post(`${base()}/applications/${id}/approve`).set(auth).expect(403);
    }
  });

  it('approves: the applicant becomes a member with the next number, the member role, and an invitation to activate', async () => {
    const id = await submitted({ firstName: 'Truus', lastName: 'Bakker', email: 'truus.bakker@rivierenwijk.example' });
    const approval = await approve(id).expect(200);
    expect(approval.body).toMatchObject({ created: true, application: { status: 'approved', memberId: approval.body.member.id }, member: { status: 'active', firstName: 'Truus', email: 'truus.bakker@rivierenwijk.example' } });

    const outbox = (await request(sut.url).get(`${base()}/outbox`).set(board).expect(200)).body;
    const invitation = outbox.find((m: { to: string }) => m.to === 'truus.bakker@rivierenwijk.example');
    expect(invitation).toMatchObject({ kind: 'member.invitation', status: 'pending', subject: expect.stringContaining('Welkom') });
    expect(invitation.body).toContain(`lidnummer ${approval.body.member.memberNumber}`);

    // The invitation's link sets the password once; then the member logs in and sees themselves.
    const token = /activate\?token=([A-Za-z0-9_-]+)/.exec(invitation.body)![1];
    await request(sut.url).post('/api/v1/auth/login').send({ email: 'truus.bakker@rivierenwijk.example', password: 'whatever-password' }).expect(401);
    await request(sut.url).post('/api/v1/auth/activate').send({ token, password: 'short' }).expect(400);
    const leaked = await request(sut.url).post('/api/v1/auth/activate').send({ token, password: 'password123' }).expect(400);
    expect(leaked.body).toMatchObject({ code: 'weak_password', errors: [{ field: 'password', messages: [expect.stringContaining('leaked')] }] });
    await request(sut.url).post('/api/v1/auth/activate').send({ token, password: 'een-sterk-wachtwoord' }).expect(204);
    await request(sut.url).post('/api/v1/auth/activate').send({ token, password: 'een-ander-wachtwoord' }).expect(401);
    const login = await request(sut.url).post('/api/v1/auth/login').send({ email: 'truus.bakker@rivierenwijk.example', password: 'een-sterk-wachtwoord' }).expect(200);
    const me = await request(sut.url).get(`${base()}/members/me`).set('authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ memberNumber: approval.body.member.memberNumber, dateOfBirth: '1950-04-12', categories: [] });
  });

  it('gives twenty parallel approvals twenty distinct member numbers without gaps', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, () => submitted()));
    const before = await sut.database.dataSource.query(`SELECT coalesce(max(member_number), 0)::int AS n FROM members WHERE cooperative_id = $1`, [coop.cooperativeId]);
    const results = await Promise.all(ids.map((id) => approve(id)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const numbers = results.map((r) => r.body.member.memberNumber as number).sort((a, b) => a - b);
    const first = before[0].n + 1;
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => first + i));
  });

  it('creates one member when the same application is approved twice at the same moment', async () => {
    const id = await submitted();
    const results = await Promise.all([approve(id), approve(id), approve(id)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results.filter((r) => r.body.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.body.member.id)).size).toBe(1);
    const [count] = await sut.database.dataSource.query(`SELECT count(*)::int AS n FROM members WHERE cooperative_id = $1 AND email = $2`, [
      coop.cooperativeId,
      `bewoner${counter}@rivierenwijk.example`,
    ]);
    expect(count.n).toBe(1);
  });

  it('rejects with a reason that the applicant receives, and a rejected application cannot be approved', async () => {
    const id = await submitted({ email: 'buiten.gebied@rivierenwijk.example' });
    await request(sut.url).post(`${base()}/applications/${id}/reject`).set(board).send({}).expect(400);
    const rejected = await request(sut.url).post(`${base()}/applications/${id}/reject`).set(board).send({ reason: 'U woont buiten ons werkgebied.' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: 'U woont buiten ons werkgebied.' });
    const outbox = (await request(sut.url).get(`${base()}/outbox`).set(board)).body;
    expect(outbox.find((m: { to: string }) => m.to === 'buiten.gebied@rivierenwijk.example').body).toContain('buiten ons werkgebied');
    const again = await approve(id).expect(409);
    expect(again.body.code).toBe('application_already_decided');
  });

  it('refuses a second membership for an address that already is a member', async () => {
    const id = await submitted({ email: 'dubbel@rivierenwijk.example' });
    await approve(id).expect(200);
    const response = await apply(signUp(info, ++counter, { email: 'DUBBEL@rivierenwijk.example' })).expect(409);
    expect(response.body).toMatchObject({ code: 'email_in_use', errors: [{ field: 'email', messages: [expect.any(String)] }] });
  });

  it('makes a household membership with its persons at one address', async () => {
    const household = info.types.find((t) => t.code === 'household')!;
    const id = await submitted({
      membershipTypeId: household.id,
      role: 'both',
      householdPersons: [
        { firstName: 'Sem', lastName: 'Kok', dateOfBirth: '2014-09-01' },
        { firstName: 'Lotte', lastName: 'Kok' },
      ],
    });
    const approval = await approve(id).expect(200);
    const [persons] = await sut.database.dataSource.query(
      `SELECT count(*)::int AS n FROM household_persons p JOIN members m ON m.household_id = p.household_id AND m.cooperative_id = p.cooperative_id WHERE m.id = $1`,
      [approval.body.member.id],
    );
    expect(persons.n).toBe(2);
    const bad = await apply(signUp(info, ++counter, { membershipTypeId: household.id, householdPersons: [{ firstName: 'X' }] })).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('householdPersons[0].lastName');
  });

  it('lists applications by status, oldest first, page by page', async () => {
    const pending = await request(sut.url).get(`${base()}/applications?status=pending&pageSize=2`).set(board).expect(200);
    expect(pending.body.items).toHaveLength(2);
    expect(pending.body.items.every((a: { status: string }) => a.status === 'pending')).toBe(true);
    expect(pending.body.total).toBeGreaterThan(2);
    await request(sut.url).get(`${base()}/applications?status=maybe`).set(board).expect(400);
  });

  it('hides another cooperative’s applications', async () => {
    const other = await createTestCooperative(sut, 'andere');
    const id = await submitted();
    const otherBoard = { authorization: `Bearer ${await other.token('board')}` };
    await request(sut.url).get(`/api/v1/cooperatives/${other.cooperativeId}/applications/${id}`).set(otherBoard).expect(404);
    await request(sut.url).post(`/api/v1/cooperatives/${other.cooperativeId}/applications/${id}/approve`).set(otherBoard).expect(404);
  });
});

describe('Sign-up rate limit', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp({ env: { SIGNUP_RATE_PER_HOUR: '3' } });
  });
  afterAll(() => sut.close());

  it('counts sign-ups per client address, whatever e-mail a script puts in each', async () => {
    const coop = await createTestCooperative(sut, 'limiet');
    const form = await request(sut.url).get(`/api/v1/public/cooperatives/${coop.slug}`).expect(200);
    const info = { types: form.body.membershipTypes, version: form.body.privacyStatement.version };
    const statuses: number[] = [];
    for (let n = 1; n <= 5; n++) {
      statuses.push((await request(sut.url).post(`/api/v1/public/cooperatives/${coop.slug}/applications`).send(signUp(info, n, { email: `script${n}@spam.example` }))).status);
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const stored = await sut.database.dataSource.query(`SELECT count(*)::int AS n FROM membership_applications WHERE cooperative_id = $1`, [coop.cooperativeId]);
    expect(stored[0].n).toBe(3);
    // Logging in is limited separately: the sign-up limit does not lock out the board.
    await request(sut.url).post('/api/v1/auth/login').send({ email: coop.users.board.email, password: coop.users.board.password }).expect(200);
  });
});
