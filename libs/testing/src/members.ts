import request from 'supertest';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { MemberEnrolmentService } from '@buurtcoop/membership';
import { TestApp } from './test-app';
import { TestCooperative, login } from './factories';

/** The password every enrolled member sets through their activation link. */
export const MEMBER_PASSWORD = 'IJsselkade-voorjaar-2026';

export interface Applicant {
  /** Code of the membership type applied for (`resident`, `household`, …). */
  type: string;
  role: 'consumer' | 'provider' | 'both';
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
  street: string;
  houseNumber: string;
  postcode: string;
  city: string;
  dateOfBirth?: string;
  householdPersons?: Array<{ firstName: string; lastName: string; dateOfBirth?: string }>;
}

export interface Enrolled {
  id: string;
  memberNumber: number;
  applicationId: string;
  email: string;
  /** Bearer token of the member's own, activated account. */
  accessToken: string;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * Makes a member the way a resident becomes one: the public form, the board's approval, the
 * activation link from the invitation in the outbox, and a first login.
 */
export async function enrolMember(sut: TestApp, coop: TestCooperative, applicant: Applicant): Promise<Enrolled> {
  const info = await request(sut.url).get(`/api/v1/public/cooperatives/${coop.slug}`).expect(200);
  const type = info.body.membershipTypes.find((t: { code: string }) => t.code === applicant.type);
  if (!type) throw new Error(`No membership type ${applicant.type}`);
  const { type: _code, ...fields } = applicant;
  const submitted = await request(sut.url)
    .post(`/api/v1/public/cooperatives/${coop.slug}/applications`)
    .send({ ...fields, membershipTypeId: type.id, privacyConsent: true, privacyStatementVersion: info.body.privacyStatement.version })
    .expect(201);
  const board = bearer(await coop.token('board'));
  const approved = await request(sut.url).post(`/api/v1/cooperatives/${coop.cooperativeId}/applications/${submitted.body.id}/approve`).set(board).expect(200);
  const outbox = await request(sut.url).get(`/api/v1/cooperatives/${coop.cooperativeId}/outbox?limit=200`).set(board).expect(200);
  const invitation = outbox.body.find((m: { kind: string; to: string }) => m.kind === 'member.invitation' && m.to === applicant.email.toLowerCase());
  const token = /\/activate\?token=([A-Za-z0-9_-]+)/.exec(invitation?.body ?? '')?.[1];
  if (!token) throw new Error(`No activation link for ${applicant.email} in the outbox`);
  await request(sut.url).post('/api/v1/auth/activate').send({ token, password: MEMBER_PASSWORD }).expect(204);
  return {
    id: approved.body.member.id,
    memberNumber: approved.body.member.memberNumber,
    applicationId: submitted.body.id,
    email: applicant.email,
    accessToken: await login(sut, applicant.email, MEMBER_PASSWORD),
  };
}


/**
 * Registers a member straight through the enrolment service, with the joining date an import would carry:
 * for tests about billing rather than joining. Returns the member id.
 */
export async function registerMember(
  sut: TestApp,
  cooperativeId: CooperativeId,
  m: { membershipTypeId: string; lastName: string; joinedOn: string; street?: string; houseNumber?: string; postcode?: string; householdPersons?: Array<{ firstName: string; lastName: string }> },
): Promise<string> {
  const member = await sut.app.get(UnitOfWork).run({ cooperativeId }, () =>
    sut.app.get(MemberEnrolmentService).enrol(
      cooperativeId,
      {
        membershipTypeId: m.membershipTypeId,
        role: 'consumer',
        firstName: 'Test',
        lastName: m.lastName,
        organisationName: null,
        email: null,
        phone: null,
        street: m.street ?? 'Brinkgreverweg',
        houseNumber: m.houseNumber ?? '12',
        postcode: m.postcode ?? '7413AB',
        city: 'Deventer',
        dateOfBirth: null,
        language: 'nl',
        householdPersons: m.householdPersons ?? [],
        joinedOn: m.joinedOn,
        invite: false,
      },
      null,
    ),
  );
  return member.id;
}
