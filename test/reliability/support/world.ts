import { Enrolled, TestApp, TestCooperative, createTestCooperative, enrolMember } from '@buurtcoop/testing';

/**
 * Two cooperatives in two municipalities, every kind of caller, and in cooperative A two residents and a
 * provider who became members the real way (application, approval, activation, login).
 */
export interface World {
  a: TestCooperative;
  b: TestCooperative;
  /** A resident of A. */
  resident: Enrolled;
  /** A second resident of A: the neighbour whose records the first must not see. */
  neighbour: Enrolled;
  /** A provider of A. */
  provider: Enrolled;
  tokens: {
    member: string;
    neighbour: string;
    provider: string;
    coordinator: string;
    board: string;
    treasurer: string;
    reviewer: string;
    otherBoard: string;
    otherReviewer: string;
  };
}

const address = (houseNumber: string) => ({ street: 'Snipperlingsdijk', houseNumber, postcode: '7417 BJ', city: 'Deventer' });

export async function createWorld(sut: TestApp, label: string): Promise<World> {
  const a = await createTestCooperative(sut, `${label}-a`);
  const b = await createTestCooperative(sut, `${label}-b`);
  const resident = await enrolMember(sut, a, {
    type: 'resident',
    role: 'consumer',
    firstName: 'Truus',
    lastName: 'Wolters',
    email: `truus.wolters@${label}.example`,
    dateOfBirth: '1941-03-12',
    ...address('16'),
  });
  const neighbour = await enrolMember(sut, a, { type: 'resident', role: 'consumer', firstName: 'Ans', lastName: 'Meijer', email: `ans.meijer@${label}.example`, dateOfBirth: '1950-07-01', ...address('18') });
  const provider = await enrolMember(sut, a, { type: 'provider', role: 'provider', firstName: 'Ruud', lastName: 'Bakker', email: `ruud.bakker@${label}.example`, dateOfBirth: '1979-11-23', ...address('12') });
  return {
    a,
    b,
    resident,
    neighbour,
    provider,
    tokens: {
      member: resident.accessToken,
      neighbour: neighbour.accessToken,
      provider: provider.accessToken,
      coordinator: await a.token('coordinator'),
      board: await a.token('board'),
      treasurer: await a.token('treasurer'),
      reviewer: await a.token('municipality_reviewer'),
      otherBoard: await b.token('board'),
      otherReviewer: await b.token('municipality_reviewer'),
    },
  };
}
