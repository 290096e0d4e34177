import request from 'supertest';
import { JobQueue } from '@buurtcoop/core';
import { isoDate, todayInNetherlands } from '@buurtcoop/membership';
import { Enrolled, MEMBER_PASSWORD, TestApp, TestCooperative, bearer, createTestApp, createTestCooperative, enrolMember, login } from '@buurtcoop/testing';

const deventer = (street: string, houseNumber: string, postcode: string) => ({ street, houseNumber, postcode, city: 'Deventer' });

describe('Membership: board views, profile and self-service', () => {
  let sut: TestApp;
  let coop: TestCooperative;
  let other: TestCooperative;
  let base: string;

  beforeAll(async () => {
    sut = await createTestApp();
    coop = await createTestCooperative(sut, 'rivierenwijk');
    other = await createTestCooperative(sut, 'keizerslanden');
    base = `/api/v1/cooperatives/${coop.cooperativeId}`;
  });
  afterAll(() => sut.close());

  const as = async (role: Parameters<TestCooperative['token']>[0], c: TestCooperative = coop) => bearer(await c.token(role));
  const fieldsOf = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field).sort();

  describe('cooperative profile', () => {
    it('may be read by every role of the cooperative, with the statutes’ default notice rule', async () => {
      for (const role of ['board', 'treasurer', 'coordinator', 'member'] as const) {
        const response = await request(sut.url).get(`${base}/profile`).set(await as(role));
        expect({ role, status: response.status }).toEqual({ role, status: 200 });
        expect(response.body).toMatchObject({ cooperativeId: coop.cooperativeId, noticeRule: 'end_of_calendar_year', noticePeriodMonths: 0 });
      }
      await request(sut.url).get(`${base}/profile`).expect(401);
    });

    it('is updated by the board, which saves normalised values', async () => {
      const response = await request(sut.url)
        .patch(`${base}/profile`)
        .set(await as('board'))
        .send({ kvkNumber: '38405921', street: 'Brink', houseNumber: '56', postcode: '7411 ha', city: 'Deventer', iban: 'nl91 abna 0417 1643 00', creditorId: 'nl06 zzz 3840 5921 0000' })
        .expect(200);
      expect(response.body).toMatchObject({
        kvkNumber: '38405921',
        street: 'Brink',
        houseNumber: '56',
        postcode: '7411HA',
        city: 'Deventer',
        iban: 'NL91ABNA0417164300',
        creditorId: 'NL06ZZZ384059210000',
      });
      const again = await request(sut.url).get(`${base}/profile`).set(await as('treasurer')).expect(200);
      expect(again.body).toEqual(response.body);
    });

    it('refuses a bad KvK number, IBAN, creditor id and postcode, naming each field, and keeps the saved values', async () => {
      const response = await request(sut.url)
        .patch(`${base}/profile`)
        .set(await as('board'))
        .send({ kvkNumber: '3840592', iban: 'NL92ABNA0417164300', creditorId: 'NL07ZZZ384059210000', postcode: '741 HA' })
        .expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(fieldsOf(response.body)).toEqual(['creditorId', 'iban', 'kvkNumber', 'postcode']);
      const saved = await request(sut.url).get(`${base}/profile`).set(await as('board')).expect(200);
      expect(saved.body).toMatchObject({ kvkNumber: '38405921', iban: 'NL91ABNA0417164300', creditorId: 'NL06ZZZ384059210000', postcode: '7411HA' });
    });

    it('saves a KvK number given with spaces around it as its 8 digits', async () => {
      const response = await request(sut.url).patch(`${base}/profile`).set(await as('board')).send({ kvkNumber: ' 38405921 ' }).expect(200);
      expect(response.body.kvkNumber).toBe('38405921');
    });

    it('may not be changed by the treasurer', async () => {
      const response = await request(sut.url).patch(`${base}/profile`).set(await as('treasurer')).send({ city: 'Zwolle' }).expect(403);
      expect(response.body.status).toBe(403);
      expect((await request(sut.url).get(`${base}/profile`).set(await as('board'))).body.city).toBe('Deventer');
    });

    it('refuses an unknown field', async () => {
      const response = await request(sut.url).patch(`${base}/profile`).set(await as('board')).send({ city: 'Deventer', btwNummer: 'NL001234567B01' }).expect(400);
      expect(fieldsOf(response.body)).toEqual(['btwNummer']);
    });
  });

  describe('privacy statements', () => {
    it('lists the first version, published when the cooperative was made', async () => {
      const response = await request(sut.url).get(`${base}/privacy-statements`).set(await as('member')).expect(200);
      expect(response.body).toEqual([{ version: 1, text: expect.stringContaining('Wij bewaren je naam'), publishedAt: expect.any(String) }]);
    });

    it('lets the board publish version 2, after which a sign-up consenting to version 1 is refused', async () => {
      const text =
        'Buurtcoöperatie Rivierenwijk bewaart je naam, adres en contactgegevens voor je lidmaatschap. Nieuw: we delen geanonimiseerde totalen met de gemeente Deventer.';
      const published = await request(sut.url).post(`${base}/privacy-statements`).set(await as('board')).send({ text }).expect(201);
      expect(published.body).toMatchObject({ version: 2, text });
      const list = await request(sut.url).get(`${base}/privacy-statements`).set(await as('coordinator')).expect(200);
      expect(list.body.map((s: { version: number }) => s.version)).toEqual([2, 1]);
      const info = await request(sut.url).get(`/api/v1/public/cooperatives/${coop.slug}`).expect(200);
      expect(info.body.privacyStatement).toMatchObject({ version: 2, text });

      const resident = info.body.membershipTypes.find((t: { code: string }) => t.code === 'resident');
      const late = await request(sut.url)
        .post(`/api/v1/public/cooperatives/${coop.slug}/applications`)
        .send({
          membershipTypeId: resident.id,
          role: 'consumer',
          firstName: 'Wim',
          lastName: 'van Zanten',
          email: 'wim.vanzanten@deventer.example',
          ...deventer('Hovenierstraat', '3', '7413 BR'),
          privacyConsent: true,
          privacyStatementVersion: 1,
        })
        .expect(409);
      expect(late.body).toMatchObject({ status: 409, code: 'privacy_statement_outdated' });
      expect(late.body.errors.map((e: { field: string }) => e.field)).toEqual(['privacyStatementVersion']);
      const applications = await request(sut.url).get(`${base}/applications`).set(await as('board')).expect(200);
      expect(applications.body.items.map((a: { email: string }) => a.email)).not.toContain('wim.vanzanten@deventer.example');
    });

    it('may not be published by a member, nor without the full text', async () => {
      const text = 'Een privacyverklaring die een gewoon lid probeert te publiceren, lang genoeg om geldig te zijn.';
      await request(sut.url).post(`${base}/privacy-statements`).set(await as('member')).send({ text }).expect(403);
      await request(sut.url).post(`${base}/privacy-statements`).set(await as('treasurer')).send({ text }).expect(403);
      const short = await request(sut.url).post(`${base}/privacy-statements`).set(await as('board')).send({ text: 'Te kort.' }).expect(400);
      expect(fieldsOf(short.body)).toEqual(['text']);
      const list = await request(sut.url).get(`${base}/privacy-statements`).set(await as('board')).expect(200);
      expect(list.body.map((s: { version: number }) => s.version)).toEqual([2, 1]);
    });
  });

  describe('membership types', () => {
    it('are the seven seeded types, with what each may do', async () => {
      const response = await request(sut.url).get(`${base}/membership-types`).set(await as('member')).expect(200);
      const byCode = Object.fromEntries(response.body.map((t: { code: string; kind: string; mayBook: boolean; mayProvide: boolean }) => [t.code, [t.kind, t.mayBook, t.mayProvide]]));
      expect(byCode).toEqual({
        resident: ['resident', true, false],
        provider: ['provider', true, true],
        household: ['household', true, true],
        steunlid: ['supporting', false, false],
        bedrijf: ['organisation', false, false],
        woningcorporatie: ['organisation', false, false],
        stichting: ['organisation', false, false],
      });
      expect(response.body.find((t: { code: string }) => t.code === 'woningcorporatie')).toMatchObject({ name: 'Woningcorporatie', organisationKind: 'housing_corporation' });
    });
  });

  describe('member register', () => {
    let jan: Enrolled;
    let anna: Enrolled;
    let pieter: Enrolled;
    let fatma: Enrolled;
    let kees: Enrolled;
    let gerrit: Enrolled;
    let types: Record<string, string>;

    beforeAll(async () => {
      jan = await enrolMember(sut, coop, {
        type: 'resident',
        role: 'consumer',
        firstName: 'Jan',
        lastName: 'de Vries',
        email: 'jan.devries@deventer.example',
        phone: '06 1234 5678',
        ...deventer('Brink', '12', '7411 ab'),
        dateOfBirth: '1948-03-14',
      });
      anna = await enrolMember(sut, coop, {
        type: 'provider',
        role: 'provider',
        firstName: 'Anna',
        lastName: 'van den Berg',
        email: 'anna.vandenberg@deventer.example',
        ...deventer('Noordenbergstraat', '5', '7412 CD'),
      });
      pieter = await enrolMember(sut, coop, {
        type: 'household',
        role: 'both',
        firstName: 'Pieter',
        lastName: 'van der Meer',
        email: 'pieter.vandermeer@deventer.example',
        ...deventer('Rembrandtkade', '40', '7421 EF'),
        householdPersons: [{ firstName: 'Lotte', lastName: 'van der Meer', dateOfBirth: '2012-05-01' }],
      });
      fatma = await enrolMember(sut, coop, {
        type: 'resident',
        role: 'consumer',
        firstName: 'Fatma',
        lastName: 'Yilmaz',
        email: 'fatma.yilmaz@deventer.example',
        ...deventer('Rode Torenplein', '9', '7414 GH'),
      });
      kees = await enrolMember(sut, coop, {
        type: 'steunlid',
        role: 'consumer',
        firstName: 'Kees',
        lastName: 'ten Brink',
        email: 'kees.tenbrink@deventer.example',
        ...deventer('Colmschaterstraatweg', '101', '7425 JK'),
      });
      gerrit = await enrolMember(sut, coop, {
        type: 'provider',
        role: 'both',
        firstName: 'Gerrit',
        lastName: 'Bosman',
        email: 'gerrit.bosman@deventer.example',
        ...deventer('Lange Bisschopstraat', '22', '7411 LM'),
      });
      await request(sut.url).post(`${base}/members/${kees.id}/status`).set(await as('board')).send({ action: 'suspend', reason: 'Contributie 2026 niet betaald' }).expect(200);
      const list = await request(sut.url).get(`${base}/membership-types`).set(await as('board')).expect(200);
      types = Object.fromEntries(list.body.map((t: { code: string; id: string }) => [t.code, t.id]));
    });

    const list = async (query: string, role: Parameters<TestCooperative['token']>[0] = 'board') => {
      const response = await request(sut.url).get(`${base}/members?${query}`).set(await as(role));
      expect({ query, status: response.status, body: response.status === 200 ? undefined : response.body }).toEqual({ query, status: 200, body: undefined });
      return response.body as { items: Array<{ id: string; memberNumber: number; lastName: string }>; total: number; page: number; pageSize: number };
    };
    const ids = (page: { items: Array<{ id: string }> }) => page.items.map((m) => m.id);

    it('lists every member by member number, with the register fields', async () => {
      const page = await list('');
      expect(page).toMatchObject({ total: 6, page: 1, pageSize: 25 });
      expect(ids(page)).toEqual([jan.id, anna.id, pieter.id, fatma.id, kees.id, gerrit.id]);
      expect(page.items.map((m) => m.memberNumber)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(page.items[0]).toMatchObject({
        firstName: 'Jan',
        lastName: 'de Vries',
        email: 'jan.devries@deventer.example',
        phone: '0612345678',
        postcode: '7411AB',
        city: 'Deventer',
        role: 'consumer',
        status: 'active',
        membershipTypeId: types.resident,
        erased: false,
      });
      expect(page.items[0]).not.toHaveProperty('dateOfBirth');
    });

    it('searches by part of a name, case-insensitively, and by exact member number', async () => {
      expect(ids(await list('search=van%20de'))).toEqual([anna.id, pieter.id]);
      expect(ids(await list('search=YILMAZ'))).toEqual([fatma.id]);
      expect(ids(await list('search=Jan%20de%20V'))).toEqual([jan.id]);
      expect(ids(await list('search=ierdeDuinen'))).toEqual([]);
      expect(ids(await list(`search=${anna.memberNumber}`))).toEqual([anna.id]);
      expect(ids(await list(`search=${gerrit.memberNumber}`))).toEqual([gerrit.id]);
    });

    it('logs each look at the register in the audit log, with the filter but never the search term', async () => {
      const before = await sut.database.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE cooperative_id = $1 AND action = 'member.list'`, [coop.cooperativeId]);
      await list('search=Yilmaz&status=active');
      const [event] = await sut.database.dataSource.query(
        `SELECT details FROM audit_events WHERE cooperative_id = $1 AND action = 'member.list' ORDER BY id DESC LIMIT 1`,
        [coop.cooperativeId],
      );
      const after = await sut.database.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE cooperative_id = $1 AND action = 'member.list'`, [coop.cooperativeId]);
      expect(after[0].n).toBe(before[0].n + 1);
      expect(event.details).toMatchObject({ filter: { status: 'active', search: '(search term)' }, shown: 1 });
      expect(JSON.stringify(event.details)).not.toMatch(/yilmaz/i);
    });

    it('filters by status, membership type, role and postcode area', async () => {
      expect(ids(await list('status=suspended'))).toEqual([kees.id]);
      expect(ids(await list('status=active'))).toEqual([jan.id, anna.id, pieter.id, fatma.id, gerrit.id]);
      expect(ids(await list('status=ended'))).toEqual([]);
      expect(ids(await list(`membershipTypeId=${types.provider}`))).toEqual([anna.id, gerrit.id]);
      expect(ids(await list(`membershipTypeId=${types.household}`))).toEqual([pieter.id]);
      // Members who are both consumer and provider match either role.
      expect(ids(await list('role=provider'))).toEqual([anna.id, pieter.id, gerrit.id]);
      expect(ids(await list('role=consumer'))).toEqual([jan.id, pieter.id, fatma.id, kees.id, gerrit.id]);
      expect(ids(await list('role=both'))).toEqual([pieter.id, gerrit.id]);
      expect((await list('postcodeArea=74')).total).toBe(6);
      expect(ids(await list('postcodeArea=7411'))).toEqual([jan.id, gerrit.id]);
      expect(ids(await list('postcodeArea=742'))).toEqual([pieter.id, kees.id]);
      expect(ids(await list(`postcodeArea=7411&role=provider&membershipTypeId=${types.provider}`))).toEqual([gerrit.id]);
    });

    it('sorts by last name, both ways, filing "van den Berg" under B as Dutch registers do', async () => {
      const ascending = await list('sort=lastName&direction=asc');
      expect(ascending.items.map((m) => m.lastName)).toEqual(['van den Berg', 'Bosman', 'ten Brink', 'van der Meer', 'de Vries', 'Yilmaz']);
      const descending = await list('sort=lastName&direction=desc');
      expect(descending.items.map((m) => m.lastName)).toEqual(['Yilmaz', 'de Vries', 'van der Meer', 'ten Brink', 'Bosman', 'van den Berg']);
    });

    it('pages through the register: the total stays, the pages differ', async () => {
      const pages = [await list('pageSize=2&page=1'), await list('pageSize=2&page=2'), await list('pageSize=2&page=3'), await list('pageSize=2&page=4')];
      expect(pages.map((p) => p.total)).toEqual([6, 6, 6, 6]);
      expect(pages.map((p) => [p.page, p.pageSize])).toEqual([
        [1, 2],
        [2, 2],
        [3, 2],
        [4, 2],
      ]);
      expect(pages.map(ids)).toEqual([[jan.id, anna.id], [pieter.id, fatma.id], [kees.id, gerrit.id], []]);
    });

    it.each([
      ['pageSize=1000', 'pageSize'],
      ['pageSize=0', 'pageSize'],
      ['page=0', 'page'],
      ['postcodeArea=abc', 'postcodeArea'],
      ['postcodeArea=74111', 'postcodeArea'],
      ['sort=age', 'sort'],
      ['direction=up', 'direction'],
      ['status=deceased', 'status'],
      ['role=volunteer', 'role'],
      ['membershipTypeId=resident', 'membershipTypeId'],
      ['geboortedatum=1948', 'geboortedatum'],
    ])('refuses the query %s with 400 naming %s', async (query, field) => {
      const response = await request(sut.url).get(`${base}/members?${query}`).set(await as('board')).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(fieldsOf(response.body)).toEqual([field]);
    });

    it('is closed to plain members, open to coordinators and the treasurer', async () => {
      const refused = await request(sut.url).get(`${base}/members`).set(await as('member')).expect(403);
      expect(refused.text).not.toContain('de Vries');
      await request(sut.url).get(`${base}/members`).set(bearer(jan.accessToken)).expect(403);
      expect((await list('', 'coordinator')).total).toBe(6);
      expect((await list('', 'treasurer')).total).toBe(6);
      await request(sut.url).get(`${base}/members`).expect(401);
    });

    describe('member detail', () => {
      beforeAll(async () => {
        // Jan declares a category; the register must not show it.
        await request(sut.url).put(`${base}/members/me/categories`).set(bearer(jan.accessToken)).send({ categories: ['age_65_plus'], consent: true }).expect(200);
      });

      const auditEvents = async () =>
        (await request(sut.url).get(`${base}/audit-events?limit=200`).set(await as('board')).expect(200)).body as Array<{ action: string; objectId: string | null; actorUserId: string | null }>;

      it('includes the history, and not the date of birth or the self-declared categories', async () => {
        const response = await request(sut.url).get(`${base}/members/${jan.id}`).set(await as('board')).expect(200);
        expect(response.body).toMatchObject({ id: jan.id, memberNumber: jan.memberNumber, firstName: 'Jan', lastName: 'de Vries', postcode: '7411AB', status: 'active' });
        expect(response.body.history).toEqual([{ kind: 'joined', effectiveOn: response.body.joinedOn, reason: null, recordedAt: expect.any(String) }]);
        expect(response.body).not.toHaveProperty('dateOfBirth');
        expect(response.body).not.toHaveProperty('categories');
        expect(response.text).not.toContain('1948-03-14');
        expect(response.text).not.toContain('age_65_plus');
        const suspended = await request(sut.url).get(`${base}/members/${kees.id}`).set(await as('coordinator')).expect(200);
        expect(suspended.body.history.map((h: { kind: string; reason: string | null }) => [h.kind, h.reason])).toEqual([
          ['joined', null],
          ['suspended', 'Contributie 2026 niet betaald'],
        ]);
      });

      it("writes a member.view audit event when the board opens another member's record", async () => {
        const before = (await auditEvents()).filter((e) => e.action === 'member.view' && e.objectId === anna.id);
        await request(sut.url).get(`${base}/members/${anna.id}`).set(await as('board')).expect(200);
        const after = (await auditEvents()).filter((e) => e.action === 'member.view' && e.objectId === anna.id);
        expect(after).toHaveLength(before.length + 1);
        expect(after[0]).toMatchObject({ action: 'member.view', objectId: anna.id, actorUserId: coop.users.board.id });
      });

      it('answers 404 for a member of another cooperative, and for an unknown id', async () => {
        const outsider = await enrolMember(sut, other, {
          type: 'resident',
          role: 'consumer',
          firstName: 'Henk',
          lastName: 'Schuurman',
          email: 'henk.schuurman@deventer.example',
          ...deventer('Zwolseweg', '301', '7412 AS'),
        });
        const response = await request(sut.url).get(`${base}/members/${outsider.id}`).set(await as('board')).expect(404);
        expect(response.body).toMatchObject({ status: 404, code: 'member_not_found' });
        expect(response.text).not.toContain('Schuurman');
        await request(sut.url).patch(`${base}/members/${outsider.id}`).set(await as('board')).send({ city: 'Zwolle' }).expect(404);
        await request(sut.url).post(`${base}/members/${outsider.id}/status`).set(await as('board')).send({ action: 'suspend', reason: 'Niet van ons' }).expect(404);
        const own = await request(sut.url).get(`/api/v1/cooperatives/${other.cooperativeId}/members/${outsider.id}`).set(await as('board', other)).expect(200);
        expect(own.body).toMatchObject({ city: 'Deventer', status: 'active' });
        await request(sut.url).get(`${base}/members/00000000-0000-4000-8000-000000000000`).set(await as('board')).expect(404);
        await request(sut.url).get(`${base}/members/not-a-uuid`).set(await as('board')).expect(400);
        await request(sut.url).get(`${base}/members/${anna.id}`).set(await as('member')).expect(403);
      });
    });

    describe('board edits', () => {
      it('changes the address and the role of a member, normalising the postcode', async () => {
        const response = await request(sut.url)
          .patch(`${base}/members/${gerrit.id}`)
          .set(await as('board'))
          .send({ street: 'Keizerstraat', houseNumber: '7b', postcode: '7411 hw', role: 'provider', phone: '0570 61 23 45' })
          .expect(200);
        expect(response.body).toMatchObject({ id: gerrit.id, street: 'Keizerstraat', houseNumber: '7b', postcode: '7411HW', city: 'Deventer', role: 'provider', phone: '0570612345' });
        const detail = await request(sut.url).get(`${base}/members/${gerrit.id}`).set(await as('coordinator')).expect(200);
        expect(detail.body).toMatchObject({ street: 'Keizerstraat', postcode: '7411HW', role: 'provider', firstName: 'Gerrit', lastName: 'Bosman' });
        expect(ids(await list('role=both'))).toEqual([pieter.id]);
      });

      it('refuses an invalid postcode, an unknown field and an unknown membership type, and changes nothing', async () => {
        const bad = await request(sut.url).patch(`${base}/members/${gerrit.id}`).set(await as('board')).send({ street: 'Polstraat', postcode: '7411 SS' }).expect(400);
        expect(fieldsOf(bad.body)).toEqual(['postcode']);
        const unknown = await request(sut.url).patch(`${base}/members/${gerrit.id}`).set(await as('board')).send({ memberNumber: 99 }).expect(400);
        expect(fieldsOf(unknown.body)).toEqual(['memberNumber']);
        const type = await request(sut.url)
          .patch(`${base}/members/${gerrit.id}`)
          .set(await as('board'))
          .send({ membershipTypeId: '00000000-0000-4000-8000-000000000000' })
          .expect(422);
        expect(type.body).toMatchObject({ code: 'membership_type_unknown', errors: [{ field: 'membershipTypeId', messages: [expect.any(String)] }] });
        const detail = await request(sut.url).get(`${base}/members/${gerrit.id}`).set(await as('board')).expect(200);
        expect(detail.body).toMatchObject({ street: 'Keizerstraat', postcode: '7411HW', memberNumber: gerrit.memberNumber, membershipTypeId: types.provider });
      });

      it('is for the board only', async () => {
        await request(sut.url).patch(`${base}/members/${gerrit.id}`).set(await as('treasurer')).send({ city: 'Bathmen' }).expect(403);
        await request(sut.url).patch(`${base}/members/${gerrit.id}`).set(await as('coordinator')).send({ city: 'Bathmen' }).expect(403);
        await request(sut.url).patch(`${base}/members/${gerrit.id}`).set(bearer(gerrit.accessToken)).send({ city: 'Bathmen' }).expect(403);
        expect((await request(sut.url).get(`${base}/members/${gerrit.id}`).set(await as('board'))).body.city).toBe('Deventer');
      });
    });
  });

  describe('self-service', () => {
    let joke: Enrolled;
    let me: string;

    beforeAll(async () => {
      joke = await enrolMember(sut, coop, {
        type: 'resident',
        role: 'consumer',
        firstName: 'Joke',
        lastName: "van 't Hul",
        email: 'joke.vanthul@deventer.example',
        ...deventer('Van Oldenielstraat', '14', '7411 PV'),
        dateOfBirth: '1956-09-30',
      });
      me = `${base}/members/me`;
    });

    const categoryRows = async () =>
      (await sut.database.dataSource.query(`SELECT category FROM member_categories WHERE member_id = $1 ORDER BY category`, [joke.id])).map((r: { category: string }) => r.category);

    it('shows the member their own record, with what only they may see', async () => {
      const response = await request(sut.url).get(me).set(bearer(joke.accessToken)).expect(200);
      expect(response.body).toMatchObject({
        id: joke.id,
        memberNumber: joke.memberNumber,
        firstName: 'Joke',
        lastName: "van 't Hul",
        postcode: '7411PV',
        dateOfBirth: '1956-09-30',
        contactPreferences: { email: true, phone: false, post: false },
        categories: [],
        language: 'nl',
      });
    });

    it('saves the phone, language and contact preferences the member changes', async () => {
      const response = await request(sut.url)
        .patch(me)
        .set(bearer(joke.accessToken))
        .send({ phone: '+31 570 612 345', language: 'en', contactPreferences: { email: true, phone: true, post: false } })
        .expect(200);
      expect(response.body).toMatchObject({ phone: '0570612345', language: 'en', contactPreferences: { email: true, phone: true, post: false }, dateOfBirth: '1956-09-30' });
      const again = await request(sut.url).get(me).set(bearer(joke.accessToken)).expect(200);
      expect(again.body).toMatchObject({ phone: '0570612345', language: 'en', contactPreferences: { email: true, phone: true, post: false } });
    });

    it.each([
      [{ phone: '12345' }, 'phone'],
      [{ language: 'de' }, 'language'],
      [{ postcode: '12AB' }, 'postcode'],
      [{ dateOfBirth: '30-09-1956' }, 'dateOfBirth'],
      [{ dateOfBirth: '1956-02-30' }, 'dateOfBirth'],
      // A date of birth must lie in the past 120 years (DATE_OF_BIRTH in member-fields.ts).
      [{ dateOfBirth: '2099-01-01' }, 'dateOfBirth'],
      [{ dateOfBirth: '1850-01-01' }, 'dateOfBirth'],
      [{ contactPreferences: { email: 'ja', phone: true, post: false } }, 'contactPreferences.email'],
      [{ organisationName: 'Joke BV' }, 'organisationName'],
      [{ status: 'active' }, 'status'],
    ])('refuses %j with 400 naming %s', async (body, field) => {
      const before = await request(sut.url).get(me).set(bearer(joke.accessToken)).expect(200);
      const response = await request(sut.url).patch(me).set(bearer(joke.accessToken)).send(body);
      const after = await request(sut.url).get(me).set(bearer(joke.accessToken)).expect(200);
      if (response.status === 200) {
        // Put the record back, so one accepted bad value does not spill into the other cases.
        const { id: _id, memberNumber: _n, status: _s, joinedOn: _j, endsOn: _e, erased: _x, categories: _c, email: _m, membershipTypeId: _t, role: _r, organisationName: _o, ...own } = before.body;
        await request(sut.url).patch(me).set(bearer(joke.accessToken)).send(own).expect(200);
      }
      expect({ status: response.status, fields: fieldsOf(response.body) }).toEqual({ status: 400, fields: [field] });
      expect(response.body).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(after.body).toEqual(before.body);
    });

    it('stores self-declared categories only with consent, and an empty list withdraws them', async () => {
      const withoutConsent = await request(sut.url).put(`${me}/categories`).set(bearer(joke.accessToken)).send({ categories: ['age_65_plus'] }).expect(400);
      expect(fieldsOf(withoutConsent.body)).toEqual(['consent']);
      const refused = await request(sut.url).put(`${me}/categories`).set(bearer(joke.accessToken)).send({ categories: ['age_65_plus'], consent: false }).expect(400);
      expect(fieldsOf(refused.body)).toEqual(['consent']);
      const unknown = await request(sut.url).put(`${me}/categories`).set(bearer(joke.accessToken)).send({ categories: ['pensioner'], consent: true }).expect(400);
      expect(fieldsOf(unknown.body)).toEqual(['categories']);
      expect(await categoryRows()).toEqual([]);

      const stored = await request(sut.url)
        .put(`${me}/categories`)
        .set(bearer(joke.accessToken))
        .send({ categories: ['informal_carer', 'age_65_plus'], consent: true })
        .expect(200);
      expect(stored.body.categories).toEqual(['age_65_plus', 'informal_carer']);
      expect(await categoryRows()).toEqual(['age_65_plus', 'informal_carer']);
      expect((await request(sut.url).get(me).set(bearer(joke.accessToken)).expect(200)).body.categories).toEqual(['age_65_plus', 'informal_carer']);

      const narrowed = await request(sut.url).put(`${me}/categories`).set(bearer(joke.accessToken)).send({ categories: ['informal_carer'], consent: true }).expect(200);
      expect(narrowed.body.categories).toEqual(['informal_carer']);
      expect(await categoryRows()).toEqual(['informal_carer']);

      // A consent that is not a yes or no is refused, with categories or without (the reliability fuzzer's find).
      for (const categories of [[], ['informal_carer']]) {
        const garbled = await request(sut.url).put(`${me}/categories`).set(bearer(joke.accessToken)).send({ categories, consent: 'misschien' }).expect(400);
        expect({ categories, fields: fieldsOf(garbled.body), messages: garbled.body.errors?.[0]?.messages }).toEqual({ categories, fields: ['consent'], messages: ['consent must be true or false'] });
      }
      expect(await categoryRows()).toEqual(['informal_carer']);

      const withdrawn = await request(sut.url).put(`${me}/categories`).set(bearer(joke.accessToken)).send({ categories: [] }).expect(200);
      expect(withdrawn.body.categories).toEqual([]);
      expect(await categoryRows()).toEqual([]);
      expect((await request(sut.url).put(`${me}/categories`).set(bearer(joke.accessToken)).send({ categories: [], consent: false }).expect(200)).body.categories).toEqual([]);
    });

    it('answers 404 on members/me for an account with a role but no member record', async () => {
      for (const role of ['member', 'board', 'coordinator'] as const) {
        const response = await request(sut.url).get(`${base}/members/me`).set(await as(role));
        expect({ role, status: response.status, code: response.body.code }).toEqual({ role, status: 404, code: 'no_member_record' });
      }
      await request(sut.url).patch(`${base}/members/me`).set(await as('member')).send({ language: 'en' }).expect(404);
      await request(sut.url).put(`${base}/members/me/categories`).set(await as('member')).send({ categories: [] }).expect(404);
      // A member of this cooperative has no record in another one.
      await request(sut.url).get(`/api/v1/cooperatives/${other.cooperativeId}/members/me`).set(bearer(joke.accessToken)).expect(404);
    });
  });
});

