// Builds what `npm start` runs when it is missing or older than its sources:
// the web app (vite → dist/web) and the server (esbuild → dist/server/main.js, dependencies left as imports).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lockfile = path.join(root, 'package-lock.json');

function newestModification(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestModification(path.join(target, entry)));
  return newest;
}

function isStale(output, sources) {
  const builtAt = fs.existsSync(output) ? fs.statSync(output).mtimeMs : 0;
  return builtAt === 0 || sources.some((source) => newestModification(source) > builtAt);
}

export async function buildWebIfStale() {
  const sources = [path.join(root, 'src', 'web'), path.join(root, 'vite.config.ts'), lockfile];
  if (!isStale(path.join(root, 'dist', 'web', 'index.html'), sources)) return;
  process.stdout.write('Building the web app…\n');
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error('The web app could not be built (see above).');
}

// One file instead of ~50 TypeScript modules compiled at every start: start-up is about a second faster.
export async function buildServerIfStale() {
  const output = path.join(root, 'dist', 'server', 'main.js');
  const sources = [path.join(root, 'src', 'server'), path.join(root, 'src', 'domain'), lockfile];
  if (!isStale(output, sources)) return;
  process.stdout.write('Building the server…\n');
  const esbuild = await import('esbuild');
  // Chunk names carry a hash: those of an earlier build would pile up.
  fs.rmSync(path.join(path.dirname(output), 'chunks'), { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(root, 'src', 'server', 'main.ts')],
    // Split at dynamic imports, so that what a feature loads on first use (the scheduling domain with every country's
    // holiday rules, the database drivers) stays out of start-up, packages included.
    outdir: path.dirname(output),
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

export async function buildIfStale() {
  await buildWebIfStale();
  await buildServerIfStale();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await buildIfStale();
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
