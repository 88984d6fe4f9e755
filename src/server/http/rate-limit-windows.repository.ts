import { sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { queryNamed } from '../db/named-query';
import { clockSlackWindows, type EndedWindow, type WindowHit, type WindowHitInput } from './rate-limit-windows';

/** The rate-limit windows kept in `rate_limit_windows`, shared by every process on the database. */

/**
 * Counts a hit in the key's window in `rate_limit_windows`, shared by every process on the database: one statement,
 * atomic under concurrency (an expired window is restarted by exactly one hit, which also gets its carry).
 */
export async function hitDatabaseWindow(
  db: Database,
  { key, now, windowMs, freeHits }: WindowHitInput,
): Promise<WindowHit> {
  const resetAt = new Date(now.getTime() + windowMs).toISOString();
  const clockLimit = new Date(now.getTime() + windowMs * (1 + clockSlackWindows)).toISOString();
  const rows = await queryNamed<{ hits: number; reset_ms: number | string; refused: number }>(
    db,
    'rate_limit_hit',
    sql`insert into rate_limit_windows as w (key, hits, refused, reset_at)
        values (${key}, 1, 0, ${resetAt}::timestamptz)
        on conflict (key) do update set
          hits = case when w.reset_at <= ${now.toISOString()}::timestamptz or w.reset_at > ${clockLimit}::timestamptz then 1 else w.hits + 1 end,
          refused = case when w.reset_at <= ${now.toISOString()}::timestamptz or w.reset_at > ${clockLimit}::timestamptz
            then greatest(w.hits - ${freeHits}::int, 0) else w.refused end,
          reset_at = case when w.reset_at <= ${now.toISOString()}::timestamptz or w.reset_at > ${clockLimit}::timestamptz
            then excluded.reset_at else w.reset_at end
        returning hits, refused, (extract(epoch from reset_at) * 1000)::float8 as reset_ms`,
  );
  const row = rows[0];
  if (row === undefined) throw new Error('the rate limit window was not written');
  // `refused` holds the carry from the restart on; only the hit that restarted the window (hits = 1) reports it.
  return { hits: row.hits, resetAt: new Date(Number(row.reset_ms)), carried: row.hits === 1 ? row.refused : 0 };
}

/** Deletes the windows under a key prefix that ended by `now`, returning their keys and hits. */
export async function deleteEndedDatabaseWindows(db: Database, prefix: string, now: Date): Promise<EndedWindow[]> {
  const result = await db.execute<{ key: string; hits: number }>(
    sql`delete from rate_limit_windows where reset_at <= ${now.toISOString()}::timestamptz and starts_with(key, ${prefix}) returning key, hits`,
  );
  return (result as { rows: EndedWindow[] }).rows;
}
