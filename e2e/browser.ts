import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { startBuiltServer, type BuiltServer } from './built-server';

export const chromiumPath = inject('chromiumPath');
export const isBrowserAvailable = chromiumPath !== '';

/** One Chromium window with its own profile: its own cookies, so a second person can sign in beside the first. */
export interface BrowserWindow {
  page: Page;
  /** Saves a screenshot of this window's page under e2e/screenshots (not committed), for a person to look at. */
  screenshot: (name: string) => Promise<void>;
}

export interface Journey extends BrowserWindow {
  /** The server users run (`npm start`), in a child process. */
  server: BuiltServer;
  baseUrl: string;
  /** Opens a second, separate Chromium (say, the customer's beside the engineer's); closed with the journey. */
  openSeparateBrowser: () => Promise<BrowserWindow>;
  close: () => Promise<void>;
}

const screenshotDir = path.resolve(import.meta.dirname, 'screenshots');

async function openBrowser(profileDir: string): Promise<{ context: BrowserContext; window: BrowserWindow }> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/Rome',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // CI runs the API suites (PGlite and PostgreSQL) beside the journeys on 2 cores: a step may wait a while for the CPU.
  page.setDefaultTimeout(30_000);
  const screenshot = async (name: string) => {
    fs.mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
  };
  return { context, window: { page, screenshot } };
}

/**
 * Starts the Engage users run (`npm start`: the built dist/ bundle, in a child process) on a fresh embedded data
 * directory, and a real Chromium on a fresh profile. `env` adds settings such as SMTP_URL (a test SMTP server, so that
 * email is really sent).
 */
export async function startJourney(
  admin: { email: string; password: string },
  env: Record<string, string> = {},
): Promise<Journey> {
  const server = await startBuiltServer({ admin, env });
  const baseUrl = server.baseUrl;
  const browsers: { context: BrowserContext; profileDir: string }[] = [];
  async function openSeparateBrowser(): Promise<BrowserWindow> {
    const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'engage-chromium-'));
    const opened = await openBrowser(profileDir);
    browsers.push({ context: opened.context, profileDir });
    return opened.window;
  }
  const first = await openSeparateBrowser();
  return {
    server,
    baseUrl,
    ...first,
    openSeparateBrowser,
    close: async () => {
      for (const browser of browsers) await browser.context.close();
      await server.stop();
      for (const browser of browsers) fs.rmSync(browser.profileDir, { recursive: true, force: true });
    },
  };
}

/** Waits for a locator to be visible (the page's default timeout unless given). */
export async function expectVisible(locator: Locator, timeout?: number): Promise<void> {
  await locator.waitFor({ state: 'visible', ...(timeout === undefined ? {} : { timeout }) });
}

/** Logs a staff user in through the log-in page and waits for the pipeline. */
export async function logIn(page: Page, baseUrl: string, user: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByRole('textbox', { name: 'Email' }).fill(user.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectVisible(page.getByRole('heading', { name: 'Pipeline' }));
}

/** Logs out through the account menu and waits for the log-in page. */
export async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Account menu for / }).click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await expectVisible(page.getByRole('button', { name: 'Sign in' }));
}

/** A call to Engage's API from the signed-in page (same origin, its session cookie), expecting one status. */
export async function callApi(
  page: Page,
  method: string,
  path: string,
  body: unknown,
  expectedStatus: number,
): Promise<Record<string, unknown>> {
  const response = await page.evaluate(
    async ({ method, path, body }) => {
      const init: RequestInit =
        body === undefined
          ? { method }
          : { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
      const reply = await fetch(path, init);
      return { status: reply.status, text: await reply.text() };
    },
    { method, path, body },
  );
  expect(response.status, `${method} ${path}: ${response.text}`).toBe(expectedStatus);
  return response.text === '' ? {} : (JSON.parse(response.text) as Record<string, unknown>);
}
