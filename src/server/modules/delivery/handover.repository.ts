/** The queries of the hand-over packages: the installation dossier of each closed project and support's search of them. */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { handoverPackages } from './delivery.tables';

/** Why a project was closed with its activity report unsigned, and who decided, as the dossier records it. */
export interface UnsignedReport {
  reason: string;
  decidedBy: string;
  decidedAt: string;
}

export type HandoverSummary = Omit<typeof handoverPackages.$inferSelect, 'dossier' | 'searchText'> & {
  unsignedReport: UnsignedReport | null;
};

/** The project's hand-over package without its dossier (only the unsigned report's record of it), or undefined. */
export async function findHandoverSummary(db: Database, projectId: string): Promise<HandoverSummary | undefined> {
  const [row] = await db
    .select({
      projectId: handoverPackages.projectId,
      pdfFileId: handoverPackages.pdfFileId,
      jsonFileId: handoverPackages.jsonFileId,
      createdAt: handoverPackages.createdAt,
      createdBy: handoverPackages.createdBy,
      unsignedReport: sql<UnsignedReport | null>`${handoverPackages.dossier} -> 'unsignedReport'`,
    })
    .from(handoverPackages)
    .where(eq(handoverPackages.projectId, projectId));
  return row === undefined ? undefined : { ...row, unsignedReport: row.unsignedReport ?? null };
}

/** Whether the project is closed: its hand-over package exists. */
export async function hasHandoverPackage(db: Database, projectId: string): Promise<boolean> {
  const [closed] = await db
    .select({ id: handoverPackages.projectId })
    .from(handoverPackages)
    .where(eq(handoverPackages.projectId, projectId));
  return closed !== undefined;
}

/** The ids of the package's PDF and JSON files, or undefined. */
export async function findHandoverFileIds(db: Database, projectId: string) {
  const [pack] = await db
    .select({ pdfFileId: handoverPackages.pdfFileId, jsonFileId: handoverPackages.jsonFileId })
    .from(handoverPackages)
    .where(eq(handoverPackages.projectId, projectId));
  return pack;
}

export async function insertHandoverPackage(db: Database, values: typeof handoverPackages.$inferInsert): Promise<void> {
  await db.insert(handoverPackages).values(values);
}

/**
 * The packages whose dossier has every word, as a word (full-text, 'simple' dictionary) or inside one (a host name),
 * newest first.
 */
export async function searchHandoverPackages(db: Database, words: readonly string[]) {
  const conditions = words.map((word) => {
    const like = `%${word.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    return sql`(to_tsvector('simple', ${handoverPackages.searchText}) @@ plainto_tsquery('simple', ${word}) or ${handoverPackages.searchText} ilike ${like})`;
  });
  return db
    .select({
      projectId: handoverPackages.projectId,
      closedAt: handoverPackages.createdAt,
      searchText: handoverPackages.searchText,
    })
    .from(handoverPackages)
    .where(and(...conditions))
    .orderBy(desc(handoverPackages.createdAt));
}
