import { eq } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { calendarFeeds, type CalendarFeedRow } from './sessions.tables';

/* The calendar_feeds rows: one subscription address per staff member, kept as the HMAC of its secret. */

export type { CalendarFeedRow };

/** The staff member's subscription, or null. */
export async function findFeedOfUser(db: Database, userId: string): Promise<CalendarFeedRow | null> {
  const [row] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, userId)).limit(1);
  return row ?? null;
}

/** The subscription whose secret has this hash, or null. */
export async function findFeedByTokenHash(db: Database, tokenHash: string): Promise<CalendarFeedRow | null> {
  const [row] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.tokenHash, tokenHash)).limit(1);
  return row ?? null;
}

/** Saves the staff member's subscription, replacing an earlier one (never read yet). */
export async function saveFeed(db: Database, userId: string, tokenHash: string, now: Date): Promise<void> {
  await db
    .insert(calendarFeeds)
    .values({ userId, tokenHash, createdAt: now })
    .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash, createdAt: now, lastReadAt: null } });
}

/** Deletes the staff member's subscription; returns the rows deleted. */
export async function deleteFeedOfUser(db: Database, userId: string): Promise<CalendarFeedRow[]> {
  return db.delete(calendarFeeds).where(eq(calendarFeeds.userId, userId)).returning();
}

/** A calendar application read the subscription. */
export async function markFeedRead(db: Database, userId: string, now: Date): Promise<void> {
  await db.update(calendarFeeds).set({ lastReadAt: now }).where(eq(calendarFeeds.userId, userId));
}
