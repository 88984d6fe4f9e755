import { describe, expect, it } from 'vitest';
import { languages } from '../text/languages';
import { emailTemplateKeys, examplePlaceholderValues, placeholderSpecs, type PlaceholderSpec } from './placeholders';

/** Lists, for a spec and a value tree, every mismatch between the two. */
function mismatches(spec: PlaceholderSpec, values: Record<string, unknown>, where = ''): string[] {
  const problems: string[] = [];
  const names = new Set([...Object.keys(spec), ...Object.keys(values)]);
  for (const name of names) {
    const node = spec[name];
    const value = values[name];
    const path = `${where}${name}`;
    if (node === undefined) problems.push(`${path}: example without placeholder`);
    else if (node.kind === 'value' && typeof value !== 'string') problems.push(`${path}: expected a text`);
    else if (node.kind === 'text-list' && !(Array.isArray(value) && value.every((item) => typeof item === 'string'))) {
      problems.push(`${path}: expected a list of texts`);
    } else if (node.kind === 'object') {
      if (typeof value !== 'object' || value === null) problems.push(`${path}: expected a group`);
      else problems.push(...mismatches(node.children, value as Record<string, unknown>, `${path}.`));
    } else if (node.kind === 'list') {
      if (!Array.isArray(value) || value.length === 0) problems.push(`${path}: expected a non-empty list`);
      else value.forEach((item, index) => problems.push(...mismatches(node.item, item, `${path}[${index}].`)));
    }
  }
  return problems;
}

describe('examplePlaceholderValues', () => {
  it.each(emailTemplateKeys)('gives %s a value of the right shape for every placeholder', (key) => {
    const values = examplePlaceholderValues(key);
    expect(mismatches(placeholderSpecs[key], values)).toEqual([]);
  });

  it('detects a mismatch (the check above can fail)', () => {
    expect(mismatches(placeholderSpecs['service-presentation'], { recipient: { name: 'A' }, extra: 'x' })).toContain(
      'extra: example without placeholder',
    );
  });

  it('describes the personal portal link and the engineer the same way in every email that carries them', () => {
    const portalEmails = [
      'portal-link',
      'questionnaire-reminder',
      'requirements-reminder',
      'session-proposal',
      'signature-request',
    ] as const;
    for (const key of portalEmails) {
      expect(placeholderSpecs[key].link, key).toBe(placeholderSpecs['portal-link'].link);
      expect(placeholderSpecs[key].expiresDate, key).toBe(placeholderSpecs['portal-link'].expiresDate);
    }
    const engineerEmails = [
      'questionnaire-reminder',
      'requirements-reminder',
      'session-proposal',
      'session-invitation',
      'session-cancellation',
      'session-reminder',
      'signature-request',
      'handover-package',
    ] as const;
    for (const key of engineerEmails) {
      expect(placeholderSpecs[key].engineer, key).toBe(placeholderSpecs['engineer-contact'].engineer);
    }
  });

  it('describes every placeholder in both languages', () => {
    const descriptions = (spec: PlaceholderSpec): string[] =>
      Object.values(spec).flatMap((node) => [
        node.description.en,
        node.description.it,
        ...(node.kind === 'object' ? descriptions(node.children) : node.kind === 'list' ? descriptions(node.item) : []),
      ]);
    for (const key of emailTemplateKeys) {
      expect(descriptions(placeholderSpecs[key]).every((text) => text.trim() !== '')).toBe(true);
    }
  });

  it('describes every placeholder in every language of Engage (German included)', () => {
    const missing = (spec: PlaceholderSpec, where: string): string[] =>
      Object.entries(spec).flatMap(([name, node]) => [
        ...languages
          .filter((language) => (node.description[language] ?? '').trim() === '')
          .map((language) => `${where}${name}: ${language}`),
        ...(node.kind === 'object'
          ? missing(node.children, `${where}${name}.`)
          : node.kind === 'list'
            ? missing(node.item, `${where}${name}.`)
            : []),
      ]);
    expect(emailTemplateKeys.flatMap((key) => missing(placeholderSpecs[key], `${key}: `))).toEqual([]);
  });
});
