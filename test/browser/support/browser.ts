/// <reference lib="dom" />
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

const ROOT = resolve(__dirname, '../../..');
/** Where each journey leaves the screenshot of its last page (ignored by git; CI keeps it). */
export const SCREENSHOT_DIR = join(ROOT, 'test-output', 'browser');
/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH points elsewhere. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const DEMO_PASSWORD = 'buurtcoop-demo';
export const DEMO = {
  board: 'bestuur@rivierenwijk.example',
  treasurer: 'penningmeester@rivierenwijk.example',
  coordinator: 'makelaar@rivierenwijk.example',
  resident: 'bewoner@rivierenwijk.example',
  provider: 'aanbieder@rivierenwijk.example',
  reviewer: 'gemeente@deventer.example',
} as const;

export function baseUrl(): string {
  const url = process.env.BROWSER_BASE_URL;
  if (!url) throw new Error('BROWSER_BASE_URL is not set: run the browser suite with `npm run test:browser`');
  return url;
}

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Errors the page threw or logged, and failed API calls (5xx): a journey must end with none. */
  problems: string[];
  close(): Promise<void>;
}

export const PHONE = { width: 360, height: 780 } as const;
export const DESK = { width: 1280, height: 900 } as const;

/** Starts headless Chromium with a fresh profile (no tokens, no language choice) at the given screen size. */
export async function openBrowser(viewport: { width: number; height: number } = DESK): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const context = await browser.newContext({ viewport, baseURL: baseUrl(), locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) problems.push(`console error: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 500) problems.push(`${response.status()} from ${response.request().method()} ${response.url()}`);
  });
  return { browser, context, page, problems, close: () => browser.close() };
}

/**
 * Logs in through the login page as one of the demo accounts (going there unless a guarded page already led
 * there) and waits until the app has moved on: to the page asked for, or the first page of their role.
 */
export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  const onLogin = () => new URL(page.url()).pathname === '/login';
  // A guarded page the test just opened sends the browser to /login?next=…; wait for that rather than lose `next`.
  if (!onLogin() && page.url() !== 'about:blank') await page.waitForURL((url) => url.pathname === '/login', { timeout: 5_000 }).catch(() => undefined);
  if (!onLogin()) await page.goto('/login');
  await page.getByLabel(/e-mailadres|e-mail address/i).fill(email);
  await page.getByLabel(/^(wachtwoord|password)$/i).fill(password);
  await page.getByRole('button', { name: /^(inloggen|log in)$/i }).click();
  await page.waitForURL((url) => url.pathname !== '/login' && url.pathname !== '/');
}

/** Saves a full-page screenshot as test-output/browser/<name>.png and answers its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * The WCAG 2.1 A and AA rules axe-core can check automatically (contrast, labels, names, landmarks, ARIA),
 * run on the page as it is now. Answers one line per violation and element, so a failing test names them.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.flatMap((v) => v.targets.map((target) => `${v.id} (${v.help}): ${target}`));
}
