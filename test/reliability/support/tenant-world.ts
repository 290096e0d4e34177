import { Module, OnModuleInit } from '@nestjs/common';
import request from 'supertest';
import { Clock, JobQueue, JobsModule, UnitOfWork, asCooperativeId, dutchDate } from '@buurtcoop/core';
import { importCredit } from '../../funding-fixtures';
import { Enrolled, TestApp, TestCooperative, bearer, createTestApp, createTestCooperative, dutchInstant, enrolMember } from '@buurtcoop/testing';

/** A job that always fails at once, so the world can hold a real dead letter. */
const FAILING_JOB = 'tenant-world-failing';

@Module({ imports: [JobsModule] })
class FailingJobModule implements OnModuleInit {
  constructor(private readonly jobs: JobQueue) {}

  onModuleInit(): void {
    this.jobs.define({
      name: FAILING_JOB,
      retryLimit: 0,
      handler: async () => {
        throw new Error('De bank gaf geen antwoord');
      },
    });
  }
}

/**
 * Two cooperatives in two municipalities, each with one user per role; cooperative B also holds a real
 * object of every resource type a route addresses by id, made through the API as its users would.
 * `objects` maps the path segment in front of an id parameter (`bookings` in `/bookings/{id}`) to B's id.
 */
export interface TenantWorld {
  sut: TestApp;
  a: TestCooperative;
  b: TestCooperative;
  objects: Record<string, string>;
  /** B's own members, with tokens, for the routes a member uses about themself. */
  bMembers: { provider: Enrolled; consumer: Enrolled };
  close(): Promise<void>;
}

/** The first item's id of a list, paged (`{ items }`) or not. */
const firstId = (list: { items?: Array<{ id: string }> } | Array<{ id: string }>): string => (Array.isArray(list) ? list : (list.items ?? []))[0]?.id;

const addDays = (day: string, n: number): string => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

export async function createTenantWorld(): Promise<TenantWorld> {
  const sut = await createTestApp({ extraModules: [FailingJobModule] });
  try {
    return await populate(sut);
  } catch (error) {
    await sut.app.get(JobQueue).stop();
    await sut.close();
    throw error;
  }
}

