import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ServiceContext } from '../../context';
import { inTransaction } from '../../context';
import type { Database } from '../../db/database';
import { runInTransaction } from '../../db/transaction';
import {
  checkEmailTemplate,
  emailTemplateSchema,
  examplePlaceholderValues,
  isEmailTemplateKey,
  placeholderSpecs,
  renderEmailTemplate,
  type ContentLanguage,
  type ContentLibrary,
  type EmailTemplate,
  type EmailTemplateKey,
} from '../../../domain/content';
import {
  assembleContentLibrary,
  ContentLibraryError,
  listContentFiles,
  readContentItems,
} from '../../../domain/content/load-content';
import { refuse } from '../../errors';
import type { Actor, StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import {
  contentStateKey,
  findCurrentContentItem,
  findSetting,
  insertContentItem,
  listCurrentContentItems,
  lockContentLibrary,
  saveSetting,
  type ContentItemWithAuthor,
} from './content.repository';

/** Published for the modules that keep a setting of their own in the content settings (the seal certificate). */
export { findSetting } from './content.repository';

const defaultsFingerprintKey = 'content.defaults-fingerprint';

/** SHA-256 over the names and bytes of the content files. */
async function fingerprintFiles(directory: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of await listContentFiles(directory)) {
    hash.update(`${file}\0`);
    hash.update(await readFile(path.join(directory, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** JSON with object keys sorted, so that a body read back from jsonb compares equal to the file it came from. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([left], [right]) =>
      left < right ? -1 : left > right ? 1 : 0,
    );
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The admin's body with the top-level parts it lacks taken from the shipped default (parts a newer Engage added to the
 * schema, such as an application's `pbxTasks`); null when it lacks none.
 */
function withNewDefaultParts(body: unknown, shipped: unknown): Record<string, unknown> | null {
  if (!isPlainObject(body) || !isPlainObject(shipped)) return null;
  const missing = Object.keys(shipped).filter((key) => !(key in body));
  if (missing.length === 0) return null;
  return { ...body, ...Object.fromEntries(missing.map((key) => [key, shipped[key]])) };
}

/**
 * Copies Engage's shipped content (content/) into the database: an item that is missing gets version 1; an item still
 * holding a default whose file has changed gets the new default as a new version. An item an admin edited is kept,
 * except that the top-level parts its shipped default has and it lacks (parts added by a newer Engage) are copied into
 * a new version of it (`completed`), so that the library still assembles. Throws ContentLibraryError when the shipped
 * files themselves have problems.
 */
export async function syncDefaultContent(
  database: Database,
  now: Date,
  directory: string,
  actor: Actor,
): Promise<{ added: string[]; completed: string[] }> {
  // The same files as last time: nothing to read, parse or check (this runs at every start).
  const fingerprint = await fingerprintFiles(directory);
  if ((await findSetting(database, defaultsFingerprintKey)) === fingerprint) return { added: [], completed: [] };
  const read = await readContentItems(directory);
  const assembled = assembleContentLibrary(read.items);
  const problems = [...read.problems, ...assembled.problems];
  if (problems.length > 0) throw new ContentLibraryError(directory, problems);
  return runInTransaction(database, async (db) => {
    await lockContentLibrary(db);
    const current = new Map((await listCurrentContentItems(db)).map((row) => [row.path, row]));
    const added: string[] = [];
    const completed: string[] = [];
    for (const item of read.items) {
      const existing = current.get(item.path);
      if (existing !== undefined && !existing.isDefault) {
        const body = withNewDefaultParts(existing.body, item.body);
        if (body === null) continue;
        await insertContentItem(db, {
          path: item.path,
          version: existing.version + 1,
          body,
          isDefault: false,
          createdBy: null,
          createdAt: now,
        });
        completed.push(item.path);
        continue;
      }
      if (existing !== undefined && canonicalJson(existing.body) === canonicalJson(item.body)) continue;
      await insertContentItem(db, {
        path: item.path,
        version: (existing?.version ?? 0) + 1,
        body: item.body,
        isDefault: true,
        createdBy: null,
        createdAt: now,
      });
      added.push(item.path);
    }
    if (added.length > 0) {
      await recordAuditEvent(db, actor, {
        action: 'content.defaults-installed',
        subjectType: 'content',
        after: { paths: added },
      });
    }
    if (completed.length > 0) {
      // An admin's edit may not fit the completed parts (an option the new tasks name was removed): refuse the start
      // with the reasons, and change nothing, rather than store a library every request would then fail to load.
      const result = assembleContentLibrary(
        (await listCurrentContentItems(db)).map((row) => ({ path: row.path, body: row.body })),
      );
      if (result.problems.length > 0)
        throw new ContentLibraryError('the database (edited items completed with new default parts)', result.problems);
      await recordAuditEvent(db, actor, {
        action: 'content.defaults-completed',
        subjectType: 'content',
        after: { paths: completed },
      });
    }
    await saveSetting(db, defaultsFingerprintKey, fingerprint, now);
    return { added, completed };
  });
}

/**
 * The library this process assembled last, and the state of `content_items` it was assembled from. Versions are only
 * ever added, so the count of rows and the sum of their versions change with every save, by any process; a read whose
 * key matches reuses the library instead of parsing and checking every item again (a few milliseconds per request).
 */
let assembled: { key: string; library: ContentLibrary } | null = null;

/** The current content library, as services read it (every saved version passed the whole library's checks). Not to be mutated. */
export async function getContentLibrary(db: Database): Promise<ContentLibrary> {
  const key = await contentStateKey(db);
  if (assembled !== null && assembled.key === key) return assembled.library;
  const rows = await listCurrentContentItems(db);
  const { library, problems } = assembleContentLibrary(rows.map((row) => ({ path: row.path, body: row.body })));
  if (library === null) throw new ContentLibraryError('the database', problems);
  assembled = { key, library };
  return library;
}

function presentItem(row: ContentItemWithAuthor) {
  return {
    path: row.path,
    version: row.version,
    isDefault: row.isDefault,
    updatedAt: row.createdAt.toISOString(),
    updatedBy: row.createdByName ?? null,
  };
}

/** Every item of the library with its current version (admin). */
export async function listContentItems(context: ServiceContext) {
  return (await listCurrentContentItems(context.db)).map(presentItem);
}

/** One item's current version and body (admin); throws not_found. */
export async function getContentItem(context: ServiceContext, path: string) {
  return getContentItemFrom(context.db, path);
}

/**
 * Saves a new version of an item after checking it, and the whole library with it, by the same rules as the shipped
 * files (schemas, references, placeholders). Throws not_found, validation_failed (every problem, located in the body),
 * or conflict when someone saved another version since `baseVersion`.
 */
export async function updateContentItem(
  context: ServiceContext,
  actor: StaffActor,
  path: string,
  change: { body: unknown; baseVersion: number },
) {
  return inTransaction(context, async (db) => {
    await lockContentLibrary(db);
    const rows = await listCurrentContentItems(db);
    const current = rows.find((row) => row.path === path);
    if (current === undefined) throw refuse('not_found', 'content.no_such_item');
    if (current.version !== change.baseVersion) {
      throw refuse('conflict', 'content.saved_meanwhile', {
        values: { saved: current.version, opened: change.baseVersion },
      });
    }
    const items = rows.map((row) => ({ path: row.path, body: row.path === path ? change.body : row.body }));
    const { problems } = assembleContentLibrary(items);
    if (problems.length > 0) {
      const details = problems.map((problem) => ({
        path: problem.file === path ? 'body' : problem.file,
        message: problem.message,
      }));
      throw problems.length === 1
        ? refuse('validation_failed', 'content.cannot_save_because', {
            values: { problem: problems[0]?.message ?? '' },
            details,
          })
        : refuse('validation_failed', 'content.cannot_save_problems', { values: { count: problems.length }, details });
    }
    const version = current.version + 1;
    await insertContentItem(db, {
      path,
      version,
      body: change.body,
      isDefault: false,
      createdBy: actor.userId,
      createdAt: context.now(),
    });
    await recordAuditEvent(db, actor, {
      action: 'content.updated',
      subjectType: 'content',
      subjectId: path,
      before: { version: current.version },
      after: { version },
    });
    return getContentItemFrom(db, path);
  });
}

async function getContentItemFrom(db: Database, path: string) {
  const row = await findCurrentContentItem(db, path);
  if (row === null) throw refuse('not_found', 'content.no_such_item');
  return { ...presentItem(row), body: row.body };
}

/** The path of an email template in the library. */
export function emailTemplatePath(key: EmailTemplateKey, language: ContentLanguage): string {
  return `email-templates/${language}/${key}.yaml`;
}

/**
 * Renders a template being edited with the example values of its placeholders, and lists what is wrong with it
 * (unknown placeholders with their line and column, syntax errors): the admin's live preview. Throws not_found.
 */
export function previewEmailTemplate(key: string, template: EmailTemplate) {
  if (!isEmailTemplateKey(key)) throw refuse('not_found', 'content.no_such_template');
  const parsed = emailTemplateSchema.safeParse(template);
  if (!parsed.success) {
    throw refuse('validation_failed', 'content.template_parts', {
      details: parsed.error.issues.map((issue) => ({ path: `body.${issue.path.join('.')}`, message: issue.message })),
    });
  }
  const problems = checkEmailTemplate(parsed.data, placeholderSpecs[key]);
  const rendered = problems.length === 0 ? renderEmailTemplate(parsed.data, examplePlaceholderValues(key)) : null;
  return {
    problems: problems.map((problem) => ({
      part: problem.part,
      line: problem.line,
      column: problem.column,
      message: problem.message,
    })),
    rendered,
  };
}

// The installation's settings kept in the database (the sealing certificate), for the modules that own one.
export { addSettingIfAbsent } from './content.repository';
