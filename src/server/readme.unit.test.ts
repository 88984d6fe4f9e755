import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { settings } from './config';

const readme = fs.readFileSync(path.resolve(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

describe('the README', () => {
  it('opens with the two commands', () => {
    const firstBlock = readme.split('```')[1] ?? '';
    expect(firstBlock).toContain('npm install && npm start');
    expect(firstBlock).toContain('npm test');
  });

  it('lists every setting the config reads, with its default and meaning', () => {
    for (const [name, defaultValue, meaning] of settings) {
      const value = defaultValue.startsWith('(') ? defaultValue : `\`${defaultValue}\``;
      expect(readme).toContain(`| \`${name}\` | ${value} | ${meaning} |`);
    }
  });
});
