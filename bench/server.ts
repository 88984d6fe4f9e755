/**
 * The server under test, run by bench/run.ts as a child process so the load generator has its own event loop.
 *
 * - Starts Engage with startEngage(loadConfig()) from the environment (DATA_DIR, DATABASE_URL, PORT, HOST, LOG_LEVEL).
 * - With `--seed N`, seeds N projects (bench/seed.ts) through the app's own connection once it has migrated;
 *   `--no-analyze` skips the ANALYZE after it; `--after-seed-sql FILE` then runs that SQL (what-if experiments).
 * - Starts, in this same process and on the same database connection, a bare Fastify app (port 0 on 127.0.0.1):
 *     GET /bare/:id       one primary-key select on projects: the baseline
 *     GET /bench/ids      project ids to spread the baseline over
 *     GET /bench/stats    memory of this process (peak RSS)
 *     GET /bench/explain  EXPLAIN (ANALYZE, BUFFERS) of the pipeline's first page, unfiltered and filtered (?step=&engineerId=)
 * - Prints one line `ENGAGE_BENCH_READY {json}` (see common.ts) and serves until SIGTERM or SIGINT.
 */
import fs from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { eq, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import Fastify, { type FastifyInstance } from 'fastify';
import type pg from 'pg';
import { loadConfig } from '../src/server/config';
import type { Database } from '../src/server/db/database';
import * as schema from '../src/server/db/schema';
import { listPipelineRows, type ProjectFilters } from '../src/server/modules/projects/projects.repository';
import { startEngage } from '../src/server/start';
import { readyPrefix, type ExplainedQuery, type ReadyMessage, type ServerStats } from './common';
import { defaultSeedOptions, seedBenchData } from './seed';

interface QueryableClient {
  query: (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
}

function parseArguments(argv: readonly string[]) {
  let seedProjects = 0;
  let analyze = true;
  let afterSeedSqlFile: string | null = null;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--seed') {
      seedProjects = Number(argv[index + 1]);
      index += 1;
      if (!Number.isInteger(seedProjects) || seedProjects < 1)
        throw new Error('--seed needs a positive number of projects');
    } else if (argument === '--after-seed-sql') {
      afterSeedSqlFile = argv[index + 1] ?? null;
      index += 1;
      if (afterSeedSqlFile === null) throw new Error('--after-seed-sql needs a file');
    } else if (argument === '--no-analyze') {
      analyze = false;
    } else {
      throw new Error(`bench/server.ts: unknown argument ${String(argument)}`);
    }
  }
  return { seedProjects, analyze, afterSeedSqlFile };
}

const startedAt = performance.now();
const options = parseArguments(process.argv.slice(2));
const config = loadConfig(process.env);
const running = await startEngage(config);
const startEngageMs = Math.round(performance.now() - startedAt);
const db = running.connection.db;
const client = (db as unknown as { $client: unknown }).$client;

let stopping: Promise<void> | null = null;
let bare: FastifyInstance | null = null;
function stop(exitCode: number): Promise<void> {
  stopping ??= (async () => {
    await bare?.close().catch(() => {});
    await running
      .stop()
      .catch((error: unknown) => process.stderr.write(`bench server: stop failed: ${(error as Error).message}\n`));
    process.exit(exitCode);
  })();
  return stopping;
}
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));

