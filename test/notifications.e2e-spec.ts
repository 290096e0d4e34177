import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { MailService, UnitOfWork, asCooperativeId } from '@buurtcoop/core';
import { Applicant, Enrolled, TestApp, TestCooperative, bearer, createTestApp, createTestCooperative, enrolMember } from '@buurtcoop/testing';

interface Notification {
  id: string;
  kind: string;
  language: string;
  to: string;
  subject: string;
  body: string;
  status: string;
  createdAt: string;
  sentAt: string | null;
}

const resident = (firstName: string, lastName: string, email: string, houseNumber: string): Applicant => ({
  type: 'resident',
  role: 'consumer',
  firstName,
  lastName,
  email,
  street: 'Rembrandtkade',
  houseNumber,
  postcode: '7411 AB',
  city: 'Deventer',
});

describe('Notifications: bilingual mail and each member’s history', () => {
  let sut: TestApp;
  let coop: TestCooperative;
  let board: { authorization: string };
  let cooperativeName: string;
  let anneke: Enrolled;
  let oliver: Enrolled;

  beforeAll(async () => {
    sut = await createTestApp();
    coop = await createTestCooperative(sut, 'berichten');
    board = bearer(await coop.token('board'));
    cooperativeName = (await request(sut.url).get(`/api/v1/public/cooperatives/${coop.slug}`).expect(200)).body.name;
    // Anneke states no language (Dutch by default); Oliver asks for English.
    anneke = await enrolMember(sut, coop, resident('Anneke', 'Hoekstra', 'anneke.hoekstra@rivierenwijk.example', '4'));
    oliver = await enrolMember(sut, coop, { ...resident('Oliver', 'Grant', 'oliver.grant@rivierenwijk.example', '6'), language: 'en' } as Applicant);
  });
  afterAll(() => sut.close());

  const base = () => `/api/v1/cooperatives/${coop.cooperativeId}`;
  const history = (memberId: string, as: { authorization: string }, query = '') => request(sut.url).get(`${base()}/members/${memberId}/notifications${query}`).set(as);
  /** A message to a member the way any feature writes one: a template, in their transaction. */
  const notify = (member: Enrolled, language: 'nl' | 'en', subject: string) =>
    sut.app.get(UnitOfWork).run({ cooperativeId: asCooperativeId(coop.cooperativeId) }, () =>
      sut.app.get(MailService).send(
        { kind: 'test.notice', nl: (p: { s: string }) => ({ subject: `NL ${p.s}`, body: `Beste buur, ${p.s}` }), en: (p: { s: string }) => ({ subject: `EN ${p.s}`, body: `Dear neighbour, ${p.s}` }) },
        { s: subject },
        { to: member.email, language, memberId: member.id },
      ),
    );

  it('writes the invitation in Dutch to a member without a preference and in English to one who asked for it', async () => {
    const [nl] = (await history(anneke.id, board).expect(200)).body.items as Notification[];
    expect(nl).toMatchObject({ kind: 'member.invitation', language: 'nl', to: anneke.email, subject: `Welkom bij ${cooperativeName}`, status: 'pending', sentAt: null });
    expect(nl.body).toContain('Beste Anneke,');
    expect(nl.body).toContain(`U bent nu lid van ${cooperativeName}, met lidnummer ${anneke.memberNumber}.`);
    expect(nl.body).not.toMatch(/Dear|member number/);

    const [en] = (await history(oliver.id, board).expect(200)).body.items as Notification[];
    expect(en).toMatchObject({ kind: 'member.invitation', language: 'en', to: oliver.email, subject: `Welcome to ${cooperativeName}` });
    expect(en.body).toContain('Dear Oliver,');
    expect(en.body).toContain(`with member number ${oliver.memberNumber}.`);
    expect(en.body).not.toMatch(/Beste|lidnummer/);
  });

  it('writes a rejection in the applicant’s language, outside any member’s history', async () => {
    const info = (await request(sut.url).get(`/api/v1/public/cooperatives/${coop.slug}`).expect(200)).body;
    const submitted = await request(sut.url)
      .post(`/api/v1/public/cooperatives/${coop.slug}/applications`)
      .send({
        ...resident('Sophie', 'Turner', 'sophie.turner@elders.example', '8'),
        type: undefined,
        language: 'en',
        membershipTypeId: info.membershipTypes.find((t: { code: string }) => t.code === 'resident').id,
        privacyConsent: true,
        privacyStatementVersion: info.privacyStatement.version,
      })
      .expect(201);
    await request(sut.url).post(`${base()}/applications/${submitted.body.id}/reject`).set(board).send({ reason: 'You live outside our area.' }).expect(200);
    const outbox = (await request(sut.url).get(`${base()}/outbox?limit=200`).set(board).expect(200)).body as Array<Notification & { memberId: string | null }>;
    const rejection = outbox.find((m) => m.to === 'sophie.turner@elders.example');
    expect(rejection).toMatchObject({ kind: 'application.rejected', language: 'en', memberId: null, subject: `Your application to ${cooperativeName}` });
    expect(rejection!.body).toContain('Dear Sophie,');
    expect(rejection!.body).toContain('You live outside our area.');
  });

  it('shows a member their own messages, newest first, a page at a time, at their id and at /me', async () => {
    await notify(anneke, 'nl', 'uw boodschappen komen dinsdag');
    await notify(anneke, 'nl', 'de klusdienst komt donderdag');
    await notify(oliver, 'en', 'your groceries arrive on Tuesday');
    const own = bearer(anneke.accessToken);

    const all = (await history(anneke.id, own).expect(200)).body;
    expect(all.total).toBe(3);
    expect(all.items.map((m: Notification) => m.subject)).toEqual(['NL de klusdienst komt donderdag', 'NL uw boodschappen komen dinsdag', `Welkom bij ${cooperativeName}`]);
    expect(all.items.every((m: Notification) => m.to === anneke.email)).toBe(true);
    expect(all.items[0].body).toBe('Beste buur, de klusdienst komt donderdag');

    const page2 = (await history(anneke.id, own, '?page=2&pageSize=2').expect(200)).body;
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.items.map((m: Notification) => m.subject)).toEqual([`Welkom bij ${cooperativeName}`]);

    const me = (await request(sut.url).get(`${base()}/members/me/notifications`).set(own).expect(200)).body;
    expect(me.items.map((m: Notification) => m.id)).toEqual(all.items.map((m: Notification) => m.id));
  });

  it('answers a member who names another member’s history with 404, as for a member of nobody, and the board sees anyone’s (audited)', async () => {
    const refused = await history(oliver.id, bearer(anneke.accessToken)).expect(404);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'member_not_found', detail: 'Member was not found' });
    const nobody = await history(randomUUID(), bearer(anneke.accessToken)).expect(404);
    expect(nobody.body).toMatchObject({ code: 'member_not_found', detail: 'Member was not found' });
    // A coordinator may look members up, but not read their mail: to them another's history is not there either.
    expect((await history(oliver.id, bearer(await coop.token('coordinator'))).expect(404)).body.code).toBe('member_not_found');

    const seen = (await history(oliver.id, board).expect(200)).body;
    expect(seen.items.map((m: Notification) => m.subject)).toEqual(['EN your groceries arrive on Tuesday', `Welcome to ${cooperativeName}`]);
    const [audit] = await sut.database.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE cooperative_id = $1 AND action = 'member.notifications.view' AND object_id = $2`, [
      coop.cooperativeId,
      oliver.id,
    ]);
    expect(audit.n).toBeGreaterThan(0);

    await history('6f9619ff-8b86-4011-b42d-00c04fc964ff', board).expect(404);
    await history('not-a-uuid', board).expect(400);
    const badPage = await history(oliver.id, board, '?pageSize=500').expect(400);
    expect(JSON.stringify(badPage.body)).toContain('pageSize');
  });

  it('keeps another cooperative’s board out', async () => {
    const other = await createTestCooperative(sut, 'anderecoop');
    const otherBoard = bearer(await other.token('board'));
    // Not their cooperative: it does not exist for them; nor does Oliver in their own.
    await request(sut.url).get(`${base()}/members/${oliver.id}/notifications`).set(otherBoard).expect(404);
    await request(sut.url).get(`/api/v1/cooperatives/${other.cooperativeId}/members/${oliver.id}/notifications`).set(otherBoard).expect(404);
  });
});
