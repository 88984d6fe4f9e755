import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { loadConfig } from '../src/server/config';
import { startEngage, type RunningEngage } from '../src/server/start';

export const chromiumPath = inject('chromiumPath');
export const isBrowserAvailable = chromiumPath !== '';

export interface Journey {
  engage: RunningEngage;
  baseUrl: string;
  page: Page;
  /** Saves a screenshot under e2e/screenshots (not committed), for a person to look at. */
  screenshot: (name: string) => Promise<void>;
  close: () => Promise<void>;
}

/**
 * Starts a real Engage on a fresh embedded data directory and a real Chromium on a fresh profile. `env` adds settings
 * such as SMTP_URL (a test SMTP server, so that email is really sent).
 */
export async function startJourney(admin: { email: string; password: string }, env: Record<string, string> = {}): Promise<Journey> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'engage-e2e-'));
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'engage-chromium-'));
  const config = {
    ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', ENGAGE_ADMIN_EMAIL: admin.email, ENGAGE_ADMIN_PASSWORD: admin.password, ...env }),
    port: 0,
    host: '127.0.0.1',
  };
  const engage = await startEngage(config);
  const { port } = engage.engage.app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const context: BrowserContext = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/Rome',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // CI runs the API suites (PGlite and PostgreSQL) beside the journeys on 2 cores: a step may wait a while for the CPU.
  page.setDefaultTimeout(30_000);
  const screenshotDir = path.resolve(import.meta.dirname, 'screenshots');
  return {
    engage,
    baseUrl,
    page,
    screenshot: async (name) => {
      fs.mkdirSync(screenshotDir, { recursive: true });
      await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
    },
    close: async () => {
      await context.close();
      await engage.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
