import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The configured session secret, or the one generated at first start and kept in the data directory (mode 0600). */
export function loadOrCreateSessionSecret(configured: string | undefined, dataDir: string): string {
  if (configured !== undefined) return configured;
  const secretPath = path.join(dataDir, 'session-secret');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(secretPath, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = fs.readFileSync(secretPath, 'utf8').trim();
  if (secret.length < 32)
    throw new Error(
      `${secretPath} holds a session secret shorter than 32 characters; remove it to generate a new one.`,
    );
  return secret;
}
