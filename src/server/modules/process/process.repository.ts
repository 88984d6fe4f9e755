import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { processTemplates } from './process.tables';

export async function findTemplateDefinition(db: Database, key: string, version: number): Promise<unknown> {
  const [row] = await db
    .select({ definition: processTemplates.definition })
    .from(processTemplates)
    .where(and(eq(processTemplates.key, key), eq(processTemplates.version, version)))
    .limit(1);
  return row?.definition ?? null;
}

/** Stores a template version unless it is stored already (versions are immutable). */
export async function insertTemplateVersion(
  db: Database,
  key: string,
  version: number,
  definition: unknown,
): Promise<void> {
  await db.insert(processTemplates).values({ key, version, definition }).onConflictDoNothing();
}
