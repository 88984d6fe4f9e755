import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

// poppler-utils: pdfsig verifies signatures, pdftotext extracts the text a reader would see, pdftoppm draws a page.
const tools = ['pdfsig', 'pdftotext', 'pdftoppm'] as const;
const installHint = 'apt-get install -y poppler-utils';

let missingTools: string[] | undefined;

/** The poppler tools that are not on PATH (each is asked for its version once per process). */
function findMissingTools(): string[] {
  missingTools ??= tools.filter((tool) => spawnSync(tool, ['-v'], { stdio: 'ignore' }).error !== undefined);
  return missingTools;
}

/** Whether pdfsig, pdftotext and pdftoppm are on PATH. */
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
  console.warn(
    `\n${line}\n!! SKIPPED: ${input.suite} did not run: ${reason}\n!! Set ENGAGE_PDF_TOOLS=1 to make this a failure.\n${line}\n`,
  );
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

/**
 * The words of a page that are drawn without any ink: each word's box as pdftotext finds it from the text and its
 * font's widths, looked at in the page as pdftoppm draws it. A glyph missing from an embedded font still extracts as
 * text (its Unicode mapping is there) but draws nothing, so only this check sees it. `page` counts from 1.
 */
export async function findWordsWithoutInk(pdf: Buffer, page: number): Promise<string[]> {
  const dpi = 144;
  return withFile(pdf, async (file) => {
    const boxes = await run('pdftotext', ['-bbox', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), file, '-']);
    if (boxes.code !== 0) throw new Error(`pdftotext failed (exit code ${boxes.code}): ${boxes.stderr}`);
    const image = await runBinary('pdftoppm', [
      '-gray',
      '-r',
      String(dpi),
      '-f',
      String(page),
      '-l',
      String(page),
      file,
    ]);
    // A binary PGM: "P5", width, height, maximum value, one byte per pixel after a single white-space character.
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(image.toString('latin1', 0, 64));
    if (header === null) throw new Error('pdftoppm did not answer with a PGM image.');
    const [width, height] = [Number(header[1]), Number(header[2])];
    const pixels = image.subarray(header[0].length);
    const scale = dpi / 72;
    const undrawn: string[] = [];
    for (const match of boxes.stdout.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    )) {
      const [left, top, right, bottom] = [1, 2, 3, 4].map((group) => Number(match[group]) * scale) as [
        number,
        number,
        number,
        number,
      ];
      let ink = 0;
      for (let y = Math.max(0, Math.floor(top)); y < Math.min(height, Math.ceil(bottom)); y += 1) {
        // Darker than table shading and rules (grey 243 and 208), lighter than the faintest text (grey 134, footers).
        for (let x = Math.max(0, Math.floor(left)); x < Math.min(width, Math.ceil(right)); x += 1)
          if ((pixels[y * width + x] ?? 255) < 200) ink += 1;
      }
      if (ink === 0) undrawn.push(match[5]!);
    }
    return undrawn;
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

function runBinary(command: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => reject(new Error(`${command} could not be run (${installHint}): ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(stdout));
      else reject(new Error(`${command} failed (exit code ${code}): ${Buffer.concat(stderr).toString('utf8')}`));
    });
  });
}

function run(
  command: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string; output: string }> {
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
