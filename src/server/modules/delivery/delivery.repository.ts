/**
 * The queries of a project's delivery records: checklist ticks, configuration records, UAT results, trainings and the
 * delivery notes. The signable documents' queries are in documents.repository.ts, the hand-over's in
 * handover.repository.ts.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/database';
import {
  checklistTicks,
  configurationRecords,
  deliveryNotes,
  trainingRecords,
  uatItemResults,
  type ChecklistTickRow,
  type ConfigurationRecordRow,
  type UatItemResultRow,
  type TrainingRow,
  type DeliveryNotesRow,
} from './delivery.tables';

export type { ChecklistTickRow, ConfigurationRecordRow, UatItemResultRow, TrainingRow, DeliveryNotesRow };

/** One checklist item of a project ('' as the application key of an item of no application). */
export interface ChecklistItemKey {
  projectId: string;
  checklist: ChecklistTickRow['checklist'];
  applicationKey: string;
  itemKey: string;
}

/** One UAT item of a project. */
export interface UatItemKey {
  projectId: string;
  applicationKey: string;
  itemKey: string;
}

export async function listChecklistTicks(db: Database, projectId: string): Promise<ChecklistTickRow[]> {
  return db.select().from(checklistTicks).where(eq(checklistTicks.projectId, projectId));
}

/** Writes an item's tick (or takes it back), creating its row on the first tick. */
export async function upsertChecklistTick(
  db: Database,
  key: ChecklistItemKey,
  set: Partial<typeof checklistTicks.$inferInsert>,
): Promise<void> {
  await db
    .insert(checklistTicks)
    .values({ ...key, ...set })
    .onConflictDoUpdate({
      target: [
        checklistTicks.projectId,
        checklistTicks.checklist,
        checklistTicks.applicationKey,
        checklistTicks.itemKey,
      ],
      set,
    });
}

export async function updateChecklistTick(
  db: Database,
  key: ChecklistItemKey,
  set: Partial<typeof checklistTicks.$inferInsert>,
): Promise<void> {
  await db
    .update(checklistTicks)
    .set(set)
    .where(
      and(
        eq(checklistTicks.projectId, key.projectId),
        eq(checklistTicks.checklist, key.checklist),
        eq(checklistTicks.applicationKey, key.applicationKey),
        eq(checklistTicks.itemKey, key.itemKey),
      ),
    );
}

export async function listConfigurationRecords(db: Database, projectId: string): Promise<ConfigurationRecordRow[]> {
  return db.select().from(configurationRecords).where(eq(configurationRecords.projectId, projectId));
}

/** Writes fields of an application's configuration record, creating it on the first write. */
export async function upsertConfigurationRecord(
  db: Database,
  projectId: string,
  applicationKey: string,
  set: Partial<typeof configurationRecords.$inferInsert>,
): Promise<void> {
  await db
    .insert(configurationRecords)
    .values({ projectId, applicationKey, ...set })
    .onConflictDoUpdate({ target: [configurationRecords.projectId, configurationRecords.applicationKey], set });
}

export async function listUatItemResults(db: Database, projectId: string): Promise<UatItemResultRow[]> {
  return db.select().from(uatItemResults).where(eq(uatItemResults.projectId, projectId));
}

/** Writes fields of a UAT item's result, creating it on the first write. */
export async function upsertUatItemResult(
  db: Database,
  key: UatItemKey,
  set: Partial<typeof uatItemResults.$inferInsert>,
): Promise<void> {
  await db
    .insert(uatItemResults)
    .values({ ...key, ...set })
    .onConflictDoUpdate({
      target: [uatItemResults.projectId, uatItemResults.applicationKey, uatItemResults.itemKey],
      set,
    });
}

export async function updateUatItemResult(
  db: Database,
  key: UatItemKey,
  set: Partial<typeof uatItemResults.$inferInsert>,
): Promise<void> {
  await db
    .update(uatItemResults)
    .set(set)
    .where(
      and(
        eq(uatItemResults.projectId, key.projectId),
        eq(uatItemResults.applicationKey, key.applicationKey),
        eq(uatItemResults.itemKey, key.itemKey),
      ),
    );
}

/** The trainings recorded and not removed, by day then by when they were recorded. */
export async function listActiveTrainings(db: Database, projectId: string): Promise<TrainingRow[]> {
  return db
    .select()
    .from(trainingRecords)
    .where(and(eq(trainingRecords.projectId, projectId), isNull(trainingRecords.removedAt)))
    .orderBy(asc(trainingRecords.trainingDate), asc(trainingRecords.createdAt));
}

export async function insertTraining(
  db: Database,
  values: typeof trainingRecords.$inferInsert,
): Promise<{ id: string } | undefined> {
  const [row] = await db.insert(trainingRecords).values(values).returning({ id: trainingRecords.id });
  return row;
}

/** Marks a training of the project removed; undefined when there is no such training not removed yet. */
export async function markTrainingRemoved(
  db: Database,
  projectId: string,
  trainingId: string,
  removedAt: Date,
  removedBy: string,
): Promise<TrainingRow | undefined> {
  const [removed] = await db
    .update(trainingRecords)
    .set({ removedAt, removedBy })
    .where(
      and(
        eq(trainingRecords.id, trainingId),
        eq(trainingRecords.projectId, projectId),
        isNull(trainingRecords.removedAt),
      ),
    )
    .returning();
  return removed;
}

export async function findDeliveryNotes(db: Database, projectId: string): Promise<DeliveryNotesRow | undefined> {
  const [row] = await db.select().from(deliveryNotes).where(eq(deliveryNotes.projectId, projectId));
  return row;
}

export async function upsertDeliveryNotes(
  db: Database,
  projectId: string,
  set: Partial<typeof deliveryNotes.$inferInsert>,
): Promise<void> {
  await db
    .insert(deliveryNotes)
    .values({ projectId, ...set })
    .onConflictDoUpdate({ target: deliveryNotes.projectId, set });
}
