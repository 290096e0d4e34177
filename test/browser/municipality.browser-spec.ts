/// <reference lib="dom" />
import { BrowserSession, DEMO, DESK, logIn, openBrowser, PHONE, screenshot } from './support/browser';

/**
 * The municipality's reviewer (gemeente Deventer) reads the co-finance dashboard and reviews the half-year
 * verantwoording that the demo's board handed in for agreement Z/26/184467.
 */
describe('the municipality reviewer', () => {
  let session: BrowserSession;
  afterEach(async () => {
    await session?.close();
  });

  it('reads an agreement’s dashboard on a 360 px phone without scrolling sideways', async () => {
    session = await openBrowser(PHONE);
    const { page } = session;
    await page.goto('/municipality/dashboard');
    await logIn(page, DEMO.reviewer);
    await page.getByRole('heading', { level: 1, name: 'Dashboard cofinanciering' }).waitFor();
    await page.getByLabel('Subsidieafspraak').selectOption({ label: 'Z/26/184467 · Buurtcoöperatie Rivierenwijk' });
    await page.getByRole('heading', { level: 2, name: /^Cijfers van/ }).waitFor();
    await page.getByRole('img', { name: 'Besteed tegenover begroot, per kostenpost' }).waitFor();

    await screenshot(page, 'municipality-dashboard-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(session.problems).toEqual([]);
  });

  it('opens a dashboard and approves a report', async () => {
    session = await openBrowser(DESK);
    const { page } = session;
    await page.goto('/');
    await logIn(page, DEMO.reviewer);
    await page.getByRole('heading', { level: 1, name: 'Dashboard cofinanciering' }).waitFor();

    // All agreements first, then one agreement's figures for the first half year.
    await page.getByRole('img', { name: 'Voorschotten betaald tegenover het toegekende bedrag' }).waitFor();
    await page.getByLabel('Subsidieafspraak').selectOption({ label: 'Z/26/184467 · Buurtcoöperatie Rivierenwijk' });
    await page.getByLabel('Tot en met').fill('2027-06-30');
    await page.getByRole('button', { name: 'Periode tonen' }).click();
    await page.getByRole('heading', { level: 2, name: 'Cijfers van 1 jan 2027 tot en met 30 jun 2027' }).waitFor();
    await page.getByRole('img', { name: 'Behaald tegenover het doel' }).waitFor();
    await page.getByRole('table', { name: 'Prestatieafspraken' }).waitFor();
    await screenshot(page, 'municipality-dashboard');

    // The report waiting for review, its newest version and its PDF.
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Verantwoordingen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verantwoordingen' }).waitFor();
    await page.getByRole('link', { name: 'Verantwoording Z/26/184467, 1 jan 2027 – 30 jun 2027' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verantwoording Z/26/184467, 1 jan 2027 – 30 jun 2027' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Versie 4 (ingediend)' }).waitFor();
    await page.getByText('In het eerste halfjaar deden vrijwilligers wekelijks boodschappen').waitFor();

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PDF: versie 4 downloaden' }).click()]);
    expect(pdf.suggestedFilename()).toBe('verantwoording-Z-26-184467-v4.pdf');

    // A comment on the version, then the approval.
    await page.getByLabel('Opmerking', { exact: true }).fill('Mooi resultaat. Graag in de eindverantwoording ook het bereik in de Knutteldorp toelichten.');
    await page.getByRole('button', { name: 'Opmerking plaatsen' }).click();
    await page.getByRole('status').filter({ hasText: 'Je opmerking bij versie 4 is geplaatst.' }).waitFor();
    await page.getByText('Graag in de eindverantwoording ook het bereik in de Knutteldorp toelichten.', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Goedkeuren: verantwoording Z/26/184467 versie 4' }).click();
    await page.getByRole('status').filter({ hasText: 'De verantwoording voor Z/26/184467 is goedgekeurd.' }).waitFor();
    await page.locator('dl.facts .badge', { hasText: 'Goedgekeurd' }).waitFor();
    // Approved: no second approval is offered; the settlement (vaststelling) is.
    expect(await page.getByRole('button', { name: /^Goedkeuren/ }).count()).toBe(0);
    await page.getByRole('heading', { level: 2, name: 'Subsidie vaststellen' }).waitFor();

    await screenshot(page, 'municipality-journey');
    expect(session.problems).toEqual([]);
  });
});
