import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { storedFiles } from '../../db/schema';

export type StoredFileRow = typeof storedFiles.$inferSelect;

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
