import type { Logger } from 'pino';
import type { PgBoss, Queue } from 'pg-boss';
import type { DatabaseConnection } from '../db/database';

export type { PgBoss };

/** A queue and the options its jobs get (retries, back-off); defined by the module whose work it is. */
export type QueueDefinition = Omit<Queue, 'name'> & { name: string };

/**
 * Starts pg-boss on Engage's database: on the embedded database through the same PGlite instance (one process owns
 * it), on PostgreSQL with a small pool of its own. Creates pg-boss's schema at first start and the given queues.
 */
export async function startJobQueue(
  connection: DatabaseConnection,
  queues: readonly QueueDefinition[],
  logger: Pick<Logger, 'error'> | null,
): Promise<PgBoss> {
  const { PgBoss: PgBossClass, fromPglite } = await import('pg-boss');
  const boss =
    connection.driver.kind === 'embedded'
      ? new PgBossClass({ db: fromPglite(connection.driver.client), backend: 'pglite', schedule: false })
      : new PgBossClass({
          connectionString: connection.driver.url,
          max: 3,
          application_name: 'engage-jobs',
          schedule: false,
        });
  boss.on('error', (error: unknown) => logger?.error({ err: error }, 'job queue error'));
  await boss.start();
  for (const queue of queues) {
    const { name, ...options } = queue;
    if ((await boss.getQueue(name)) === null) await boss.createQueue(name, options);
    else await boss.updateQueue(name, options);
  }
  return boss;
}
