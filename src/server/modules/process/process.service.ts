import { defaultTemplate, validateTemplate, type ProcessTemplate } from '../../../domain/process';
import type { ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { refuse } from '../../errors';
import { findTemplateDefinition, insertTemplateVersion } from './process.repository';

// Template versions never change once stored, so a loaded one can be kept for the life of the process.
const templateCache = new Map<string, ProcessTemplate>();

/** Stores the shipped default template version if this database does not have it yet. */
export async function seedDefaultTemplate(context: ServiceContext): Promise<void> {
  await insertTemplateVersion(context.db, defaultTemplate.key, defaultTemplate.version, defaultTemplate);
}

/**
 * The template version a project runs on; throws internal_error when the stored definition is broken.
 * Inside a transaction pass its handle: on the embedded database a query outside it would wait for it forever.
 */
export async function getTemplate(db: Database, key: string, version: number): Promise<ProcessTemplate> {
  const cacheKey = `${key}@${version}`;
  const cached = templateCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const definition = await findTemplateDefinition(db, key, version);
  if (definition === null)
    throw refuse('internal_error', 'process.template_missing', { values: { template: cacheKey } });
  const template = definition as ProcessTemplate;
  const problems = validateTemplate(template);
  if (problems.length > 0)
    throw refuse('internal_error', 'process.template_invalid', {
      values: { template: cacheKey, problems: problems.join('; ') },
    });
  templateCache.set(cacheKey, template);
  return template;
}

/** The template new projects start on. */
export async function getCurrentTemplate(context: ServiceContext): Promise<ProcessTemplate> {
  return getTemplate(context.db, defaultTemplate.key, defaultTemplate.version);
}

/** The current template read through a given handle (inside a transaction, its own handle). */
export async function getCurrentTemplateWith(db: Database): Promise<ProcessTemplate> {
  return getTemplate(db, defaultTemplate.key, defaultTemplate.version);
}

/** Empties the template cache (tests: to act as a freshly started process). */
export function forgetCachedTemplates(): void {
  templateCache.clear();
}
