/**
 * Reads the content library from a directory (the shipped content/ folder), validates each
 * file against its schema and cross-checks the whole. The only module here that does I/O.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { z } from 'zod';
import {
  applicationSchema,
  contentDocumentSchema,
  contentLanguages,
  documentKeys,
  emailTemplateSchema,
  environmentChecklistsSchema,
  projectQuestionnaireFileSchema,
  servicesFileSchema,
  teamsFileSchema,
  type Application,
  type ContentDocument,
  type ContentLanguage,
  type DocumentKey,
  type EmailTemplate,
  type EnvironmentChecklists,
  type ProjectQuestionnaireFile,
  type Service,
  type Team,
  type Vendor,
  vendorSchema,
} from './content.schemas';
import {
  checkContentLibrary,
  contentFiles,
  type ContentLibrary,
  type ContentLibraryDraft,
  type ContentProblem,
} from './check-content';
import { emailTemplateKeys, type EmailTemplateKey } from './placeholders';

/** Thrown when the content library has problems; `problems` lists every one of them. */
export class ContentLibraryError extends Error {
  readonly problems: readonly ContentProblem[];

  constructor(directory: string, problems: readonly ContentProblem[]) {
    const lines = problems.map((problem) => `- ${problem.file}: ${problem.message}`);
    super(`The content library in ${directory} has ${problems.length} problem(s):\n${lines.join('\n')}`);
    this.name = 'ContentLibraryError';
    this.problems = problems;
  }
}

/** The content files (README.md aside), relative to the directory, with `/` separators, sorted. */
export async function listContentFiles(directory: string): Promise<string[]> {
  return (await listFiles(directory)).filter((file) => file !== 'README.md');
}

async function listFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(directory, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, part) =>
      typeof part === 'number' ? `${text}[${part}]` : text === '' ? String(part) : `${text}.${String(part)}`,
    '',
  );
}

function isOneOf<T extends string>(choices: readonly T[], value: string): value is T {
  return (choices as readonly string[]).includes(value);
}

interface Collected {
  vendor?: Vendor;
  teams?: readonly Team[];
  services?: readonly Service[];
  applications: Application[];
  projectQuestionnaire?: ProjectQuestionnaireFile;
  environmentChecklists?: EnvironmentChecklists;
  emailTemplates: Partial<Record<EmailTemplateKey, Partial<Record<ContentLanguage, EmailTemplate>>>>;
  documents: Partial<Record<DocumentKey, Partial<Record<ContentLanguage, ContentDocument>>>>;
}

/** One item of the library: its path (as in content/, such as `applications/call-recording.yaml`) and its parsed body. */
export interface ContentItem {
  readonly path: string;
  readonly body: unknown;
  /** The file exists but could not be read (its problem is reported by the reader). */
  readonly isUnreadable?: boolean;
}

/**
 * Validates every item against the schema its path calls for and cross-checks the whole (pure: used on the shipped
 * files and on the database's current items, with an admin's change in place).
 */
