import { createHash } from 'node:crypto';
import type { ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { refuse } from '../../errors';
import { recordAuditEvent } from '../audit/audit.service';
import { actorOf, authorOf, languageOf, projectFor, refuseTo, type Participant } from '../projects/participant';
import { checkUpload } from './file-check';
import {
  findStoredFile,
  findStoredFileInfo,
  insertStoredFile,
  markStoredFileRemoved,
  type StoredFileInfo,
} from './files.repository';

/** Published for the modules that store or list files of their own (evidence, questionnaire and delivery files). */
export { insertStoredFile, listEvidenceFiles, listQuestionnaireFiles } from './files.repository';

export interface FileView {
  id: string;
  name: string;
  contentType: string;
  size: number;
  uploadedBy: { kind: 'staff' | 'contact'; name: string };
  createdAt: Date;
}

export function presentFile(file: StoredFileInfo): FileView {
  return {
    id: file.id,
    name: file.originalName,
    contentType: file.contentType,
    size: file.size,
    uploadedBy: { kind: file.uploadedBy.kind, name: file.uploadedBy.name },
    createdAt: file.createdAt,
  };
}

/**
 * Checks an upload by its content and stores it in the caller's transaction, under a generated id, with the name to
 * offer on download. Throws validation_failed (empty), payload_too_large or file_type_refused.
 */
export async function storeFile(
  context: ServiceContext,
  db: Database,
  participant: Participant,
  input: {
    projectId: string;
    purpose: 'questionnaire' | 'evidence' | 'uat-evidence';
    applicationKey?: string;
    requirementId?: string;
    name: string;
    content: Buffer;
  },
): Promise<FileView> {
  const checked = await checkUpload(input.name, input.content, context.portal.uploadMaxBytes, languageOf(participant));
  const sha256 = createHash('sha256').update(input.content).digest('hex');
  const file = await insertStoredFile(db, {
    projectId: input.projectId,
    purpose: input.purpose,
    applicationKey: input.applicationKey ?? null,
    requirementId: input.requirementId ?? null,
    originalName: checked.downloadName,
    contentType: checked.contentType,
    size: input.content.length,
    sha256,
    content: input.content,
    uploadedBy: authorOf(participant),
    createdAt: context.now(),
  });
  await recordAuditEvent(db, actorOf(participant), {
    action: 'file.uploaded',
    projectId: input.projectId,
    subjectType: 'file',
    subjectId: file.id,
    after: {
      purpose: input.purpose,
      applicationKey: input.applicationKey ?? null,
      requirementId: input.requirementId ?? null,
      name: checked.downloadName,
      contentType: checked.contentType,
      size: input.content.length,
      sha256,
    },
  });
  return presentFile(file);
}

/** A file of a project the participant may see, with its content, for download. */
export async function readFile(context: ServiceContext, participant: Participant, projectId: string, fileId: string) {
  await projectFor(context, participant, projectId, 'read');
  const file = await findStoredFile(context.db, projectId, fileId);
  // Contacts reach only what they and the engineer attached (the UAT's evidence too: they sign the results it shows);
  // documents to sign come through their own route, and the hand-over package (with the internal notes) never reaches them.
  const isShared =
    file !== null &&
    (file.purpose === 'questionnaire' || file.purpose === 'evidence' || file.purpose === 'uat-evidence');
  if (file === null || (participant.kind === 'contact' && !isShared))
    throw refuseTo(participant)('not_found', 'files.no_such_file');
  return { name: file.originalName, contentType: file.contentType, content: file.content };
}

export async function findFileInfo(db: Database, projectId: string, fileId: string): Promise<StoredFileInfo> {
  const file = await findStoredFileInfo(db, projectId, fileId);
  if (file === null) throw refuse('not_found', 'files.no_such_file');
  return file;
}

/** Takes a file off its questionnaire or requirement (kept in the database for the record). */
export async function removeFileRecord(
  context: ServiceContext,
  db: Database,
  participant: Participant,
  file: StoredFileInfo,
): Promise<void> {
  await markStoredFileRemoved(db, file.id, context.now());
  await recordAuditEvent(db, actorOf(participant), {
    action: 'file.removed',
    projectId: file.projectId,
    subjectType: 'file',
    subjectId: file.id,
    before: { name: file.originalName, purpose: file.purpose },
  });
}

// What other modules keep and read of files they produce themselves (documents, sealed copies, packages).
export { findFileContent, listFileContents, listLiveFileSummaries } from './files.repository';