try {
  let seed: ReadyMessage['seed'] = null;
  let sampleProjectIds: string[];
  if (options.seedProjects > 0) {
    const result = await seedBenchData(db, {
      ...defaultSeedOptions,
      projects: options.seedProjects,
      analyze: options.analyze,
    });
    seed = result.summary;
    sampleProjectIds = result.sampleProjectIds;
  } else {
    const result = await db.execute(sql`select id from projects order by random() limit 2000`);
    sampleProjectIds = (result as { rows: { id: string }[] }).rows.map((row) => row.id);
  }

  /** Runs the pipeline query through a logging drizzle over the same client, then EXPLAIN ANALYZE of exactly that SQL. */
  async function explainPipeline(label: string, filters: ProjectFilters): Promise<ExplainedQuery> {
    const captured: { sql: string; params: unknown[] }[] = [];
    const logger = { logQuery: (query: string, params: unknown[]) => captured.push({ sql: query, params }) };
    const loggingDb = (running.connection.kind === 'embedded'
      ? drizzlePglite({ client: client as PGlite, schema, logger })
      : drizzleNodePostgres({ client: client as pg.Pool, schema, logger })) as unknown as Database;
    await listPipelineRows(loggingDb, filters);
    const query = captured.at(-1);
    if (query === undefined) throw new Error('the pipeline query was not captured');
    const explain = `explain (analyze, buffers) ${query.sql}`;
    await (client as QueryableClient).query(explain, query.params); // once to warm the cache, then the one reported
    const { rows } = await (client as QueryableClient).query(explain, query.params);
    const plan = rows.map((row) => String(Object.values(row)[0])).join('\n');
    const indexesUsed = [
      ...plan.matchAll(/(?:Index(?: Only)? Scan(?: Backward)? using|Bitmap Index Scan on) (\S+)/g),
    ].map((match) => match[1] ?? '');
    const executionMs = /Execution Time: ([\d.]+) ms/.exec(plan)?.[1];
    return {
      label,
      sql: query.sql,
      params: query.params,
      plan,
      indexesUsed: [...new Set(indexesUsed)],
      executionMs: executionMs === undefined ? null : Number(executionMs),
    };
  }

  const bareApp = Fastify({ logger: false });
  bare = bareApp;
  bareApp.get('/bare/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const [row] = await db.select().from(schema.projects).where(eq(schema.projects.id, id)).limit(1);
    if (row === undefined) return reply.code(404).send({ code: 'not_found' });
    return row;
  });
  // What-if experiments (an index the server does not have yet, …): statements separated by ';' at line ends.
  let afterSeedStatements = 0;
  if (options.afterSeedSqlFile !== null) {
    const statements = fs
      .readFileSync(options.afterSeedSqlFile, 'utf8')
      .split(/;\s*(?:\n|$)/)
      .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
      .filter((statement) => statement !== '');
    for (const statement of statements) await db.execute(sql.raw(statement));
    if (options.analyze) await db.execute(sql`analyze`);
    afterSeedStatements = statements.length;
  }

  bareApp.get('/bench/ids', async () => ({ ids: sampleProjectIds }));
  bareApp.get('/bench/stats', async (): Promise<ServerStats> => {
    const memory = process.memoryUsage();
    return {
      maxRssKb: process.resourceUsage().maxRSS,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      externalBytes: memory.external,
    };
  });
  bareApp.get('/bench/explain', async (request) => {
    const query = request.query as { step?: string; engineerId?: string };
    const explained: ExplainedQuery[] = [await explainPipeline('first page, unfiltered', { limit: 51 })];
    if (query.step !== undefined && query.engineerId !== undefined) {
      explained.push(
        await explainPipeline('first page, step + engineer', {
          stepKey: query.step,
          engineerId: query.engineerId,
          limit: 51,
        }),
      );
      explained.push(await explainPipeline('first page, step only', { stepKey: query.step, limit: 51 }));
    }
    return { explained };
  });
  await bareApp.listen({ port: 0, host: '127.0.0.1' });
  const address = bareApp.server.address();
  const barePort = typeof address === 'object' && address !== null ? address.port : 0;

  const ready: ReadyMessage = {
    pid: process.pid,
    kind: running.connection.kind,
    appPort: config.port,
    barePort,
    startEngageMs,
    seed,
    afterSeedStatements,
  };
  process.stdout.write(`\n${readyPrefix}${JSON.stringify(ready)}\n`);
} catch (error) {
  process.stderr.write(`bench server: ${(error as Error).stack ?? String(error)}\n`);
  await stop(1);
}
