import request from 'supertest';
import { Applicant, Enrolled, MEMBER_PASSWORD, TestApp, TestCooperative, bearer, createTestApp, createTestCooperative, enrolMember, login } from '@buurtcoop/testing';


const TRUUS: Applicant = {
  type: 'household',
  role: 'both',
  firstName: 'Geertruida',
  lastName: 'van der Veen',
  email: 'truus.vanderveen@deventer.example',
  phone: '06 4183 2290',
  street: 'Brinkgreverweg',
  houseNumber: '41',
  postcode: '7413 ad',
  city: 'Deventer',
  dateOfBirth: '1951-11-23',
  householdPersons: [
    { firstName: 'Sanne', lastName: 'van der Veen', dateOfBirth: '2011-04-02' },
    { firstName: 'Thijs', lastName: 'Hofstede', dateOfBirth: '2009-08-17' },
  ],
};

/** Every personal value of Truus, as the product stores it (postcode and phone normalised). */
const TRUUS_PERSONAL = ['Geertruida', 'van der Veen', 'truus.vanderveen@deventer.example', '0641832290', 'Brinkgreverweg', '7413AD', '1951-11-23', 'Sanne', 'Thijs', 'Hofstede', '2011-04-02', '2009-08-17'];

const HENDRIK: Applicant = {
  type: 'household',
  role: 'consumer',
  firstName: 'Hendrik',
  lastName: 'Wolters',
  email: 'hendrik.wolters@deventer.example',
  phone: '0570 623 481',
  street: 'Hoge Hondstraat',
  houseNumber: '88',
  postcode: '7411 GK',
  city: 'Deventer',
  dateOfBirth: '1962-02-08',
  householdPersons: [{ firstName: 'Ilse', lastName: 'Wolters-Kamphuis', dateOfBirth: '1964-06-19' }],
};

const FEMKE: Applicant = {
  type: 'resident',
  role: 'provider',
  firstName: 'Femke',
  lastName: 'ten Hove',
  email: 'femke.tenhove@deventer.example',
  street: 'Snipperlingsdijk',
  houseNumber: '4',
  postcode: '7417 BJ',
  city: 'Deventer',
};

