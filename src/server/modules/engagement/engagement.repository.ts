import { sql } from 'drizzle-orm';
import type { Database } from '../../db/database';

export interface EngineerWorkload {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  teams: string[];
  /** Projects assigned to the engineer that are not complete. */
  projectsInFlight: number;
  /** Days purchased by those projects (no effort is logged yet, so all of it is still to deliver). */
  openEffortDays: number;
}

/** Every active engineer with their open workload. */
export async function listEngineerWorkloads(db: Database): Promise<EngineerWorkload[]> {
  const result = await db.execute<EngineerWorkload & Record<string, unknown>>(sql`
    select u.id, u.name, u.email, u.phone, u.teams,
           (count(p.id) filter (where p.state <> 'complete'))::int as "projectsInFlight",
           coalesce(sum(p.purchased_effort_days) filter (where p.state <> 'complete'), 0)::float8 as "openEffortDays"
      from users u
      left join projects p on p.engineer_id = u.id
     where u.role = 'engineer' and not u.is_disabled
     group by u.id
     order by u.name`);
  return (result as { rows: EngineerWorkload[] }).rows;
}
