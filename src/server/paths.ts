import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRepositoryRoot(start: string): string {
  let folder = start;
  for (;;) {
    if (fs.existsSync(path.join(folder, 'package.json')) && fs.existsSync(path.join(folder, 'src', 'server')))
      return folder;
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`Engage's folder was not found above ${start}`);
    folder = parent;
  }
}

/** Engage's own folder, found from this module whether it runs from src/ (tsx, tests) or from the bundle in dist/. */
export const repositoryRoot = findRepositoryRoot(path.dirname(fileURLToPath(import.meta.url)));
export const migrationsFolder = path.join(repositoryRoot, 'src', 'server', 'db', 'migrations');
export const defaultWebRoot = path.join(repositoryRoot, 'dist', 'web');
export const contentDirectory = path.join(repositoryRoot, 'content');