describe('Privacy: data export and erasure', () => {
  let sut: TestApp;
  let coop: TestCooperative;
  let base: string;
  let board: { authorization: string };
  let truus: Enrolled;
  let rejectedApplicationId: string;
  let hendrik: Enrolled;
  let femke: Enrolled;

  beforeAll(async () => {
    sut = await createTestApp();
    coop = await createTestCooperative(sut, 'de-hoven');
    base = `/api/v1/cooperatives/${coop.cooperativeId}`;
    board = bearer(await coop.token('board'));
    // Truus applied once before, with the wrong membership type; the board turned that down by e-mail.
    const info = await request(sut.url).get(`/api/v1/public/cooperatives/${coop.slug}`).expect(200);
    const { type: _code, householdPersons: _persons, ...fields } = TRUUS;
    const first = await request(sut.url)
      .post(`/api/v1/public/cooperatives/${coop.slug}/applications`)
      .send({ ...fields, membershipTypeId: info.body.membershipTypes.find((t: { code: string }) => t.code === 'resident').id, privacyConsent: true, privacyStatementVersion: 1 })
      .expect(201);
    await request(sut.url)
      .post(`${base}/applications/${first.body.id}/reject`)
      .set(board)
      .send({ reason: 'Jullie wonen met z’n drieën: kies een lidmaatschap voor het huishouden.' })
      .expect(200);
    rejectedApplicationId = first.body.id;
    truus = await enrolMember(sut, coop, TRUUS);
    hendrik = await enrolMember(sut, coop, HENDRIK);
    femke = await enrolMember(sut, coop, FEMKE);
    // Truus leaves a trail in the records: categories, a status change, the board reading her record.
    await request(sut.url).put(`${base}/members/me/categories`).set(bearer(truus.accessToken)).send({ categories: ['age_65_plus', 'informal_carer'], consent: true }).expect(200);
    await request(sut.url).put(`${base}/members/me/categories`).set(bearer(hendrik.accessToken)).send({ categories: ['disability'], consent: true }).expect(200);
    await request(sut.url).patch(`${base}/members/me`).set(bearer(truus.accessToken)).send({ contactPreferences: { email: true, phone: true, post: true } }).expect(200);
    await request(sut.url).post(`${base}/members/${truus.id}/status`).set(board).send({ action: 'suspend', reason: 'Contributie 2026 niet betaald' }).expect(200);
    await request(sut.url).post(`${base}/members/${truus.id}/status`).set(board).send({ action: 'reinstate', reason: 'Contributie alsnog ontvangen' }).expect(200);
    await request(sut.url).get(`${base}/members/${truus.id}`).set(board).expect(200);
  });
  afterAll(() => sut.close());

  const auditEvents = async () =>
    (await request(sut.url).get(`${base}/audit-events?limit=200`).set(board).expect(200)).body as Array<{ action: string; objectId: string | null; actorUserId: string | null }>;

  it('lets a member download everything the cooperative keeps about them, and audits it', async () => {
    const me = await request(sut.url).get('/api/v1/auth/me').set(bearer(truus.accessToken)).expect(200);
    const response = await request(sut.url).get(`${base}/members/me/data`).set(bearer(truus.accessToken)).expect(200);
    const data = response.body;
    expect(data.member).toMatchObject({
      id: truus.id,
      memberNumber: truus.memberNumber,
      firstName: 'Geertruida',
      lastName: 'van der Veen',
      email: 'truus.vanderveen@deventer.example',
      phone: '0641832290',
      street: 'Brinkgreverweg',
      houseNumber: '41',
      postcode: '7413AD',
      city: 'Deventer',
      dateOfBirth: '1951-11-23',
      contactPreferences: { email: true, phone: true, post: true },
      categories: ['age_65_plus', 'informal_carer'],
    });
    expect(data.household.persons).toEqual(
      expect.arrayContaining([
        { firstName: 'Sanne', lastName: 'van der Veen', dateOfBirth: '2011-04-02' },
        { firstName: 'Thijs', lastName: 'Hofstede', dateOfBirth: '2009-08-17' },
      ]),
    );
    expect(data.categories.map((c: { category: string }) => c.category).sort()).toEqual(['age_65_plus', 'informal_carer']);
    expect(data.history.map((h: { kind: string; reason: string | null }) => [h.kind, h.reason])).toEqual([
      ['joined', null],
      ['suspended', 'Contributie 2026 niet betaald'],
      ['reinstated', 'Contributie alsnog ontvangen'],
    ]);
    expect(data.applications).toHaveLength(2);
    expect(data.applications).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: truus.applicationId, status: 'approved', firstName: 'Geertruida', lastName: 'van der Veen', postcode: '7413AD', memberId: truus.id, privacyStatementVersion: 1 }),
        expect.objectContaining({ id: rejectedApplicationId, status: 'rejected', firstName: 'Geertruida', memberId: null }),
      ]),
    );
    expect(data.roles).toEqual(['member']);
    const invitation = data.messages.find((m: { kind: string }) => m.kind === 'member.invitation');
    expect(invitation).toMatchObject({ subject: expect.stringContaining('Welkom bij'), body: expect.stringContaining(`lidnummer ${truus.memberNumber}`) });
    expect(invitation.body).toContain('Beste Geertruida');
    expect(data.messages.map((m: { kind: string }) => m.kind)).toEqual(['application.rejected', 'member.invitation']);
    // Nothing of another member.
    expect(response.text).not.toContain('Wolters');
    expect(response.text).not.toContain('disability');

    const exports = (await auditEvents()).filter((e) => e.action === 'member.data_export');
    expect(exports).toEqual([expect.objectContaining({ objectId: truus.id, actorUserId: me.body.id })]);
  });

  it('refuses the export to an account without a member record', async () => {
    const response = await request(sut.url).get(`${base}/members/me/data`).set(bearer(await coop.token('member'))).expect(404);
    expect(response.body.code).toBe('no_member_record');
  });

  describe('erasure', () => {
    let requestId: string;

    it('is asked by the member; asking twice answers the same pending request', async () => {
      const first = await request(sut.url).post(`${base}/members/me/erasure-request`).set(bearer(truus.accessToken)).send({ reason: 'Ik verhuis naar Zwolle.' }).expect(201);
      expect(first.body).toMatchObject({ memberId: truus.id, kind: 'erasure', status: 'pending', reason: 'Ik verhuis naar Zwolle.', handledAt: null });
      const second = await request(sut.url).post(`${base}/members/me/erasure-request`).set(bearer(truus.accessToken)).send({}).expect(201);
      expect(second.body).toMatchObject({ id: first.body.id, status: 'pending' });
      requestId = first.body.id;
      const rows = await sut.database.dataSource.query(`SELECT count(*)::int AS n FROM privacy_requests WHERE member_id = $1`, [truus.id]);
      expect(rows[0].n).toBe(1);
    });

    it('is listed and handled by the board only', async () => {
      for (const auth of [bearer(truus.accessToken), bearer(await coop.token('member')), bearer(await coop.token('treasurer')), bearer(await coop.token('coordinator'))]) {
        await request(sut.url).get(`${base}/privacy-requests`).set(auth).expect(403);
        await request(sut.url).post(`${base}/privacy-requests/${requestId}/complete`).set(auth).expect(403);
        await request(sut.url).post(`${base}/privacy-requests/${requestId}/reject`).set(auth).send({ reason: 'Nee, dat willen we niet' }).expect(403);
      }
      const list = await request(sut.url).get(`${base}/privacy-requests`).set(board).expect(200);
      expect(list.body).toEqual([expect.objectContaining({ id: requestId, memberId: truus.id, status: 'pending' })]);
      // Nothing was handled by the refused attempts.
      expect((await request(sut.url).get(`${base}/members/${truus.id}`).set(board).expect(200)).body.firstName).toBe('Geertruida');
    });

    it('is completed once by the board; completing it again is a conflict', async () => {
      const done = await request(sut.url).post(`${base}/privacy-requests/${requestId}/complete`).set(board).expect(200);
      expect(done.body).toMatchObject({ id: requestId, status: 'completed', handledAt: expect.any(String) });
      const again = await request(sut.url).post(`${base}/privacy-requests/${requestId}/complete`).set(board).expect(409);
      expect(again.body).toMatchObject({ status: 409, code: 'privacy_request_handled' });
      const reject = await request(sut.url).post(`${base}/privacy-requests/${requestId}/reject`).set(board).send({ reason: 'Toch niet' }).expect(409);
      expect(reject.body.code).toBe('privacy_request_handled');
      await request(sut.url).post(`${base}/privacy-requests/00000000-0000-4000-8000-000000000000/complete`).set(board).expect(404);
    });

    it('leaves the member unable to log in', async () => {
      const response = await request(sut.url).post('/api/v1/auth/login').send({ email: TRUUS.email, password: MEMBER_PASSWORD }).expect(401);
      expect(response.body.code).toBe('invalid_credentials');
      // The old session cannot reach the record either.
      const stale = await request(sut.url).get(`${base}/members/me/data`).set(bearer(truus.accessToken));
      expect(stale.status).not.toBe(200);
      expect(stale.text).not.toContain('Geertruida');
    });

    /** `table.column: value` for every value found, case-insensitively, in any column of any table. */
    const scanDatabase = async (values: string[]): Promise<string[]> => {
      const columns: Array<{ table_name: string; column_name: string }> = await sut.database.dataSource.query(
        `SELECT c.table_name, c.column_name
           FROM information_schema.columns c
           JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
          WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
          ORDER BY c.table_name, c.ordinal_position`,
      );
      expect(columns.map((c) => c.table_name)).toEqual(expect.arrayContaining(['members', 'membership_applications', 'household_persons', 'outbox_messages', 'audit_events', 'users']));
      const found: string[] = [];
      for (const { table_name: table, column_name: column } of columns) {
        const hits: Array<{ needle: string }> = await sut.database.dataSource.query(
          `SELECT DISTINCT n.needle FROM "${table}" AS r, unnest($1::text[]) AS n(needle) WHERE strpos(lower(r."${column}"::text), lower(n.needle)) > 0`,
          [values],
        );
        for (const hit of hits) found.push(`${table}.${column}: ${hit.needle}`);
      }
      return found;
    };

    it('leaves no personal field of the member in any column of any table', async () => {
      expect(await scanDatabase(TRUUS_PERSONAL)).toEqual([]);
      // The same scan does find another member's data, wherever the product keeps it.
      expect(await scanDatabase(['Hendrik', 'Wolters-Kamphuis', '0570623481', '1962-02-08', 'hendrik.wolters@deventer.example'])).toEqual(
        expect.arrayContaining([
          'members.first_name: Hendrik',
          'members.phone: 0570623481',
          'members.date_of_birth: 1962-02-08',
          'membership_applications.first_name: Hendrik',
          'household_persons.last_name: Wolters-Kamphuis',
          'outbox_messages.body_text: Hendrik',
          'outbox_messages.to_address: hendrik.wolters@deventer.example',
          'users.email: hendrik.wolters@deventer.example',
        ]),
      );
    });

    it('leaves no personal field of the member in anything the board can read over the API', async () => {
      const responses = {
        members: await request(sut.url).get(`${base}/members?pageSize=200`).set(board).expect(200),
        member: await request(sut.url).get(`${base}/members/${truus.id}`).set(board).expect(200),
        applications: await request(sut.url).get(`${base}/applications?pageSize=100`).set(board).expect(200),
        application: await request(sut.url).get(`${base}/applications/${truus.applicationId}`).set(board).expect(200),
        rejectedApplication: await request(sut.url).get(`${base}/applications/${rejectedApplicationId}`).set(board).expect(200),
        outbox: await request(sut.url).get(`${base}/outbox?limit=200`).set(board).expect(200),
        auditEvents: await request(sut.url).get(`${base}/audit-events?limit=200`).set(board).expect(200),
        roleAssignments: await request(sut.url).get(`${base}/role-assignments`).set(board).expect(200),
        privacyRequests: await request(sut.url).get(`${base}/privacy-requests`).set(board).expect(200),
      };
      const found: string[] = [];
      for (const [name, response] of Object.entries(responses)) {
        const text = response.text.toLowerCase();
        for (const needle of TRUUS_PERSONAL) if (text.includes(needle.toLowerCase())) found.push(`${name}: ${needle}`);
      }
      expect(found).toEqual([]);
      expect(responses.members.text).toContain('Wolters');
      // The application is still there, wiped, so the register's history stays complete.
      expect(responses.application.body).toMatchObject({ id: truus.applicationId, status: 'approved', memberId: truus.id, firstName: null, email: null, householdPersons: [] });
    });

    it('keeps the member row, anonymised and ended, with its member number for the financial records', async () => {
      const response = await request(sut.url).get(`${base}/members/${truus.id}`).set(board).expect(200);
      expect(response.body).toMatchObject({
        id: truus.id,
        memberNumber: truus.memberNumber,
        erased: true,
        status: 'ended',
        firstName: null,
        lastName: null,
        email: null,
        phone: null,
        street: null,
        postcode: null,
      });
      expect(response.body.history.map((h: { kind: string }) => h.kind)).toEqual(['joined', 'suspended', 'reinstated', 'erased']);
      const byNumber = await request(sut.url).get(`${base}/members?search=${truus.memberNumber}`).set(board).expect(200);
      expect(byNumber.body.items).toEqual([expect.objectContaining({ id: truus.id, memberNumber: truus.memberNumber, erased: true })]);
      const rows = await sut.database.dataSource.query(`SELECT member_number, user_id, anonymised_at FROM members WHERE id = $1`, [truus.id]);
      expect(rows).toEqual([{ member_number: truus.memberNumber, user_id: null, anonymised_at: expect.any(Date) }]);
      // An erased record no longer changes.
      const refused = await request(sut.url).patch(`${base}/members/${truus.id}`).set(board).send({ street: 'Brinkgreverweg' }).expect(409);
      expect(refused.body.code).toBe('member_erased');
      await request(sut.url).post(`${base}/members/${truus.id}/status`).set(board).send({ action: 'suspend', reason: 'Na het wissen' }).expect(409);
    });

    it('leaves another member untouched', async () => {
      const response = await request(sut.url).get(`${base}/members/${hendrik.id}`).set(board).expect(200);
      expect(response.body).toMatchObject({
        firstName: 'Hendrik',
        lastName: 'Wolters',
        email: 'hendrik.wolters@deventer.example',
        phone: '0570623481',
        street: 'Hoge Hondstraat',
        postcode: '7411GK',
        status: 'active',
        erased: false,
      });
      const token = await login(sut, HENDRIK.email, MEMBER_PASSWORD);
      const data = await request(sut.url).get(`${base}/members/me/data`).set(bearer(token)).expect(200);
      expect(data.body.member).toMatchObject({ dateOfBirth: '1962-02-08', categories: ['disability'] });
      expect(data.body.household.persons).toEqual([{ firstName: 'Ilse', lastName: 'Wolters-Kamphuis', dateOfBirth: '1964-06-19' }]);
      expect(data.body.applications).toEqual([expect.objectContaining({ firstName: 'Hendrik', email: 'hendrik.wolters@deventer.example' })]);
      expect(data.body.messages.map((m: { kind: string }) => m.kind)).toContain('member.invitation');
      expect(data.body.messages.find((m: { kind: string }) => m.kind === 'member.invitation').body).toContain('Beste Hendrik');
    });
  });

  describe('races', () => {
    it('erases once when the board completes the same request twice at the same moment', async () => {
      const klaas = await enrolMember(sut, coop, { ...FEMKE, firstName: 'Klaas', lastName: 'Hulshorst', email: 'klaas.hulshorst@deventer.example', postcode: '7417 BK' });
      const asked = await request(sut.url).post(`${base}/members/me/erasure-request`).set(bearer(klaas.accessToken)).send({}).expect(201);
      const results = await Promise.all([1, 2].map(() => request(sut.url).post(`${base}/privacy-requests/${asked.body.id}/complete`).set(board)));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)?.body.code).toBe('privacy_request_handled');
      const member = await request(sut.url).get(`${base}/members/${klaas.id}`).set(board).expect(200);
      expect(member.body).toMatchObject({ erased: true, firstName: null });
      expect(member.body.history.map((h: { kind: string }) => h.kind)).toEqual(['joined', 'erased']);
      expect((await auditEvents()).filter((e) => e.action === 'member.erase' && e.objectId === klaas.id)).toHaveLength(1);
    });

    it('keeps one pending request when a member asks twice at the same moment', async () => {
      const lotte = await enrolMember(sut, coop, { ...FEMKE, firstName: 'Lotte', lastName: 'Brouwer', email: 'lotte.brouwer@deventer.example', postcode: '7417 BL' });
      const results = await Promise.all([1, 2].map(() => request(sut.url).post(`${base}/members/me/erasure-request`).set(bearer(lotte.accessToken)).send({})));
      expect(results.map((r) => r.status)).toEqual([201, 201]);
      expect(results[0].body.id).toBe(results[1].body.id);
      const rows = await sut.database.dataSource.query(`SELECT status FROM privacy_requests WHERE member_id = $1`, [lotte.id]);
      expect(rows).toEqual([{ status: 'pending' }]);
    });
  });

  describe('rejection', () => {
    it('lets the board reject a request with a reason; the member stays as they were', async () => {
      const asked = await request(sut.url).post(`${base}/members/me/erasure-request`).set(bearer(femke.accessToken)).send({ reason: 'Ik wil geen lid meer zijn.' }).expect(201);
      const short = await request(sut.url).post(`${base}/privacy-requests/${asked.body.id}/reject`).set(board).send({ reason: 'x' }).expect(400);
      expect(short.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
      await request(sut.url).post(`${base}/privacy-requests/${asked.body.id}/reject`).set(board).send({}).expect(400);

      const rejected = await request(sut.url)
        .post(`${base}/privacy-requests/${asked.body.id}/reject`)
        .set(board)
        .send({ reason: 'Er staat nog een factuur open voor de klusdienst van oktober.' })
        .expect(200);
      expect(rejected.body).toMatchObject({ id: asked.body.id, status: 'rejected', reason: 'Er staat nog een factuur open voor de klusdienst van oktober.', handledAt: expect.any(String) });
      const again = await request(sut.url).post(`${base}/privacy-requests/${asked.body.id}/complete`).set(board).expect(409);
      expect(again.body.code).toBe('privacy_request_handled');

      const list = await request(sut.url).get(`${base}/privacy-requests`).set(board).expect(200);
      expect(list.body.find((r: { id: string }) => r.id === asked.body.id)).toMatchObject({ status: 'rejected', memberId: femke.id });
      const member = await request(sut.url).get(`${base}/members/${femke.id}`).set(board).expect(200);
      expect(member.body).toMatchObject({ firstName: 'Femke', lastName: 'ten Hove', erased: false, status: 'active' });
      await login(sut, FEMKE.email, MEMBER_PASSWORD);
      const events = await auditEvents();
      expect(events.filter((e) => e.action === 'privacy_request.reject').map((e) => e.objectId)).toEqual([asked.body.id]);

      // After a rejection the member may ask again: a new request.
      const renewed = await request(sut.url).post(`${base}/members/me/erasure-request`).set(bearer(femke.accessToken)).send({}).expect(201);
      expect(renewed.body).toMatchObject({ status: 'pending', memberId: femke.id });
      expect(renewed.body.id).not.toBe(asked.body.id);
    });

    it('answers 404 for a request of another cooperative', async () => {
      const other = await createTestCooperative(sut, 'colmschate');
      const outsider = await enrolMember(sut, other, { ...FEMKE, firstName: 'Marloes', lastName: 'Bakker', email: 'marloes.bakker@deventer.example' });
      const asked = await request(sut.url).post(`/api/v1/cooperatives/${other.cooperativeId}/members/me/erasure-request`).set(bearer(outsider.accessToken)).send({}).expect(201);
      await request(sut.url).post(`${base}/privacy-requests/${asked.body.id}/complete`).set(board).expect(404);
      await request(sut.url).post(`${base}/privacy-requests/${asked.body.id}/reject`).set(board).send({ reason: 'Niet van ons' }).expect(404);
      expect((await request(sut.url).get(`${base}/privacy-requests`).set(board).expect(200)).body.map((r: { id: string }) => r.id)).not.toContain(asked.body.id);
      const theirs = await request(sut.url).get(`/api/v1/cooperatives/${other.cooperativeId}/privacy-requests`).set(bearer(await other.token('board'))).expect(200);
      expect(theirs.body).toEqual([expect.objectContaining({ id: asked.body.id, status: 'pending' })]);
    });
  });
});