describe('Membership status', () => {
  let sut: TestApp;
  let coop: TestCooperative;
  let base: string;
  let board: { authorization: string };
  let secondBoard: { authorization: string };

  beforeAll(async () => {
    sut = await createTestApp();
    coop = await createTestCooperative(sut, 'zandweerd');
    base = `/api/v1/cooperatives/${coop.cooperativeId}`;
    board = bearer(await coop.token('board'));
    // A second board member, to act at the same moment as the first.
    const sophie = await enrolMember(sut, coop, {
      type: 'provider',
      role: 'both',
      firstName: 'Sophie',
      lastName: 'Claassen',
      email: 'sophie.claassen@deventer.example',
      ...deventer('Pontsteeg', '2', '7411 KG'),
    });
    await request(sut.url).post(`${base}/role-assignments`).set(board).send({ email: sophie.email, role: 'board' }).expect(201);
    secondBoard = bearer(await login(sut, sophie.email, MEMBER_PASSWORD));
  });
  afterAll(() => sut.close());

  const change = (id: string, action: string, reason: string, auth = board) => request(sut.url).post(`${base}/members/${id}/status`).set(auth).send({ action, reason });
  const history = async (id: string) =>
    (await request(sut.url).get(`${base}/members/${id}`).set(board).expect(200)).body.history.map((h: { kind: string; effectiveOn: string; reason: string | null }) => [h.kind, h.effectiveOn, h.reason]);

  it('suspends, reinstates, takes notice to the end of the calendar year, refuses a second notice, and ends', async () => {
    const willem = await enrolMember(sut, coop, {
      type: 'resident',
      role: 'consumer',
      firstName: 'Willem',
      lastName: 'van Dijk',
      email: 'willem.vandijk@deventer.example',
      ...deventer('Singel', '8', '7411 HV'),
    });
    const today = todayInNetherlands();
    // The default statutes: end_of_calendar_year with 0 months' notice.
    const endOfYear = `${today.slice(0, 4)}-12-31`;

    const suspended = await change(willem.id, 'suspend', 'Contributie 2026 niet betaald').expect(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', endsOn: null });
    const reinstated = await change(willem.id, 'reinstate', 'Contributie alsnog ontvangen').expect(200);
    expect(reinstated.body).toMatchObject({ status: 'active', endsOn: null });
    const notice = await change(willem.id, 'notice', 'Opzegging per brief van 20 november').expect(200);
    expect(notice.body).toMatchObject({ status: 'active', endsOn: endOfYear });

    const second = await change(willem.id, 'notice', 'Nogmaals opgezegd per e-mail').expect(409);
    expect(second.body).toMatchObject({ status: 409, code: 'status_change_not_allowed' });
    expect(second.body.detail).toContain(endOfYear);

    const ended = await change(willem.id, 'end', 'Verhuisd naar Apeldoorn, per direct beëindigd').expect(200);
    expect(ended.body).toMatchObject({ status: 'ended', endsOn: today });
    const again = await change(willem.id, 'suspend', 'Geschorst na beëindiging').expect(409);
    expect(again.body).toMatchObject({ code: 'status_change_not_allowed' });
    await change(willem.id, 'reinstate', 'Heraangemeld').expect(409);

    expect(await history(willem.id)).toEqual([
      ['joined', today, null],
      ['suspended', today, 'Contributie 2026 niet betaald'],
      ['reinstated', today, 'Contributie alsnog ontvangen'],
      ['notice', endOfYear, 'Opzegging per brief van 20 november'],
      ['ended', today, 'Verhuisd naar Apeldoorn, per direct beëindigd'],
    ]);
    const events = (await request(sut.url).get(`${base}/audit-events?limit=200`).set(board).expect(200)).body as Array<{ action: string; objectId: string }>;
    expect(events.filter((e) => e.objectId === willem.id).map((e) => e.action)).toEqual(expect.arrayContaining(['member.suspend', 'member.reinstate', 'member.notice', 'member.end']));
  });

  it('refuses an invalid action, a missing reason, and anyone but the board', async () => {
    const lies = await enrolMember(sut, coop, {
      type: 'resident',
      role: 'consumer',
      firstName: 'Lies',
      lastName: 'de Graaf',
      email: 'lies.degraaf@deventer.example',
      ...deventer('Bergstraat', '17', '7411 ET'),
    });
    const invalid = await change(lies.id, 'pause', 'Even pauze').expect(400);
    expect(invalid.body).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(['action']);
    const noReason = await request(sut.url).post(`${base}/members/${lies.id}/status`).set(board).send({ action: 'suspend' }).expect(400);
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    await change(lies.id, 'suspend', 'Door de penningmeester', bearer(await coop.token('treasurer'))).expect(403);
    await change(lies.id, 'suspend', 'Door de coördinator', bearer(await coop.token('coordinator'))).expect(403);
    await change(lies.id, 'end', 'Zelf beëindigd', bearer(lies.accessToken)).expect(403);
    expect(await history(lies.id)).toEqual([['joined', todayInNetherlands(), null]]);
    expect((await request(sut.url).get(`${base}/members/${lies.id}`).set(board)).body.status).toBe('active');
  });

  it('ends, in the scheduled job, a membership whose notice ran out', async () => {
    const maria = await enrolMember(sut, coop, {
      type: 'resident',
      role: 'consumer',
      firstName: 'Maria',
      lastName: 'Jansen',
      email: 'maria.jansen@deventer.example',
      ...deventer('Sint Jozefstraat', '3', '7412 BX'),
    });
    await change(maria.id, 'notice', 'Opzegging via het aanmeldformulier').expect(200);
    // Two days back, so it has passed whatever the time zone.
    const yesterday = isoDate(new Date(Date.now() - 2 * 24 * 60 * 60 * 1000));
    await sut.database.dataSource.query(`UPDATE members SET ends_on = $2::date WHERE cooperative_id = $1 AND id = $3`, [coop.cooperativeId, yesterday, maria.id]);
    // Another member with notice running to the end of the year is left alone.
    const bart = await enrolMember(sut, coop, {
      type: 'resident',
      role: 'consumer',
      firstName: 'Bart',
      lastName: 'Hulshof',
      email: 'bart.hulshof@deventer.example',
      ...deventer('Assendorperstraat', '60', '7411 BD'),
    });
    await change(bart.id, 'notice', 'Opzegging per e-mail').expect(200);

    await sut.app.get(JobQueue).runNow('end-memberships-after-notice');

    const after = await request(sut.url).get(`${base}/members/${maria.id}`).set(board).expect(200);
    expect(after.body).toMatchObject({ status: 'ended', endsOn: yesterday });
    expect(after.body.history.at(-1)).toMatchObject({ kind: 'ended', effectiveOn: yesterday });
    expect(after.body.history.map((h: { kind: string }) => h.kind)).toEqual(['joined', 'notice', 'ended']);
    expect((await request(sut.url).get(`${base}/members/${bart.id}`).set(board)).body).toMatchObject({ status: 'active', endsOn: `${todayInNetherlands().slice(0, 4)}-12-31` });

    // Running it again changes nothing: no second history line.
    await sut.app.get(JobQueue).runNow('end-memberships-after-notice');
    expect((await history(maria.id)).map((h: string[]) => h[0])).toEqual(['joined', 'notice', 'ended']);
  });

  it('lets only one of two board members suspending the same member at the same moment win', async () => {
    const bram = await enrolMember(sut, coop, {
      type: 'resident',
      role: 'consumer',
      firstName: 'Bram',
      lastName: 'de Graaf',
      email: 'bram.degraaf@deventer.example',
      ...deventer('Walstraat', '31', '7411 GL'),
    });

    const results = await Promise.all([change(bram.id, 'suspend', 'Klacht van een bewoner (Sophie)', secondBoard), change(bram.id, 'suspend', 'Klacht van een bewoner (bestuur)')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)?.body.code).toBe('status_change_not_allowed');
    const lines = await history(bram.id);
    expect(lines.map((h: string[]) => h[0])).toEqual(['joined', 'suspended']);
    expect((await request(sut.url).get(`${base}/members/${bram.id}`).set(board)).body.status).toBe('suspended');
  });

  it('records only one of two notices given at the same moment', async () => {
    const ria = await enrolMember(sut, coop, {
      type: 'resident',
      role: 'consumer',
      firstName: 'Ria',
      lastName: 'ter Horst',
      email: 'ria.terhorst@deventer.example',
      ...deventer('Smedenstraat', '19', '7411 RB'),
    });
    const results = await Promise.all([change(ria.id, 'notice', 'Opzegging per brief', secondBoard), change(ria.id, 'notice', 'Opzegging per e-mail')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await history(ria.id)).map((h: string[]) => h[0])).toEqual(['joined', 'notice']);
  });

  it('keeps a suspension that is given at the same moment as a notice', async () => {
    // Four rounds, in both orders: the interleaving that loses the suspension does not happen every time.
    const outcomes: Array<{ round: number; statuses: number[]; status: string; endsOn: string | null }> = [];
    for (let round = 0; round < 4; round++) {
      const member = await enrolMember(sut, coop, {
        type: 'resident',
        role: 'consumer',
        firstName: ['Ties', 'Noor', 'Daan', 'Evi'][round],
        lastName: 'Oosterhuis',
        email: `${['ties', 'noor', 'daan', 'evi'][round]}.oosterhuis@deventer.example`,
        ...deventer('Kleine Poot', String(6 + round), '7411 GW'),
      });
      const notice = () => change(member.id, 'notice', 'Opzegging per brief', secondBoard);
      const suspend = () => change(member.id, 'suspend', 'Klacht van een bewoner');
      const results = await Promise.all(round % 2 === 0 ? [notice(), suspend()] : [suspend(), notice()]);
      const after = await request(sut.url).get(`${base}/members/${member.id}`).set(board).expect(200);
      outcomes.push({ round, statuses: results.map((r) => r.status), status: after.body.status, endsOn: after.body.endsOn });
    }
    // Whichever came first, each member is now suspended and ends at the end of the year.
    const endOfYear = `${todayInNetherlands().slice(0, 4)}-12-31`;
    expect(outcomes).toEqual([0, 1, 2, 3].map((round) => ({ round, statuses: [200, 200], status: 'suspended', endsOn: endOfYear })));
  });

  it('takes notice as the statutes say once the board changes them: one month, then to the end of that month', async () => {
    await request(sut.url).patch(`${base}/profile`).set(board).send({ noticeRule: 'end_of_month', noticePeriodMonths: 1 }).expect(200);
    const jeroen = await enrolMember(sut, coop, {
      type: 'resident',
      role: 'consumer',
      firstName: 'Jeroen',
      lastName: 'van Olst',
      email: 'jeroen.vanolst@deventer.example',
      ...deventer('Nieuwstraat', '70', '7411 LN'),
    });
    const [year, month] = todayInNetherlands().split('-').map(Number);
    const expected = isoDate(new Date(Date.UTC(year, month + 1, 0)));
    const notice = await change(jeroen.id, 'notice', 'Opzegging per brief').expect(200);
    expect(notice.body).toMatchObject({ status: 'active', endsOn: expected });
    const bad = await request(sut.url).patch(`${base}/profile`).set(board).send({ noticeRule: 'end_of_week', noticePeriodMonths: 13 }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['noticePeriodMonths', 'noticeRule']);
  });
});
