import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

// poppler-utils: pdfsig verifies signatures, pdftotext extracts the text a reader would see.
const tools = ['pdfsig', 'pdftotext'] as const;
const installHint = 'apt-get install -y poppler-utils';

let missingTools: string[] | undefined;

/** The poppler tools that are not on PATH (each is asked for its version once per process). */
function findMissingTools(): string[] {
  missingTools ??= tools.filter((tool) => spawnSync(tool, ['-v'], { stdio: 'ignore' }).error !== undefined);
  return missingTools;
}

/** Whether pdfsig and pdftotext are on PATH. */
export function pdfToolsAvailable(): boolean {
  return findMissingTools().length === 0;
}

/** Why the checks that need poppler cannot run here, or null when they can. */
export function describePdfToolsSkip(): string | null {
  const missing = findMissingTools();
  if (missing.length === 0) return null;
  return `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not on PATH: ${installHint}.`;
}

/**
 * For a test file: whether the tests that need poppler are skipped here. When `required` (CI sets ENGAGE_PDF_TOOLS=1)
 * they are never skipped, so that they fail on the missing tools; otherwise a skip is announced loudly.
 */
export function shouldSkipPdfToolTests(input: { required: boolean; suite: string }): boolean {
  const reason = describePdfToolsSkip();
  if (reason === null || input.required) return false;
  const line = '!'.repeat(78);
  console.warn(`\n${line}\n!! SKIPPED: ${input.suite} did not run: ${reason}\n!! Set ENGAGE_PDF_TOOLS=1 to make this a failure.\n${line}\n`);
  return true;
}

/** Throws the install hint when the tools are missing; for the beforeAll of the tests that need them. */
export function assertPdfToolsAvailable(): void {
  const reason = describePdfToolsSkip();
  if (reason !== null) throw new Error(`These checks need poppler-utils, but ${reason}`);
}

/** pdfsig's report on the signatures of a file (path or bytes): stdout then stderr. An invalid signature is a report, not an error. */
export async function runPdfsig(input: string | Buffer): Promise<string> {
  // No OCSP: a check must not depend on the network.
  return withFile(input, async (file) => (await run('pdfsig', ['-no-ocsp', file])).output);
}

/** The text of a PDF as pdftotext extracts it (UTF-8, pages separated by form feeds). */
export async function runPdftotext(pdf: Buffer): Promise<string> {
  return withFile(pdf, async (file) => {
    const result = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    if (result.code !== 0) throw new Error(`pdftotext failed (exit code ${result.code}): ${result.stderr}`);
    return result.stdout;
  });
}

async function withFile<T>(input: string | Buffer, use: (file: string) => Promise<T>): Promise<T> {
  if (typeof input === 'string') return use(input);
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'engage-pdf-'));
  try {
    const file = path.join(directory, 'document.pdf');
    await fs.writeFile(file, input);
    return await use(file);
  } finally {
    await fs.rm(directory, { recursive: true, force: true });
  }
}

function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => reject(new Error(`${command} could not be run (${installHint}): ${error.message}`)));
    child.on('close', (code) => {
      const out = Buffer.concat(stdout).toString('utf8');
      const err = Buffer.concat(stderr).toString('utf8');
      resolve({ code, stdout: out, stderr: err, output: out + err });
    });
  });
}
