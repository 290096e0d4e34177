/// <reference lib="dom" />
import { Page } from 'playwright-core';
import { BrowserSession, DEMO, DESK, logIn, openBrowser, PHONE, screenshot } from './support/browser';

/** A calendar day some days from today, as a date input takes it. */
function dayFromToday(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** Searches garden work three weeks out: the demo's other bookings lie in the coming fortnight. */
async function searchGardenWork(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Hulp zoeken' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Hulp zoeken' }).waitFor();
  await page.getByLabel('Soort hulp').selectOption({ label: 'Tuin' });
  await page.getByLabel('Vanaf').fill(dayFromToday(21));
  await page.getByLabel('Tot en met').fill(dayFromToday(27));
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await page.getByRole('heading', { level: 2, name: 'Aanbod' }).waitFor();
}

describe('the resident’s journey', () => {
  let session: BrowserSession;
  afterEach(async () => {
    await session?.close();
  });

  it('finds a service, books a free slot, sees it confirmed once the provider accepts, and confirms delivered work', async () => {
    session = await openBrowser(DESK);
    const { page } = session;
    await page.goto('/services');
    await logIn(page, DEMO.resident);
    await searchGardenWork(page);

    // The resident's neighbour Sanne offers garden work; her page lists the free times of the period searched.
    await page.getByRole('link', { name: /^Bekijken en boeken: aanbod van Sanne/ }).click();
    await page.getByRole('heading', { level: 1, name: /Tuin bij Sanne/ }).waitFor();
    const slots = page.getByRole('group', { name: 'Kies een tijd' }).getByRole('radio');
    // The free times load after the heading.
    await slots.first().waitFor();
    await slots.first().check();
    await page.getByLabel(/Bericht voor de buurtgenoot/).fill('De heg aan de voorkant, graag.');
    await page.getByRole('button', { name: 'Aanvraag versturen' }).click();
    const sent = page.getByRole('status').filter({ hasText: 'Je aanvraag voor' });
    await sent.waitFor();
    const when = /Je aanvraag voor (.+) is verstuurd naar Sanne/.exec((await sent.textContent()) ?? '')?.[1];
    expect(when).toBeDefined();
    const booking = `Tuin, ${when}`;
    await screenshot(page, 'resident-offer');

    // Asked, not yet confirmed: the resident may still cancel it.
    await page.getByRole('link', { name: 'Mijn boekingen' }).first().click();
    const row = page.getByRole('row').filter({ hasText: when! });
    await row.getByText('Aangevraagd').waitFor();
    await row.getByRole('button', { name: `Annuleren: ${booking}` }).waitFor();

    // The provider confirms the new request.
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL('**/login');
    await page.goto('/incoming-requests');
    await page.waitForURL('**/login?next=%2Fincoming-requests');
    await logIn(page, DEMO.provider);
    await page.getByRole('heading', { level: 1, name: 'Aanvragen' }).waitFor();
    await page.getByRole('button', { name: `Bevestigen: aanvraag ${booking}` }).click();
    await page.getByRole('status').filter({ hasText: `Je hebt ${booking} bevestigd` }).waitFor();
    await page.getByRole('row').filter({ hasText: when! }).getByText('Bevestigd').waitFor();
    await screenshot(page, 'provider-requests');

    // Back as the resident: the booking stands confirmed.
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL('**/login');
    await page.goto('/my-bookings');
    await page.waitForURL('**/login?next=%2Fmy-bookings');
    await logIn(page, DEMO.resident);
    const confirmed = page.getByRole('row').filter({ hasText: when! });
    await confirmed.getByText('Bevestigd').waitFor();
    expect(await confirmed.getByText('Aangevraagd').count()).toBe(0);

    // Yesterday's groceries (demo): Sanne delivered them and logged her hour; the resident confirms the work.
    const delivered = page.getByRole('row').filter({ hasText: 'Uitgevoerd, graag bevestigen' }).filter({ hasText: 'Boodschappen' });
    await delivered.getByRole('button', { name: /^Klopt, afronden: Boodschappen/ }).click();
    await page.getByRole('status').filter({ hasText: /Bedankt! Boodschappen, .+ is afgerond\./ }).waitFor();
    // The list reloads: the row now reads completed, with the review form's button.
    await delivered.waitFor({ state: 'detached' });

    await screenshot(page, 'resident-journey');
    expect(session.problems).toEqual([]);
  });

  it('fits the search for a service on a 360 px phone', async () => {
    session = await openBrowser(PHONE);
    const { page } = session;
    await page.goto('/services');
    await logIn(page, DEMO.resident);
    await page.getByLabel('Soort hulp').selectOption({ label: 'Tuin' });
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('link', { name: /^Bekijken en boeken: aanbod van Sanne/ }).waitFor();

    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await screenshot(page, 'resident-find-phone');
    expect(session.problems).toEqual([]);
  });
});
