/// <reference lib="dom" />
import { BrowserSession, DEMO, DESK, logIn, openBrowser, PHONE, screenshot } from './support/browser';

describe('the frame of the web UI', () => {
  let session: BrowserSession;
  afterEach(async () => {
    await session?.close();
  });

  it('opens on the login page in Dutch, switches to English, and shows the API\'s refusal next to the form', async () => {
    session = await openBrowser(DESK);
    const { page } = session;
    await page.goto('/');
    await page.waitForURL('**/login');
    await expectHeading(page, 'Inloggen');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');

    await page.getByRole('button', { name: 'English' }).click();
    await expectHeading(page, 'Log in');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('button', { name: 'Nederlands' }).click();

    await page.getByLabel('E-mailadres').fill(DEMO.board);
    await page.getByLabel('Wachtwoord').fill('not-the-password');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/e-mail address or password/i);

    await page.getByLabel('E-mailadres').fill('not an address');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    // The field the API names carries its message, linked from the summary.
    await page.locator('#field-email-error').waitFor();
    expect(await page.getAttribute('#field-email', 'aria-invalid')).toBe('true');
    expect(session.problems).toEqual([]);
  });

  it('keeps a deep link through the login, and fits a 360 px phone with a menu that opens', async () => {
    session = await openBrowser(PHONE);
    const { page } = session;
    await page.goto('/applications');
    await page.waitForURL('**/login?next=%2Fapplications');
    await logIn(page, DEMO.board);
    expect(new URL(page.url()).pathname).toBe('/applications');

    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await nav.waitFor();
    // Following a link closes the menu and moves focus to the new page's heading, which screen readers announce.
    const link = nav.getByRole('link').nth(1);
    const target = await link.textContent();
    await link.click();
    await page.waitForFunction(() => document.activeElement?.id === 'page-title');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBeTruthy();
    expect(target).toBeTruthy();

    // Keyboard: on a freshly loaded page the first Tab reaches the skip link.
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Naar de inhoud');
    await screenshot(page, 'shell-phone');
    expect(session.problems).toEqual([]);
  });
});

async function expectHeading(page: BrowserSession['page'], name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

describe('the session of the web UI', () => {
  let session: BrowserSession;
  afterEach(async () => {
    await session?.close();
  });

  it('stays logged in over a reload, and trades an expired access token for a new one once, however many requests find it expired', async () => {
    session = await openBrowser(DESK);
    const { page } = session;
    await page.goto('/my-invoices');
    await logIn(page, DEMO.resident);
    await page.getByRole('heading', { level: 1 }).waitFor();

    // The API answers 401 to the first call of each of the page's loads, as it does once an access token expired.
    const refused = new Set<string>();
    let refreshes = 0;
    await page.route('**/api/v1/cooperatives/**', async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (refused.has(path)) return route.continue();
      refused.add(path);
      return route.fulfill({ status: 401, contentType: 'application/problem+json', body: JSON.stringify({ status: 401, title: 'Unauthorized', code: 'not_authenticated' }) });
    });
    page.on('request', (request) => {
      if (request.url().endsWith('/api/v1/auth/refresh')) refreshes++;
    });

    // A reload keeps nothing but the refresh token: the session comes back from it.
    await page.reload();
    await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Facturen en betalen' }).waitFor();
    await page.getByRole('table').first().waitFor();
    // The page's loads (invoices and mandates) each met a 401, retried after one shared refresh, and got their data.
    expect(refused.size).toBeGreaterThanOrEqual(2);
    expect(refreshes).toBe(2); // one to restore the session after the reload, one for the expired token
    expect(new URL(page.url()).pathname).toBe('/my-invoices');
    expect(session.problems).toEqual([]);
  });
});
