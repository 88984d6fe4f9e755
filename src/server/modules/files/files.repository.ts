import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { storedFiles, type StoredFileRow } from './files.tables';

export type { StoredFileRow };

/** The columns a list of files shows (never the content). */
const fileInfoColumns = {
  id: storedFiles.id,
  projectId: storedFiles.projectId,
  purpose: storedFiles.purpose,
  applicationKey: storedFiles.applicationKey,
  requirementId: storedFiles.requirementId,
  originalName: storedFiles.originalName,
  contentType: storedFiles.contentType,
  size: storedFiles.size,
  uploadedBy: storedFiles.uploadedBy,
  createdAt: storedFiles.createdAt,
};

export type StoredFileInfo = Pick<StoredFileRow, keyof typeof fileInfoColumns>;

export async function insertStoredFile(db: Database, file: typeof storedFiles.$inferInsert): Promise<StoredFileInfo> {
  const [row] = await db.insert(storedFiles).values(file).returning(fileInfoColumns);
  if (row === undefined) throw new Error('insert returned no row');
  return row;
}

export async function findStoredFile(db: Database, projectId: string, fileId: string): Promise<StoredFileRow | null> {
  const [row] = await db
    .select()
    .from(storedFiles)
    .where(and(eq(storedFiles.id, fileId), eq(storedFiles.projectId, projectId), isNull(storedFiles.removedAt)))
    .limit(1);
  return row ?? null;
}

export async function findStoredFileInfo(
  db: Database,
  projectId: string,
  fileId: string,
): Promise<StoredFileInfo | null> {
  const [row] = await db
    .select(fileInfoColumns)
    .from(storedFiles)
    .where(and(eq(storedFiles.id, fileId), eq(storedFiles.projectId, projectId), isNull(storedFiles.removedAt)))
    .limit(1);
  return row ?? null;
}

export async function listQuestionnaireFiles(
  db: Database,
  projectId: string,
  applicationKey: string,
): Promise<StoredFileInfo[]> {
  return db
    .select(fileInfoColumns)
    .from(storedFiles)
    .where(
      and(
        eq(storedFiles.projectId, projectId),
        eq(storedFiles.purpose, 'questionnaire'),
        eq(storedFiles.applicationKey, applicationKey),
        isNull(storedFiles.removedAt),
      ),
    )
    .orderBy(asc(storedFiles.createdAt));
}

export async function listEvidenceFiles(db: Database, projectId: string): Promise<StoredFileInfo[]> {
  return db
    .select(fileInfoColumns)
    .from(storedFiles)
    .where(
      and(eq(storedFiles.projectId, projectId), eq(storedFiles.purpose, 'evidence'), isNull(storedFiles.removedAt)),
    )
    .orderBy(asc(storedFiles.createdAt));
}

export async function markStoredFileRemoved(db: Database, fileId: string, now: Date): Promise<void> {
  await db.update(storedFiles).set({ removedAt: now }).where(eq(storedFiles.id, fileId));
}

/** A file's name, type and content by its id (removed or not): a document's or a package's own file. */
export async function findFileContent(
  db: Database,
  fileId: string,
): Promise<{ name: string; contentType: string; content: Buffer } | null> {
  const [row] = await db
    .select({ name: storedFiles.originalName, contentType: storedFiles.contentType, content: storedFiles.content })
    .from(storedFiles)
    .where(eq(storedFiles.id, fileId));
  return row ?? null;
}

/** The names, types and contents of these files (removed or not). */
export async function listFileContents(
  db: Database,
  fileIds: readonly string[],
): Promise<{ id: string; name: string; contentType: string; content: Buffer }[]> {
  if (fileIds.length === 0) return [];
  return db
    .select({
      id: storedFiles.id,
      name: storedFiles.originalName,
      contentType: storedFiles.contentType,
      content: storedFiles.content,
    })
    .from(storedFiles)
    .where(inArray(storedFiles.id, [...fileIds]));
}

/** What a list shows of these files, those not removed only. */
export async function listLiveFileSummaries(
  db: Database,
  fileIds: readonly string[],
): Promise<(Pick<StoredFileInfo, 'id' | 'contentType' | 'size' | 'uploadedBy' | 'createdAt'> & { name: string })[]> {
  if (fileIds.length === 0) return [];
  return db
    .select({
      id: storedFiles.id,
      name: storedFiles.originalName,
      contentType: storedFiles.contentType,
      size: storedFiles.size,
      uploadedBy: storedFiles.uploadedBy,
      createdAt: storedFiles.createdAt,
    })
    .from(storedFiles)
    .where(and(inArray(storedFiles.id, [...fileIds]), isNull(storedFiles.removedAt)));
}