async function populate(sut: TestApp): Promise<TenantWorld> {
  const a = await createTestCooperative(sut, 'wereld-a');
  const b = await createTestCooperative(sut, 'wereld-b');
  const objects: Record<string, string> = { municipalities: b.municipalityId };
  const base = `/api/v1/cooperatives/${b.cooperativeId}`;
  const today = dutchDate(sut.app.get(Clock).now());
  const tokens = {
    board: bearer(await b.token('board')),
    treasurer: bearer(await b.token('treasurer')),
    coordinator: bearer(await b.token('coordinator')),
    reviewer: bearer(await b.token('municipality_reviewer')),
  };

  /** Sends one request as a user of B and insists on success; returns the body. */
  async function call(method: 'get' | 'post' | 'put' | 'patch', path: string, auth: { authorization: string }, body?: object): Promise<any> {
    const url = path.startsWith('/api/') ? path : `${base}${path}`;
    const response = await request(sut.url)[method](url).set(auth).send(body);
    if (response.status >= 300) throw new Error(`${method.toUpperCase()} ${url} → ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  // Members, applications, privacy requests: the way residents join and leave.
  const address = { city: 'Zutphen', street: 'Houtmarkt', postcode: '7201KL' };
  const provider = await enrolMember(sut, b, { type: 'provider', role: 'provider', firstName: 'Wessel', lastName: 'Brinkhorst', email: 'wessel@wereld-b.example', houseNumber: '3', ...address });
  const consumer = await enrolMember(sut, b, { type: 'resident', role: 'consumer', firstName: 'Ymke', lastName: 'Terpstra', email: 'ymke@wereld-b.example', houseNumber: '5', ...address });
  objects.members = consumer.id;
  objects.applications = consumer.applicationId;
  objects['privacy-requests'] = (await call('post', '/members/me/erasure-request', bearer(consumer.accessToken), { reason: 'Ik verhuis.' })).id;
  objects['role-assignments'] = firstId(await call('get', '/role-assignments', tokens.board));

  // Exchange: categories, credentials, offers, bookings, help requests.
  const categories = await call('get', '/service-categories', tokens.board);
  const category = categories.find((c: { code: string }) => c.code === 'tuin') ?? categories[0];
  objects['service-categories'] = category.id;
  objects.credentials = (await call('post', '/credentials', bearer(provider.accessToken), { kind: 'first_aid', issuedOn: addDays(today, -30), expiresOn: addDays(today, 700) })).id;
  const offer = await call('post', '/offers', bearer(provider.accessToken), {
    categoryId: category.id,
    description: 'Tuinonderhoud in de binnenstad',
    serviceArea: [{ from: '7201', to: '7209' }],
    rateCents: 500,
    maxBookingsPerDay: 4,
    windows: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: '09:00', endTime: '17:00' })),
  });
  objects.offers = offer.id;
  const withException = await call('post', `/offers/${offer.id}/exceptions`, bearer(provider.accessToken), { fromDate: addDays(today, 60), toDate: addDays(today, 62), reason: 'Vakantie' });
  objects.exceptions = withException.exceptions[0].id;
  const day = addDays(today, 7);
  const found = await call('get', `/offers/search?${new URLSearchParams({ categoryId: category.id, postcode: '7201 KL', from: dutchInstant(day, '00:00').toISOString(), to: dutchInstant(addDays(day, 1), '00:00').toISOString() })}`, bearer(consumer.accessToken));
  const start = found.find((r: { offerId: string }) => r.offerId === offer.id)?.slots[0]?.start;
  if (!start) throw new Error(`No free slot of B's offer: ${JSON.stringify(found)}`);
  objects.bookings = (await call('post', '/bookings', bearer(consumer.accessToken), { offerId: offer.id, start })).id;
  objects['help-requests'] = (await call('post', '/help-requests', bearer(consumer.accessToken), { categoryId: category.id, description: 'De heg moet gesnoeid worden.' })).id;

  // Finance: ledger, invoices, dues, SEPA, statements.
  const accounts = await call('get', '/ledger/accounts', tokens.treasurer);
  const accountId = (code: string) => accounts.find((acc: { code: string }) => acc.code === code).id as string;
  objects.accounts = accountId('1100');
  objects.entries = (
    await call('post', '/ledger/entries', tokens.treasurer, {
      entryDate: today,
      description: 'Kasopname',
      idempotencyKey: 'wereld-b-kas',
      lines: [
        { accountId: accountId('4000'), amountCents: 1250 },
        { accountId: accountId('1100'), amountCents: -1250 },
      ],
    })
  ).id;
  const invoice = await call('post', '/invoices', tokens.treasurer, { memberId: consumer.id, dueDate: today, lines: [{ description: 'Contributie', amountCents: 2500, accountCode: '8000' }] });
  objects.invoices = invoice.id;
  const types = (await call('get', `/api/v1/public/cooperatives/${b.slug}`, {} as never)).membershipTypes;
  const resident = types.find((t: { code: string }) => t.code === 'resident');
  await call('put', '/dues-plans', tokens.treasurer, { membershipTypeId: resident.id, yearlyAmountCents: 1200, frequency: 'yearly' });
  objects['dues-plans'] = firstId(await call('get', '/dues-plans', tokens.treasurer));
  objects['dues-runs'] = (await call('post', '/dues-runs', tokens.treasurer, { period: today.slice(0, 4) })).run.id;
  const iban = 'NL91ABNA0417164300';
  const lineId = await importCredit(sut, base, tokens.treasurer, { iban, date: today, amountCents: 4200, payer: 'Stichting Wijkfonds', text: 'Gift wijkfonds', ref: 'WERELD-B-1' });
  objects.mandates = (await call('post', '/sepa/mandates', tokens.treasurer, { memberId: consumer.id, debtorName: 'Y. Terpstra', iban: 'NL20INGB0001234567', signedOn: addDays(today, -10), kind: 'recurrent' })).id;
  const collected = await call('post', '/invoices', tokens.treasurer, { memberId: consumer.id, dueDate: addDays(today, 20), lines: [{ description: 'Bijdrage', amountCents: 1500, accountCode: '8000' }] });
  objects.batches = (await call('post', '/sepa/batches', tokens.treasurer, { collectionDate: addDays(today, 14), invoiceIds: [collected.id] })).id;
  objects['statement-lines'] = lineId;
  objects['bank-statements'] = firstId(await call('get', '/bank-statements', tokens.treasurer));
  objects['bank-accounts'] = firstId(await call('get', '/bank-accounts', tokens.treasurer));

  // Earmarked money: funds, rules, commitments, allowances, donors, grants, co-finance agreements.
  const fund = await call('post', '/funds', tokens.treasurer, {
    code: 'WIJK-B',
    name: 'Wijkfonds B',
    purpose: 'Vervoer voor ouderen',
    funderKind: 'foundation',
    restricted: true,
    startsOn: addDays(today, -30),
    endsOn: addDays(today, 300),
    budgetCents: 500_000,
  });
  objects.funds = fund.id;
  objects['fund-rules'] = (await call('post', '/fund-rules', tokens.treasurer, { fundId: fund.id, accountCode: '4000', sharePercent: 50, validFrom: addDays(today, -30), validThrough: addDays(today, 300) })).id;
  const commitment = await call('post', `/funds/${fund.id}/commitments`, tokens.treasurer, { description: 'Bakfiets', amountCents: 10_000, committedOn: today });
  objects.commitments = commitment.id;
  objects.allowances = (await call('post', '/allowances', tokens.treasurer, { memberId: provider.id, month: today.slice(0, 7), hours: 2, amountCents: 1000, description: 'Boodschappen rijden' })).id;
  const donor = await call('post', '/donors', tokens.treasurer, { kind: 'company', name: 'Bakkerij Van Dijk' });
  objects.donors = donor.id;
  objects.donations = (await call('post', `/donors/${donor.id}/donations`, tokens.treasurer, { amountCents: 2_500, receivedOn: today, channel: 'cash' })).id;
  objects.pledges = (await call('post', `/donors/${donor.id}/pledges`, tokens.treasurer, { amountCents: 1_000, frequency: 'month', startsOn: today, channel: 'bank_transfer' })).id;
  const grant = await call('post', '/grants', tokens.treasurer, { foundationName: 'Oranje Fonds', project: 'Buurtkamer', requestedCents: 1_500_000, submittedOn: addDays(today, -20) });
  const awarded = await call('post', `/grants/${grant.id}/award`, tokens.treasurer, {
    decidedOn: addDays(today, -10),
    awardedCents: 1_200_000,
    startsOn: addDays(today, -5),
    endsOn: addDays(today, 360),
    conditions: 'Vermelding van het fonds',
    reportsDue: [{ dueOn: addDays(today, 200), description: 'Tussenrapportage' }],
    tranches: [{ expectedOn: addDays(today, 10), amountCents: 900_000 }],
  });
  objects.grants = grant.id;
  objects.tranches = awarded.tranches[0].id;
  objects.reports = awarded.reports[0].id;
  const agreement = await call('post', '/agreements', tokens.treasurer, {
    reference: 'Z/27/555002',
    startsOn: addDays(today, -60),
    endsOn: addDays(today, 300),
    grantedCents: 3_000_000,
    ratio: { numerator: 1, denominator: 1 },
    advances: [{ expectedOn: addDays(today, -55), amountCents: 2_800_000 }],
    reportsDue: [],
    targets: [{ kind: 'hours_delivered', target: 200 }],
  });
  objects.agreements = agreement.id;
  objects.advances = agreement.advances[0].id;
  const report = await call('post', `/agreements/${agreement.id}/accountability-reports`, tokens.board, { from: addDays(today, -60), through: addDays(today, 300) });
  objects['accountability-reports'] = report.id;
  objects['participation-agreements'] = (
    await call('post', '/participation-agreements', tokens.board, { memberId: provider.id, minutesPerMonth: 60, purpose: 'tegenprestatie', description: 'Klussen', startsOn: `${today.slice(0, 7)}-01` })
  ).id;

  // Obligations and payment notices follow from the invoice once it is overdue; the clock moves on for that, and back.
  const clock = sut.app.get(Clock);
  clock.setTo(new Date(clock.now().getTime() + 10 * 24 * 3600_000));
  try {
    await call('post', '/obligations/evaluate', tokens.board);
    objects.obligations = firstId(await call('get', '/obligations', tokens.board));
    await call('post', '/dunning/run', tokens.treasurer);
    objects['payment-notices'] = firstId(await call('get', '/payment-notices', tokens.treasurer));
  } finally {
    clock.setTo(new Date());
  }

  // A dead letter: a job of B that failed its only attempt.
  const jobs = sut.app.get(JobQueue);
  await sut.app.get(UnitOfWork).run({ cooperativeId: asCooperativeId(b.cooperativeId) }, () => jobs.send(FAILING_JOB, { cooperativeId: b.cooperativeId }));
  await jobs.start({ pollingIntervalSeconds: 0.5 });
  for (let waited = 0; !objects['dead-letters']; waited += 250) {
    if (waited > 30_000) throw new Error('No dead letter within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
    objects['dead-letters'] = firstId(await call('get', '/jobs/dead-letters', tokens.board));
  }
  await jobs.stop();

  return {
    sut,
    a,
    b,
    objects,
    bMembers: { provider, consumer },
    async close() {
      await sut.app.get(JobQueue).stop();
      await sut.close();
    },
  };
}

