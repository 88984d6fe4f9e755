import { desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { contentItems, users } from '../../db/schema';
import { engageSettings } from './content.tables';

export type ContentItemRow = typeof contentItems.$inferSelect;

/** An item's columns with the name of whoever wrote that version. */
const itemWithAuthor = {
  path: contentItems.path,
  version: contentItems.version,
  body: contentItems.body,
  isDefault: contentItems.isDefault,
  createdBy: contentItems.createdBy,
  createdAt: contentItems.createdAt,
  createdByName: users.name,
};

export type ContentItemWithAuthor = ContentItemRow & { createdByName: string | null };

/** The current (highest) version of every item, with the name of whoever wrote it. */
export async function listCurrentContentItems(db: Database): Promise<ContentItemWithAuthor[]> {
  return db
    .selectDistinctOn([contentItems.path], itemWithAuthor)
    .from(contentItems)
    .leftJoin(users, eq(users.id, contentItems.createdBy))
    .orderBy(contentItems.path, desc(contentItems.version));
}

/** The current version of one item, with the name of whoever wrote it. */
export async function findCurrentContentItem(db: Database, path: string): Promise<ContentItemWithAuthor | null> {
  const [row] = await db
    .select(itemWithAuthor)
    .from(contentItems)
    .leftJoin(users, eq(users.id, contentItems.createdBy))
    .where(eq(contentItems.path, path))
    .orderBy(desc(contentItems.version))
    .limit(1);
  return row ?? null;
}

/** Adds a version; false when that version exists already (another writer got there first). */
export async function insertContentItem(db: Database, values: typeof contentItems.$inferInsert): Promise<boolean> {
  const rows = await db
    .insert(contentItems)
    .values(values)
    .onConflictDoNothing()
    .returning({ path: contentItems.path });
  return rows.length > 0;
}

/** Serialises writers of the content library within a transaction (the library is checked as a whole). */
export async function lockContentLibrary(db: Database): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('engage.content_items'))`);
}

export async function findSetting(db: Database, key: string): Promise<unknown> {
  const [row] = await db
    .select({ value: engageSettings.value })
    .from(engageSettings)
    .where(eq(engageSettings.key, key))
    .limit(1);
  return row?.value ?? null;
}

export async function saveSetting(db: Database, key: string, value: unknown, at: Date): Promise<void> {
  await db
    .insert(engageSettings)
    .values({ key, value, updatedAt: at })
    .onConflictDoUpdate({ target: engageSettings.key, set: { value, updatedAt: at } });
}

/**
 * What changes whenever a version of any item is added: the number of rows, the sum of their versions and the newest
 * row's time (to the microsecond, which also tells two databases apart, as in tests that run several in one process).
 */
export async function contentStateKey(db: Database): Promise<string> {
  const result = await db.execute<{ key: string }>(
    sql`select count(*)::text || '/' || coalesce(sum(version), 0)::text || '/' || coalesce(max(created_at)::text, '') as key from content_items`,
  );
  return (result as { rows: { key: string }[] }).rows[0]?.key ?? '';
}

/** Stores a setting unless one is stored under its key already (two processes starting together: the first wins). */
export async function addSettingIfAbsent(db: Database, key: string, value: unknown, at: Date): Promise<void> {
  await db.insert(engageSettings).values({ key, value, updatedAt: at }).onConflictDoNothing();
}
