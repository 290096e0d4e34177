/// <reference lib="dom" />
import { accessibilityViolations, BrowserSession, DEMO, DESK, logIn, openBrowser, PHONE } from './support/browser';

/**
 * Every page in every user's menu, checked by axe-core against the WCAG 2.1 A and AA rules it can test
 * automatically (contrast, labels and names, landmarks, ARIA), at desk width and on a 360 px phone.
 */
describe('accessibility of every page in the menus', () => {
  let session: BrowserSession;
  afterEach(async () => {
    await session?.close();
  });

  const users: Array<[string, string]> = [
    ['resident and provider', DEMO.provider],
    ['coordinator', DEMO.coordinator],
    ['board', DEMO.board],
    ['treasurer', DEMO.treasurer],
    ['municipality reviewer', DEMO.reviewer],
  ];

  it('has no violations on the public pages', async () => {
    session = await openBrowser(PHONE);
    const found: string[] = [];
    for (const path of ['/login', '/sign-up?cooperative=rivierenwijk', '/activate?token=abcdefghijklmnopqrstuvwxyz']) {
      await session.page.goto(path);
      await session.page.getByRole('heading', { level: 1 }).waitFor();
      found.push(...(await accessibilityViolations(session.page)).map((v) => `${path}: ${v}`));
    }
    expect(found).toEqual([]);
  });

  it.each(users)('has no violations on the pages of the %s', async (_who, email) => {
    const found: string[] = [];
    for (const viewport of [DESK, PHONE]) {
      session = await openBrowser(viewport);
      const { page } = session;
      await logIn(page, email);
      const paths = await page.evaluate(() => [...document.querySelectorAll<HTMLAnchorElement>('#site-nav a')].map((a) => new URL(a.href).pathname));
      for (const path of paths) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1 }).waitFor();
        // Let the page's data arrive: no loading line left.
        await page.waitForFunction(() => !document.querySelector('[role="status"].muted'), undefined, { timeout: 15_000 }).catch(() => undefined);
        found.push(...(await accessibilityViolations(page)).map((v) => `${viewport.width} px ${path}: ${v}`));
      }
      expect(session.problems).toEqual([]);
      await session.close();
    }
    expect(found).toEqual([]);
  });
});
