/// <reference lib="dom" />
import { BrowserSession, DEMO, DESK, logIn, openBrowser, PHONE, screenshot } from './support/browser';

describe('the board and the coordinator', () => {
  let session: BrowserSession;
  afterEach(async () => {
    await session?.close();
  });

  it('a board member (bestuur@rivierenwijk.example) approves an application that came in through the sign-up page', async () => {
    session = await openBrowser(DESK);
    const { page } = session;
    // The applicant: a fresh one, so this journey owns its data on the shared server.
    const email = `noor.hendriks.${Date.now().toString(36)}@example.nl`;

    await page.goto('/sign-up?cooperative=rivierenwijk');
    await page.getByRole('heading', { level: 1, name: /Lid worden van/ }).waitFor();
    await page.getByLabel('Soort lidmaatschap').selectOption({ label: 'Bewoner' });
    await page.getByLabel('Voornaam').fill('Noor');
    await page.getByLabel('Achternaam').fill('Hendriks');
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Straat').fill('Ruysdaelstraat');
    await page.getByLabel('Huisnummer').fill('17');
    await page.getByLabel('Postcode').fill('74');
    await page.getByLabel('Plaats').fill('Deventer');
    await page.getByRole('button', { name: 'Aanmelding versturen' }).click();
    // The API's refusals stand next to the fields they are about.
    await page.locator('#field-postcode-error').waitFor();
    await page.locator('#field-privacyConsent-error').waitFor();
    expect(await page.getAttribute('#field-postcode', 'aria-invalid')).toBe('true');

    await page.getByLabel('Postcode').fill('7412 BK');
    await page.getByLabel(/Ik heb de privacyverklaring gelezen/).check();
    await page.getByRole('button', { name: 'Aanmelding versturen' }).click();
    await page.getByRole('status').filter({ hasText: 'Je aanmelding is verstuurd' }).waitFor();

    await page.goto('/login');
    await logIn(page, DEMO.board);
    await page.getByRole('link', { name: 'Aanmeldingen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Aanmeldingen' }).waitFor();
    await page.getByRole('link', { name: 'Aanmelding van Noor Hendriks bekijken' }).click();
    await page.getByRole('heading', { level: 1, name: 'Aanmelding van Noor Hendriks' }).waitFor();
    expect(await page.getByText(email).count()).toBe(1);

    await page.getByRole('button', { name: 'Aannemen als lid: Noor Hendriks' }).click();
    const approved = page.getByRole('status').filter({ hasText: 'Noor Hendriks is aangenomen als lid nummer' });
    await approved.waitFor();
    // The page reloads the application after the notice: wait for its new status rather than read it at once.
    await page.getByText('Aangenomen', { exact: true }).first().waitFor();

    await page.getByRole('link', { name: 'Ledenregister' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ledenregister' }).waitFor();
    await page.getByRole('searchbox', { name: /Zoeken/ }).fill(email);
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/search=/);
    const row = page.getByRole('row').filter({ hasText: email });
    await row.getByRole('link', { name: 'Noor Hendriks' }).waitFor();
    await row.getByText('Actief').waitFor();
    await row.getByRole('link', { name: 'Noor Hendriks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Noor Hendriks' }).waitFor();
    await page.getByRole('cell', { name: 'Lid geworden' }).waitFor();
    await screenshot(page, 'board-journey');

    // The applications list fits a 360 px phone without scrolling sideways.
    await page.setViewportSize(PHONE);
    await page.goto('/applications?status=approved');
    await page.getByRole('heading', { level: 1, name: 'Aanmeldingen' }).waitFor();
    await page.getByRole('link', { name: 'Aanmelding van Noor Hendriks bekijken' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'board-applications-phone');
    expect(session.problems).toEqual([]);
  });

  it('the coordinator (makelaar@rivierenwijk.example) opens the help requests and a request’s matching', async () => {
    session = await openBrowser(DESK);
    const { page } = session;
    await logIn(page, DEMO.coordinator);
    await page.getByRole('link', { name: 'Hulpvragen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hulpvragen' }).waitFor();
    await page.getByRole('link', { name: 'Zoek een aanbieder: hulpvraag van Wilhelmina ter Horst' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hulpvraag van Wilhelmina ter Horst' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Passende aanbieders' }).waitFor();
    // The demo's grocery offer serves her postcode; its free times each carry a proposal button.
    await page.getByRole('button', { name: /^Voorstellen: Sanne Mulder op / }).first().waitFor();
    await page.getByText(/^Sanne Mulder op .*\.$/).waitFor();
    await screenshot(page, 'coordinator-matching');
    expect(session.problems).toEqual([]);
  });
});
