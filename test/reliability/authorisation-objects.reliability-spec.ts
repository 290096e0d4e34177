import request, { Response } from 'supertest';
import { TestApp, bearer, createTestApp } from '@buurtcoop/testing';
import { ACTORS, AUTHORISATION_MATRIX } from './authorisation-matrix';
import { World, createWorld } from './support/world';
import { recordCases } from './summary';

interface Attempt {
  what: string;
  send: () => Promise<Response>;
  /** Status and problem code the product answers. */
  status: number;
  code?: string;
}

/**
 * Object-level authorisation: a member holds the permission for the route (the matrix checks that), but the
 * object is another member's. The product answers 404 where naming the object would reveal that it exists
 * (bookings, help requests, invoices, offers), and 403 where the route names a member or agreement the
 * caller already knows of and refuses by rule (another member's notifications, attestations of another
 * member's agreement) or where the caller's role lacks the permission (SEPA mandates, credential checks).
 */
describe('Authorisation of objects: a member and another member’s records', () => {
  let sut: TestApp;
  let world: World;
  let base: string;
  const ids = {} as { offer: string; booking: string; helpRequest: string; credential: string; invoice: string; mandate: string; agreement: string };

  const api = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, token: string, body?: object) => {
    const call = request(sut.url)[method](`${base}${path}`).set(bearer(token));
    return body === undefined ? call : call.send(body);
  };
  const created = async (response: Promise<Response>): Promise<string> => {
    const r = await response;
    if (r.status !== 201 && r.status !== 200) throw new Error(`Setting up failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.id as string;
  };

  beforeAll(async () => {
    sut = await createTestApp();
    world = await createWorld(sut, 'objects');
    base = `/api/v1/cooperatives/${world.a.cooperativeId}`;
    const { tokens } = world;
    const categories = (await api('get', '/service-categories', tokens.provider)).body as Array<{ id: string; code: string }>;
    const klussen = categories.find((c) => c.code === 'klussen')!.id;
    ids.offer = await created(
      api('post', '/offers', tokens.provider, {
        categoryId: klussen,
        description: 'Kleine klussen in huis: kraan, plank ophangen, lamp vervangen.',
        serviceArea: [{ from: '7411', to: '7419' }],
        rateCents: 1250,
        maxBookingsPerDay: 4,
        windows: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: '09:00', endTime: '17:00' })),
      }),
    );
    const from = new Date(Date.now() + 7 * 86_400_000);
    const search = await api('get', `/offers/search?categoryId=${klussen}&postcode=7417BJ&from=${from.toISOString()}&to=${new Date(from.getTime() + 3 * 86_400_000).toISOString()}`, tokens.member);
    ids.booking = await created(api('post', '/bookings', tokens.member, { offerId: ids.offer, start: search.body[0].slots[0].start, notes: 'De kraan in de keuken lekt.' }));
    ids.helpRequest = await created(api('post', '/help-requests', tokens.member, { categoryId: klussen, description: 'Wie kan de dakgoot schoonmaken voor de winter?' }));
    const today = new Date().toISOString().slice(0, 10);
    ids.credential = await created(api('post', '/credentials', tokens.provider, { kind: 'vog', description: 'VOG Dienstverlening aan huis', issuedOn: today, expiresOn: `${Number(today.slice(0, 4)) + 3}-01-01` }));
    ids.invoice = await created(api('post', '/invoices', tokens.treasurer, { memberId: world.resident.id, lines: [{ description: 'Contributie', amountCents: 2400, accountCode: '8000' }] }));
    await api('put', '/sepa/settings', tokens.treasurer, { creditorId: 'NL57ZZZ999999999999', creditorName: 'Buurtcoöperatie Incasso', iban: 'NL44RABO0123456789', bic: 'RABONL2U' }).expect(200);
    ids.mandate = await created(api('post', '/me/sepa-mandates', tokens.member, { iban: 'NL91ABNA0417164300', accountHolderName: 'T. Wolters', agree: true }));
    ids.agreement = await created(
      api('post', '/participation-agreements', tokens.board, { memberId: world.provider.id, minutesPerMonth: 240, purpose: 'vrijwilligerswerk', description: 'Klussen bij ouderen', startsOn: '2026-01-01' }),
    );
    await api('put', `/participation-agreements/${ids.agreement}/attestation-consent`, tokens.provider).expect(200);
    await api('put', '/members/me/categories', tokens.member, { categories: ['age_65_plus'], consent: true }).expect(200);
  });
  afterAll(() => sut.close());

  it('refuses every attempt on another member’s objects, and leaves them as they were', async () => {
    const { tokens } = world;
    const neighbour = tokens.neighbour;
    const month = new Date(Date.now() - 31 * 86_400_000).toISOString().slice(0, 7);
    const bodyOf: Record<string, object> = { deliver: { actualMinutes: 60 }, dispute: { reason: 'Er is niets gedaan.' } };
    const attempts: Attempt[] = [
      ...['', '/reviews'].map((suffix) => ({ what: `read the booking${suffix}`, send: () => api('get', `/bookings/${ids.booking}${suffix}`, neighbour), status: 404 })),
      ...['confirm', 'decline', 'cancel', 'no-show', 'deliver', 'complete', 'dispute'].map((action) => ({
        what: `${action} the booking`,
        send: () => api('post', `/bookings/${ids.booking}/${action}`, neighbour, bodyOf[action] ?? {}),
        status: 404,
      })),
      { what: 'review the booking', send: () => api('post', `/bookings/${ids.booking}/reviews`, neighbour, { rating: 5 }), status: 404 },
      { what: 'read the help request', send: () => api('get', `/help-requests/${ids.helpRequest}`, neighbour), status: 404 },
      ...['accept', 'decline', 'withdraw'].map((action) => ({ what: `${action} the help request`, send: () => api('post', `/help-requests/${ids.helpRequest}/${action}`, neighbour, {}), status: 404 })),
      { what: 'change the provider’s offer', send: () => api('patch', `/offers/${ids.offer}`, neighbour, { paused: true }), status: 404 },
      { what: 'add days away to the provider’s offer', send: () => api('post', `/offers/${ids.offer}/exceptions`, neighbour, { fromDate: '2027-01-04', toDate: '2027-01-05' }), status: 404 },
      { what: 'verify the provider’s own credential', send: () => api('post', `/credentials/${ids.credential}/verify`, tokens.provider, {}), status: 403, code: 'permission_denied' },
      { what: 'read the invoice', send: () => api('get', `/me/invoices/${ids.invoice}`, neighbour), status: 404 },
      { what: 'download the invoice', send: () => api('get', `/me/invoices/${ids.invoice}/pdf`, neighbour), status: 404 },
      { what: 'read the invoice through the treasurer’s route', send: () => api('get', `/invoices/${ids.invoice}`, neighbour), status: 403, code: 'permission_denied' },
      { what: 'read the member’s statement', send: () => api('get', `/members/${world.resident.id}/statement`, neighbour), status: 403, code: 'permission_denied' },
      { what: 'read the SEPA mandate', send: () => api('get', `/sepa/mandates/${ids.mandate}`, neighbour), status: 403, code: 'permission_denied' },
      // Another member's history does not exist for a member: answered like a member id of nobody.
      { what: 'read the member’s notifications', send: () => api('get', `/members/${world.resident.id}/notifications`, neighbour), status: 404, code: 'member_not_found' },
      { what: 'read the member record', send: () => api('get', `/members/${world.resident.id}`, neighbour), status: 403, code: 'permission_denied' },
      { what: 'have an attestation of another’s agreement issued', send: () => api('get', `/participation-agreements/${ids.agreement}/attestations/${month}`, neighbour), status: 403, code: 'participation_not_your_agreement' },
      { what: 'withdraw the consent to another’s attestations', send: () => api('delete', `/participation-agreements/${ids.agreement}/attestation-consent`, neighbour), status: 403, code: 'participation_not_your_agreement' },
      { what: 'give consent to attestations of another’s agreement', send: () => api('put', `/participation-agreements/${ids.agreement}/attestation-consent`, neighbour), status: 403, code: 'participation_not_your_agreement' },
      { what: 'read the agreement', send: () => api('get', `/participation-agreements/${ids.agreement}`, neighbour), status: 403, code: 'permission_denied' },
    ];
    const mismatches: string[] = [];
    for (const attempt of attempts) {
      const response = await attempt.send();
      const got = { status: response.status, code: response.body?.code };
      if (got.status !== attempt.status || (attempt.code !== undefined && got.code !== attempt.code)) {
        mismatches.push(`${attempt.what}: expected ${attempt.status} ${attempt.code ?? ''}, got ${got.status} ${got.code ?? ''}`);
      }
    }
    recordCases('authorisation', 'another member’s objects', { tried: attempts.length, failed: mismatches.length });
    expect(mismatches).toEqual([]);

    // Nothing changed: the booking is still requested, the help request open, the offer live, the credential unverified.
    expect((await api('get', `/bookings/${ids.booking}`, tokens.member).expect(200)).body.status).toBe('requested');
    expect((await api('get', `/help-requests/${ids.helpRequest}`, tokens.member).expect(200)).body.status).toBe('open');
    expect((await api('get', `/offers/${ids.offer}`, tokens.provider).expect(200)).body.paused).toBe(false);
    expect((await api('get', '/credentials/mine', tokens.provider).expect(200)).body.map((c: { id: string; verified: boolean }) => [c.id, c.verified])).toEqual([[ids.credential, false]]);
    expect((await api('get', `/participation-agreements/${ids.agreement}`, tokens.board).expect(200)).body.attestationConsent).toBeTruthy();
  });

  it('lists only the caller’s own records in every "mine" list', async () => {
    const { tokens } = world;
    const ownLists: Array<[string, string]> = [
      ['/bookings/mine', ids.booking],
      ['/help-requests', ids.helpRequest],
      ['/offers/mine', ids.offer],
      ['/credentials/mine', ids.credential],
      ['/me/invoices', ids.invoice],
      ['/me/sepa-mandates', ids.mandate],
      ['/me/participation-agreements', ids.agreement],
      ['/me/statement', ids.invoice],
      ['/hours/mine', world.resident.id],
      ['/me/obligations', ids.invoice],
      ['/members/me/notifications', world.resident.id],
      ['/me/payment-notices', ids.invoice],
      ['/me/allowances', world.provider.id],
      ['/members/me/data', world.resident.email],
    ];
    const leaks: string[] = [];
    for (const [path, foreign] of ownLists) {
      const response = await api('get', path, tokens.neighbour);
      if (response.status !== 200) leaks.push(`${path}: ${response.status} ${response.body?.code ?? ''}`);
      else if (JSON.stringify(response.body).includes(foreign)) leaks.push(`${path} shows ${foreign}`);
    }
    // The owner's own list does show them, so the check above is not vacuous.
    for (const [path, own, token] of [
      ['/bookings/mine', ids.booking, tokens.member],
      ['/me/invoices', ids.invoice, tokens.member],
      ['/me/sepa-mandates', ids.mandate, tokens.member],
      ['/me/participation-agreements', ids.agreement, tokens.provider],
      ['/credentials/mine', ids.credential, tokens.provider],
    ] as const) {
      const body = JSON.stringify((await api('get', path, token)).body);
      if (!body.includes(own)) leaks.push(`${path} does not show the owner their own ${own}`);
    }
    recordCases('authorisation', 'own-records lists', { tried: ownLists.length + 5, failed: leaks.length });
    expect(leaks).toEqual([]);
  });

  it('shows IBANs, dates of birth, vulnerability categories and secrets only where the route needs them', async () => {
    // Every GET route, for every caller the matrix allows, with the world's real objects as path parameters.
    const sensitiveKey = /iban|birth|vulnerab|^categories$|bsn|password|token|secret/i;
    const sensitiveValues: Record<string, string> = { 'NL91ABNA0417164300': 'full IBAN', '1941-03-12': 'date of birth', age_65_plus: 'vulnerability category' };
    const personal = [world.resident.email, 'Wolters', 'Snipperlingsdijk', ...Object.keys(sensitiveValues)];
    const idFor = (path: string, name: string): string | undefined => {
      if (name === 'cooperativeId') return world.a.cooperativeId;
      if (name === 'municipalityId') return world.a.municipalityId;
      if (name === 'slug') return world.a.slug;
      if (name === 'memberId' || (name === 'id' && path.includes('/members/{id}'))) return world.resident.id;
      const byCollection: Record<string, string> = {
        bookings: ids.booking,
        'help-requests': ids.helpRequest,
        offers: ids.offer,
        invoices: ids.invoice,
        mandates: ids.mandate,
        'participation-agreements': ids.agreement,
      };
      const collection = new RegExp(`/([a-z-]+)/\\{${name}\\}`).exec(path)?.[1];
      return collection ? byCollection[collection] : undefined;
    };
    const keysOf = (value: unknown, prefix = ''): string[] => {
      if (Array.isArray(value)) return value.flatMap((item) => keysOf(item, `${prefix}[]`));
      if (value === null || typeof value !== 'object') return [];
      return Object.entries(value).flatMap(([k, v]) => [`${prefix}${k}`, ...keysOf(v, `${prefix}${k}.`)]);
    };
    const findings = new Set<string>();
    let tried = 0;
    let walked = 0;
    for (const row of AUTHORISATION_MATRIX.filter((r) => r.method === 'GET')) {
      const names = [...row.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      // Routes of objects this world does not hold would only answer 404.
      if (names.some((name) => idFor(row.path, name) === undefined)) continue;
      const path = row.path.replace(/\{(\w+)\}/g, (_, name: string) => idFor(row.path, name)!);
      for (const actor of ACTORS.filter((a) => row.expected[a] === 'allow')) {
        const call = request(sut.url).get(path);
        if (actor !== 'anonymous') call.set(bearer(world.tokens[actor]));
        const response = await call;
        tried++;
        if (response.status !== 200) continue;
        walked++;
        const text = /json|text|csv/.test(response.type) ? response.text : '';
        if (response.type.includes('json')) {
          for (const key of keysOf(response.body)) if (sensitiveKey.test(key.slice(key.lastIndexOf('.') + 1).replace('[]', ''))) findings.add(`${row.path} field ${key}`);
        }
        for (const [value, kind] of Object.entries(sensitiveValues)) if (text.includes(value)) findings.add(`${row.path} ${actor} ${kind}`);
        // Municipality reviewers see aggregates only: nothing that names or describes a resident.
        if (actor === 'reviewer' || actor === 'otherReviewer') for (const value of personal) if (text.includes(value)) findings.add(`${row.path} ${actor} personal data ${value}`);
      }
    }
    const coop = '/api/v1/cooperatives/{cooperativeId}';
    const allowed: Record<string, string> = {
      [`${coop}/profile field iban`]: 'the cooperative’s own account, for members paying by bank transfer',
      [`${coop}/sepa/settings field iban`]: 'the cooperative’s creditor account, for the treasurer who collects',
      [`${coop}/sepa/mandates field []iban`]: 'masked for the board, in full for the treasurer who collects',
      [`${coop}/sepa/mandates/{id} field iban`]: 'masked for the board, in full for the treasurer who collects',
      [`${coop}/sepa/mandates treasurer full IBAN`]: 'the treasurer collects (sepa.manage)',
      [`${coop}/sepa/mandates/{id} treasurer full IBAN`]: 'the treasurer collects (sepa.manage)',
      [`${coop}/me/sepa-mandates field []iban`]: 'the member’s own mandate',
      [`${coop}/me/sepa-mandates member full IBAN`]: 'the member’s own mandate',
      [`${coop}/audit-events field []details.iban`]: 'masked (NL** … 43 00): which account a mandate was signed for',
      [`${coop}/members/me field dateOfBirth`]: 'the member’s own record',
      [`${coop}/members/me field categories`]: 'the member’s own self-declared categories',
      [`${coop}/members/me member date of birth`]: 'the member’s own record',
      [`${coop}/members/me member vulnerability category`]: 'the member’s own self-declared categories',
      [`${coop}/members/me/data field member.dateOfBirth`]: 'the member’s own data export (GDPR art. 15)',
      [`${coop}/members/me/data field member.categories`]: 'the member’s own data export',
      [`${coop}/members/me/data field categories`]: 'the member’s own data export',
      [`${coop}/members/me/data member date of birth`]: 'the member’s own data export',
      [`${coop}/members/me/data member vulnerability category`]: 'the member’s own data export',
    };
    const leaks = [...findings].filter((finding) => !(finding in allowed)).sort();
    recordCases('authorisation', 'sensitive fields in GET responses', { tried, failed: leaks.length });
    // The walk must have seen real data: the resident's own record and the treasurer's mandates among others.
    expect(walked).toBeGreaterThan(100);
    expect(findings).toContain(`${coop}/sepa/mandates treasurer full IBAN`);
    expect(leaks).toEqual([]);
  });
});
