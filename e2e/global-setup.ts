import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildWhatUsersRun } from './built-server';

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumPath: string;
  }
}

function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return (
    candidates.find(
      (candidate): candidate is string => candidate !== undefined && candidate !== '' && fs.existsSync(candidate),
    ) ?? null
  );
}

/** Finds Chromium (or says loudly that the browser suite is skipped) and builds what `npm start` serves, which the journeys run. */
export default function setup(project: TestProject): void {
  const chromium = findChromium();
  if (chromium === null) {
    if (process.env.CI === 'true' || process.env.ENGAGE_BROWSER_TESTS === '1') {
      throw new Error(
        'The browser suite must run here, but Chromium was not found: apt-get install -y chromium (or set CHROMIUM_PATH).',
      );
    }
    const line = '!'.repeat(78);
    process.stderr.write(
      `\n${line}\n!! SKIPPED: the browser suite (browser) did not run: Chromium was not found.\n!! Install it with apt-get install -y chromium, or set CHROMIUM_PATH.\n${line}\n\n`,
    );
    project.provide('chromiumPath', '');
    return;
  }
  buildWhatUsersRun();
  project.provide('chromiumPath', chromium);
}