export function assembleContentLibrary(items: readonly ContentItem[]): {
  library: ContentLibrary | null;
  problems: ContentProblem[];
} {
  const problems: ContentProblem[] = [];
  const collected: Collected = { applications: [], emailTemplates: {}, documents: {} };
  const presentFiles = new Set<string>();

  function parse<T>(file: string, body: unknown, schema: z.ZodType<T>): T | undefined {
    presentFiles.add(file);
    const result = schema.safeParse(body);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const where = formatPath(issue.path);
      problems.push({ file, message: where === '' ? issue.message : `${where}: ${issue.message}` });
    }
    return undefined;
  }

  for (const { path: file, body, isUnreadable } of items) {
    if (isUnreadable === true) {
      presentFiles.add(file);
      continue;
    }
    const parts = file.split('/');
    const base = parts.at(-1)?.replace(/\.yaml$/, '') ?? '';
    if (file === contentFiles.vendor) {
      collected.vendor = parse(file, body, vendorSchema);
    } else if (file === contentFiles.teams) {
      collected.teams = parse(file, body, teamsFileSchema)?.teams;
    } else if (file === contentFiles.services) {
      collected.services = parse(file, body, servicesFileSchema)?.services;
    } else if (file === contentFiles.environmentChecklists) {
      collected.environmentChecklists = parse(file, body, environmentChecklistsSchema);
    } else if (file === contentFiles.projectQuestionnaire) {
      collected.projectQuestionnaire = parse(file, body, projectQuestionnaireFileSchema);
    } else if (parts.length === 2 && parts[0] === 'applications' && file.endsWith('.yaml')) {
      const application = parse(file, body, applicationSchema);
      if (application !== undefined && application.key !== base) {
        problems.push({ file, message: `key "${application.key}" must match the file name "${base}"` });
      } else if (application !== undefined) {
        collected.applications.push(application);
      }
    } else if (parts.length === 3 && parts[0] === 'email-templates' && file.endsWith('.yaml')) {
      const language = parts[1] ?? '';
      if (!isOneOf(contentLanguages, language) || !isOneOf(emailTemplateKeys, base)) {
        problems.push({
          file,
          message: `unexpected file: templates are ${emailTemplateKeys.join(', ')} in ${contentLanguages.join(', ')}`,
        });
        continue;
      }
      const template = parse(file, body, emailTemplateSchema);
      if (template !== undefined) (collected.emailTemplates[base] ??= {})[language] = template;
    } else if (parts.length === 3 && parts[0] === 'documents' && file.endsWith('.yaml')) {
      const language = parts[1] ?? '';
      if (!isOneOf(contentLanguages, language) || !isOneOf(documentKeys, base)) {
        problems.push({
          file,
          message: `unexpected file: documents are ${documentKeys.join(', ')} in ${contentLanguages.join(', ')}`,
        });
        continue;
      }
      const document = parse(file, body, contentDocumentSchema);
      if (document !== undefined) (collected.documents[base] ??= {})[language] = document;
    } else {
      problems.push({ file, message: 'unexpected file: the content library does not know what it is' });
    }
  }

  const required = [
    contentFiles.vendor,
    contentFiles.teams,
    contentFiles.services,
    contentFiles.projectQuestionnaire,
    contentFiles.environmentChecklists,
    ...contentLanguages.flatMap((language) => [
      ...emailTemplateKeys.map((key) => contentFiles.emailTemplate(language, key)),
      ...documentKeys.map((key) => contentFiles.document(language, key)),
    ]),
  ];
  for (const file of required) {
    if (!presentFiles.has(file)) problems.push({ file, message: 'missing: this file is required' });
  }
  if (![...presentFiles].some((file) => file.startsWith('applications/'))) {
    problems.push({ file: 'applications/', message: 'missing: the library needs at least one application' });
  }

  const draft: ContentLibraryDraft = collected;
  problems.push(...checkContentLibrary(draft));
  // With no problem, every required file was present and valid, so the draft is complete.
  return { library: problems.length === 0 ? (draft as ContentLibrary) : null, problems };
}

/** Reads every YAML file of the directory (README.md aside) as content items; a file that is not valid YAML is a problem. */
export async function readContentItems(
  directory: string,
): Promise<{ items: ContentItem[]; problems: ContentProblem[] }> {
  // Loaded when files are read: a server whose defaults are installed already does not need it.
  const { parseDocument } = await import('yaml');
  const items: ContentItem[] = [];
  const problems: ContentProblem[] = [];
  for (const file of await listFiles(directory)) {
    if (file === 'README.md') continue;
    const document = parseDocument(await readFile(join(directory, file), 'utf8'), { prettyErrors: true });
    if (document.errors.length > 0) {
      for (const error of document.errors) problems.push({ file, message: `not valid YAML: ${error.message}` });
      items.push({ path: file, body: undefined, isUnreadable: true });
      continue;
    }
    items.push({ path: file, body: document.toJS() as unknown });
  }
  return { items, problems };
}

/**
 * Loads and checks the content library in `directory`; throws one ContentLibraryError that
 * lists every problem (file and message) when anything is wrong.
 */
export async function loadContentLibrary(directory: string): Promise<ContentLibrary> {
  const read = await readContentItems(directory);
  const { library, problems } = assembleContentLibrary(read.items);
  // File by file, as a person fixes them (the sort is stable: each file's problems keep their order).
  const all = [...read.problems, ...problems].sort((left, right) => left.file.localeCompare(right.file));
  if (library === null || all.length > 0) throw new ContentLibraryError(directory, all);
  return library;
}
