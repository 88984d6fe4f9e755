/**
 * `npm run bench`: seeds a realistic pipeline into a fresh embedded database (and a fresh PostgreSQL database when a
 * URL is given), runs the server as a child process, loads it with autocannon, times `npm start` to ready on the
 * seeded embedded data directory, prints a table with the targets, and writes bench/results/<name>.json.
 * See bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Options as AutocannonOptions, type Result as AutocannonResult } from 'autocannon';
import pg from 'pg';
import {
  benchManager,
  readyPrefix,
  type ExplainedQuery,
  type ReadyMessage,
  type SeedSummary,
  type ServerStats,
} from './common';
import {
  getFreePort,
  readProcessMemory,
  resetPeakMemory,
  spawnGroup,
  stopGroup,
  waitForLine,
  type GroupProcess,
} from './processes';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(benchDir, '..');
const resultsDir = path.join(benchDir, 'results');

// ---------------------------------------------------------------------------------------------------------------
// Settings

interface Settings {
  name: string;
  postgresUrl: string | null;
  runEmbedded: boolean;
  projects: number;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  startRuns: number;
  logLevel: string;
  analyze: boolean;
  keepDatabase: boolean;
  strict: boolean;
  afterSeedSql: string | null;
  cpuProfile: boolean;
}

const usage = `Usage: npm run bench -- [options]
  --name NAME          results file bench/results/NAME.json (default: latest; env BENCH_NAME)
  --postgres URL       also bench PostgreSQL: a fresh database engage_bench_<random> is created on that server
                       and dropped at the end (env BENCH_DATABASE_URL)
  --no-embedded        skip the embedded database (and the npm start timing)
  --projects N         projects to seed (default 20000; env BENCH_PROJECTS)
  --seconds N          measured seconds per scenario (default 10; env BENCH_SECONDS)
  --warmup N           warm-up seconds per scenario, not measured (default 2; env BENCH_WARMUP_SECONDS)
  --connections N      concurrent connections (default 50; env BENCH_CONNECTIONS)
  --starts N           npm start timings on the embedded data directory (default 3; env BENCH_STARTS)
  --log-level LEVEL    LOG_LEVEL of the server under test (default warn; env BENCH_LOG_LEVEL)
  --no-analyze         do not ANALYZE after seeding (PGlite has no autovacuum: its planner then has no statistics)
  --after-seed-sql F   run the SQL of file F after seeding, before measuring (what-if: an index the app lacks…);
                       the results say so (env BENCH_AFTER_SEED_SQL)
  --cpu-prof           write a V8 CPU profile of the server under test to bench/results/NAME-cpuprof-DATABASE/
  --keep-db            do not drop the PostgreSQL bench database (its URL is printed) for EXPLAIN by hand
  --strict             exit with code 2 when a target is missed`;

function parseSettings(argv: readonly string[], env: NodeJS.ProcessEnv): Settings {
  const numberFrom = (value: string | undefined, fallback: number, label: string, minimum: number) => {
    if (value === undefined || value === '') return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < minimum)
      throw new Error(`${label} must be a whole number ≥ ${minimum} (got ${value})`);
    return parsed;
  };
  const settings: Settings = {
    name: env.BENCH_NAME || 'latest',
    postgresUrl: env.BENCH_DATABASE_URL || null,
    runEmbedded: true,
    projects: numberFrom(env.BENCH_PROJECTS, 20_000, 'BENCH_PROJECTS', 100),
    seconds: numberFrom(env.BENCH_SECONDS, 10, 'BENCH_SECONDS', 1),
    warmupSeconds: numberFrom(env.BENCH_WARMUP_SECONDS, 2, 'BENCH_WARMUP_SECONDS', 0),
    connections: numberFrom(env.BENCH_CONNECTIONS, 50, 'BENCH_CONNECTIONS', 1),
    startRuns: numberFrom(env.BENCH_STARTS, 3, 'BENCH_STARTS', 0),
    logLevel: env.BENCH_LOG_LEVEL || 'warn',
    analyze: true,
    keepDatabase: false,
    strict: false,
    afterSeedSql: env.BENCH_AFTER_SEED_SQL || null,
    cpuProfile: false,
  };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    const value = () => {
      const next = argv[index + 1];
      if (next === undefined) throw new Error(`${String(argument)} needs a value\n${usage}`);
      index += 1;
      return next;
    };
    switch (argument) {
      case '--name':
        settings.name = value();
        break;
      case '--postgres':
        settings.postgresUrl = value();
        break;
      case '--no-embedded':
        settings.runEmbedded = false;
        break;
      case '--projects':
        settings.projects = numberFrom(value(), 0, '--projects', 100);
        break;
      case '--seconds':
        settings.seconds = numberFrom(value(), 0, '--seconds', 1);
        break;
      case '--warmup':
        settings.warmupSeconds = numberFrom(value(), 0, '--warmup', 0);
        break;
      case '--connections':
        settings.connections = numberFrom(value(), 0, '--connections', 1);
        break;
      case '--starts':
        settings.startRuns = numberFrom(value(), 0, '--starts', 0);
        break;
      case '--log-level':
        settings.logLevel = value();
        break;
      case '--no-analyze':
        settings.analyze = false;
        break;
      case '--keep-db':
        settings.keepDatabase = true;
        break;
      case '--after-seed-sql':
        settings.afterSeedSql = value();
        break;
      case '--cpu-prof':
        settings.cpuProfile = true;
        break;
      case '--strict':
        settings.strict = true;
        break;
      case '--help':
      case '-h':
        process.stdout.write(`${usage}\n`);
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown option ${String(argument)}\n${usage}`);
    }
  }
  if (!/^[\w.-]+$/.test(settings.name))
    throw new Error(`--name must be letters, digits, dot, dash or underscore (got ${settings.name})`);
  if (settings.postgresUrl !== null && !/^postgres(ql)?:\/\//.test(settings.postgresUrl)) {
    throw new Error(`the PostgreSQL URL must start with postgres:// (got ${settings.postgresUrl})`);
  }
  if (settings.afterSeedSql !== null) {
    settings.afterSeedSql = path.resolve(settings.afterSeedSql);
    if (!fs.existsSync(settings.afterSeedSql)) throw new Error(`--after-seed-sql: no file ${settings.afterSeedSql}`);
  }
  if (!settings.runEmbedded && settings.postgresUrl === null)
    throw new Error('--no-embedded needs --postgres URL (or BENCH_DATABASE_URL)');
  return settings;
}

// ---------------------------------------------------------------------------------------------------------------
// Clean-up: everything started or created registers its undo here; it runs in reverse order, also on Ctrl-C.

interface Cleanup {
  label: string;
  run: () => Promise<void>;
}
const cleanups: Cleanup[] = [];

function onCleanup(label: string, run: () => Promise<void>): () => Promise<void> {
  const entry: Cleanup = { label, run };
  cleanups.push(entry);
  return async () => {
    const index = cleanups.indexOf(entry);
    if (index === -1) return;
    cleanups.splice(index, 1);
    await entry.run();
  };
}

async function runCleanups(): Promise<void> {
  for (let entry = cleanups.pop(); entry !== undefined; entry = cleanups.pop()) {
    try {
      await entry.run();
    } catch (error) {
      process.stderr.write(`clean-up "${entry.label}" failed: ${(error as Error).message}\n`);
    }
  }
}

let isInterrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (isInterrupted) return;
    isInterrupted = true;
    process.stderr.write(`\n${signal}: stopping the bench and cleaning up…\n`);
    void runCleanups().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

const log = (message: string) => process.stdout.write(`${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length === 0
    ? Number.NaN
    : sorted.length % 2 === 1
      ? (sorted[middle] ?? 0)
      : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** The environment of a server under test: ours, minus anything that would change what is measured. */
function serverEnvironment(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    'ENGAGE_ADMIN_EMAIL',
    'ENGAGE_ADMIN_PASSWORD',
    'DATABASE_URL',
    'SESSION_SECRET',
    'PUBLIC_URL',
    'TRUST_PROXY',
    'DATABASE_POOL_SIZE',
  ]) {
    delete environment[name];
  }
  return { ...environment, npm_config_update_notifier: 'false', ...overrides };
}

async function fetchJson<T>(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text for the error message.
  }
  return { status: response.status, body: body as T, headers: response.headers };
}

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`sanity check failed: ${message}`);
}

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL: a fresh database per run

async function createBenchDatabase(serverUrl: string): Promise<{ url: string; name: string }> {
  const name = `engage_bench_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.href, name };
}

async function dropBenchDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Load

type DatabaseKind = 'embedded' | 'postgres';
type ScenarioKey = 'pipeline-first-page' | 'pipeline-step-engineer' | 'bare-primary-key';

const scenarioLabels: Record<ScenarioKey, string> = {
  'pipeline-first-page': '(a) GET /api/projects?limit=50',
  'pipeline-step-engineer': '(b) GET /api/projects?step&engineerId&limit=50',
  'bare-primary-key': '(c) bare GET /bare/:id (baseline)',
};

interface ScenarioResult {
  database: DatabaseKind;
  scenario: ScenarioKey;
  label: string;
  path: string;
  requests: number;
  durationSeconds: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; average: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** This scenario's requests/s divided by the bare route's, on the same database. */
  ratioToBare: number | null;
}

/** A request without an answer after this long counts as a timeout (an error), not in the latency percentiles. */
const requestTimeoutSeconds = 30;

/**
 * Warm-up, then the measured run. Requests still queued in the server when autocannon stops (it closes its sockets,
 * the server still runs their queries) would slow the next run down, so `drain` waits for them after each run.
 */
async function runLoad(
  options: AutocannonOptions,
  settings: Settings,
  drain: () => Promise<void>,
): Promise<AutocannonResult> {
  const common: AutocannonOptions = { ...options, connections: settings.connections, timeout: requestTimeoutSeconds };
  if (settings.warmupSeconds > 0) {
    await autocannon({ ...common, duration: settings.warmupSeconds });
    await drain();
  }
  const result = await autocannon({ ...common, duration: settings.seconds });
  await drain();
  return result;
}

function toScenarioResult(
  database: DatabaseKind,
  scenario: ScenarioKey,
  pathText: string,
  result: AutocannonResult,
): ScenarioResult {
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count]),
  );
  const responses = Object.values(statusCodes).reduce((sum, count) => sum + count, 0);
  return {
    database,
    scenario,
    label: scenarioLabels[scenario],
    path: pathText,
    requests: responses,
    durationSeconds: round(result.duration, 2),
    requestsPerSecond: round(responses / Math.max(result.duration, 0.001), 0),
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      average: round(result.latency.average, 2),
      max: result.latency.max,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    ratioToBare: null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// One database: seed, serve, check, explain, load, memory

interface MemoryReport {
  /** Peak RSS of the server process during the load runs (VmHWM reset just before them), MiB. */
  peakRssDuringLoadMb: number | null;
  /** Highest VmRSS seen by sampling every 100 ms during the load runs, MiB. */
  sampledMaxRssMb: number | null;
  /** process.resourceUsage().maxRSS of the serving process at the end: its lifetime peak (start-up included), MiB. */
  lifetimePeakRssMb: number;
  /** RSS after the load runs, MiB. */
  rssAfterLoadMb: number;
  method: string;
}

interface DatabaseReport {
  kind: DatabaseKind;
  databaseName: string | null;
  seed: SeedSummary;
  /** Seeding child: start to startEngage() resolved on the new database (create, migrate, template, first admin, listen). */
  seedStartEngageMs: number;
  /** Seeding child: spawn to its ready line (seeding included). */
  seedSpawnToReadyMs: number;
  /** Serving child, on the seeded database: start to startEngage() resolved. */
  serverStartEngageMs: number;
  /** Serving child: spawn to its ready line (tsx, imports, startEngage, bare app). */
  serverSpawnToReadyMs: number;
  filter: { stepKey: string; engineerId: string; matchingProjects: number };
  scenarios: ScenarioResult[];
  memory: MemoryReport;
  explain: ExplainedQuery[];
  serverStoppedGracefully: boolean;
}

async function benchDatabase(
  kind: DatabaseKind,
  settings: Settings,
): Promise<{ report: DatabaseReport; dataDir: string }> {
  log(`\n== ${kind === 'embedded' ? 'Embedded database (PGlite)' : 'PostgreSQL'} ==`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `engage-bench-${kind}-`));
  onCleanup(`remove ${dataDir}`, async () => fs.rmSync(dataDir, { recursive: true, force: true }));

  let databaseUrl: string | undefined;
  let databaseName: string | null = null;
  if (kind === 'postgres') {
    const serverUrl = settings.postgresUrl as string;
    const created = await createBenchDatabase(serverUrl);
    databaseUrl = created.url;
    databaseName = created.name;
    log(`created database ${created.name}`);
    onCleanup(`drop database ${created.name}`, async () => {
      if (settings.keepDatabase) {
        log(`kept database ${created.name} (--keep-db): psql ${created.url}   — drop it with: dropdb ${created.name}`);
        return;
      }
      await dropBenchDatabase(serverUrl, created.name);
      log(`dropped database ${created.name}`);
    });
  }

  // Two children on the same database: one creates/migrates and seeds it, then a fresh one serves the load, so the
  // server's memory (and the embedded database's WASM heap, which never shrinks) is not that of the seeding.
  const serverScript = path.join(benchDir, 'server.ts');
  const startChild = async (role: 'seed' | 'serve', extraArguments: string[], nodeArguments: string[]) => {
    const environment = serverEnvironment({
      DATA_DIR: dataDir,
      PORT: String(await getFreePort()),
      HOST: '127.0.0.1',
      LOG_LEVEL: settings.logLevel,
      ...(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl }),
    });
    const spawnedAt = performance.now();
    const child = spawnGroup(
      `bench server (${kind}, ${role})`,
      process.execPath,
      [...nodeArguments, '--import', 'tsx', serverScript, ...extraArguments],
      {
        cwd: repoRoot,
        env: environment,
      },
    );
    const stopChild = onCleanup(`stop bench server (${kind}, ${role})`, async () => {
      await stopGroup(child);
    });
    const readyMessage = JSON.parse(await waitForLine(child, readyPrefix, 20 * 60 * 1000)) as ReadyMessage;
    return { child, stopChild, ready: readyMessage, spawnToReadyMs: Math.round(performance.now() - spawnedAt) };
  };

  log(`seeding ${settings.projects} projects…`);
  const seedArguments = ['--seed', String(settings.projects)];
  if (!settings.analyze) seedArguments.push('--no-analyze');
  if (settings.afterSeedSql !== null) seedArguments.push('--after-seed-sql', settings.afterSeedSql);
  const seeder = await startChild('seed', seedArguments, []);
  const seed = seeder.ready.seed;
  if (seed === null) throw new Error('the bench server did not seed');
  log(
    `seeded in ${seeder.spawnToReadyMs} ms (startEngage on a new database ${seeder.ready.startEngageMs} ms, seeding ${seed.durationMs} ms: ` +
      `${seed.projects} projects, ${seed.projectFacts} facts, ${seed.customers} customers, ${seed.partners} partners, ${seed.engineers} engineers)`,
  );
  if (seeder.ready.afterSeedStatements > 0)
    log(
      `ran ${seeder.ready.afterSeedStatements} statements of ${String(settings.afterSeedSql)} after seeding (what-if run)`,
    );
  await stopGroup(seeder.child);
  await seeder.stopChild();

  const profileArguments = settings.cpuProfile
    ? ['--cpu-prof', '--cpu-prof-dir', path.join(resultsDir, `${settings.name}-cpuprof-${kind}`)]
    : [];
  const serving = await startChild('serve', [], profileArguments);
  const { child: server, stopChild: stopServer, ready, spawnToReadyMs } = serving;
  log(`server ready in ${spawnToReadyMs} ms (startEngage on the seeded database ${ready.startEngageMs} ms)`);

  const app = `http://127.0.0.1:${ready.appPort}`;
  const bare = `http://127.0.0.1:${ready.barePort}`;

  // Log in as the seeded manager.
  const login = await fetchJson<unknown>(`${app}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: benchManager.email, password: benchManager.password }),
  });
  check(login.status === 200, `log-in answered ${login.status}: ${JSON.stringify(login.body)}`);
  const sessionCookie = login.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0] ?? '')
    .find((cookie) => cookie.includes('engage_session='));
  check(sessionCookie !== undefined, 'log-in set no session cookie');
  const headers = { cookie: sessionCookie, accept: 'application/json' };

  // The filter of scenario (b): the busiest (step, engineer) pair.
  const filter = seed.busiestStepEngineer;
  const firstPagePath = '/api/projects?limit=50';
  const filteredPath = `/api/projects?step=${encodeURIComponent(filter.stepKey)}&engineerId=${filter.engineerId}&limit=50`;

  // Check each scenario answers what it should before loading it.
  type Page = {
    items: { id: string; updatedAt: string; currentStep: { key: string } | null; engineer: { id: string } | null }[];
    nextCursor: string | null;
  };
  const firstPage = await fetchJson<Page>(`${app}${firstPagePath}`, { headers });
  check(
    firstPage.status === 200,
    `${firstPagePath} answered ${firstPage.status}: ${JSON.stringify(firstPage.body).slice(0, 300)}`,
  );
  check(
    firstPage.body.items.length === 50 && firstPage.body.nextCursor !== null,
    `${firstPagePath} returned ${firstPage.body.items.length} items`,
  );
  check(
    firstPage.body.items.every(
      (item, index, items) =>
        index === 0 || Date.parse(items[index - 1]?.updatedAt ?? '') >= Date.parse(item.updatedAt),
    ),
    'the first page is not ordered by updatedAt desc',
  );
  const filtered = await fetchJson<Page>(`${app}${filteredPath}`, { headers });
  check(
    filtered.status === 200,
    `${filteredPath} answered ${filtered.status}: ${JSON.stringify(filtered.body).slice(0, 300)}`,
  );
  check(
    filtered.body.items.length === Math.min(50, filter.count),
    `${filteredPath} returned ${filtered.body.items.length} items, expected ${Math.min(50, filter.count)}`,
  );
  check(
    filtered.body.items.every(
      (item) => item.currentStep?.key === filter.stepKey && item.engineer?.id === filter.engineerId,
    ),
    `${filteredPath} returned projects outside the filter`,
  );
  const { body: idList } = await fetchJson<{ ids: string[] }>(`${bare}/bench/ids`);
  const ids = idList.ids;
  check(ids.length > 0, 'no project ids for the bare route');
  const firstId = ids[0] as string;
  const bareCheck = await fetchJson<{ id: string }>(`${bare}/bare/${firstId}`);
  check(bareCheck.status === 200 && bareCheck.body.id === firstId, `/bare/${firstId} answered ${bareCheck.status}`);

  // Plans of the pipeline queries (the exact SQL the app sends, captured through drizzle's logger).
  const explainResponse = await fetchJson<{ explained: ExplainedQuery[] }>(
    `${bare}/bench/explain?step=${encodeURIComponent(filter.stepKey)}&engineerId=${filter.engineerId}`,
  );
  check(
    explainResponse.status === 200,
    `/bench/explain answered ${explainResponse.status}: ${JSON.stringify(explainResponse.body).slice(0, 500)}`,
  );
  const explain = explainResponse.body.explained;
  for (const entry of explain) {
    log(
      `plan, ${entry.label}: ${entry.executionMs ?? '?'} ms, indexes: ${entry.indexesUsed.join(', ') || 'none (sequential scan)'}`,
    );
  }

  // Memory: reset the peak just before the load, and sample while it runs.
  const canResetPeak = resetPeakMemory(ready.pid);
  let sampledMaxKb = 0;
  const sampler = setInterval(() => {
    const memory = readProcessMemory(ready.pid);
    if (memory !== null) sampledMaxKb = Math.max(sampledMaxKb, memory.rssKb);
  }, 100);
  const stopSampler = onCleanup('stop memory sampler', async () => clearInterval(sampler));

  // One query queued behind whatever the server still has in flight, then a short pause.
  const drain = async () => {
    const response = await fetch(`${bare}/bare/${firstId}`, { signal: AbortSignal.timeout(120_000) });
    await response.arrayBuffer();
    await sleep(300);
  };
  const scenarios: ScenarioResult[] = [];
  const runScenario = async (scenario: ScenarioKey, options: AutocannonOptions, pathText: string) => {
    log(
      `load ${scenarioLabels[scenario]}: ${settings.warmupSeconds} s warm-up + ${settings.seconds} s, ${settings.connections} connections…`,
    );
    const result = toScenarioResult(kind, scenario, pathText, await runLoad(options, settings, drain));
    scenarios.push(result);
    log(
      `  ${result.requestsPerSecond} req/s, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms` +
        (result.non2xx + result.errors + result.timeouts > 0
          ? `  !! non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`
          : ''),
    );
  };
  await runScenario('pipeline-first-page', { url: `${app}${firstPagePath}`, headers }, firstPagePath);
  await runScenario('pipeline-step-engineer', { url: `${app}${filteredPath}`, headers }, filteredPath);
  let next = 0;
  await runScenario(
    'bare-primary-key',
    {
      url: `${bare}/bare/${firstId}`,
      requests: [
        {
          method: 'GET',
          setupRequest: (request) => {
            next = (next + 1) % ids.length;
            return { ...request, path: `/bare/${ids[next] ?? firstId}` };
          },
        },
      ],
    },
    `/bare/:id (${ids.length} random ids, round robin)`,
  );
  await stopSampler();
  const bareRate = scenarios.find((result) => result.scenario === 'bare-primary-key')?.requestsPerSecond ?? 0;
  for (const result of scenarios)
    result.ratioToBare = bareRate > 0 ? round(result.requestsPerSecond / bareRate, 3) : null;

  const after = readProcessMemory(ready.pid);
  const { body: stats } = await fetchJson<ServerStats>(`${bare}/bench/stats`);
  const toMb = (kb: number) => round(kb / 1024, 1);
  const memory: MemoryReport = {
    peakRssDuringLoadMb: canResetPeak && after !== null ? toMb(after.peakKb) : null,
    sampledMaxRssMb: sampledMaxKb > 0 ? toMb(sampledMaxKb) : null,
    lifetimePeakRssMb: toMb(stats.maxRssKb),
    rssAfterLoadMb: round(stats.rssBytes / 1024 / 1024, 1),
    method: canResetPeak
      ? 'VmHWM of /proc/<pid>/status, reset through /proc/<pid>/clear_refs before the load'
      : 'sampling VmRSS every 100 ms (peak reset unavailable)',
  };
  log(
    `server memory: peak ${memory.peakRssDuringLoadMb ?? memory.sampledMaxRssMb ?? '?'} MiB during the load, ${memory.lifetimePeakRssMb} MiB lifetime peak of the serving process`,
  );

  const stopped = await stopGroup(server);
  await stopServer();
  if (!stopped.graceful) log(`warning: the ${kind} bench server did not stop within 30 s and was killed`);

  return {
    dataDir,
    report: {
      kind,
      databaseName,
      seed,
      seedStartEngageMs: seeder.ready.startEngageMs,
      seedSpawnToReadyMs: seeder.spawnToReadyMs,
      serverStartEngageMs: ready.startEngageMs,
      serverSpawnToReadyMs: spawnToReadyMs,
      filter: { stepKey: filter.stepKey, engineerId: filter.engineerId, matchingProjects: filter.count },
      scenarios,
      memory,
      explain,
      serverStoppedGracefully: stopped.graceful,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// npm start → ready on the seeded embedded data directory

/** `node scripts/build-if-stale.mjs`: builds dist/web when its sources are newer (a file walk when they are not). */
function buildWebIfStale(): void {
  const build = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build-if-stale.mjs')], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('node scripts/build-if-stale.mjs failed');
}

interface StartupReport {
  runsMs: number[];
  medianMs: number;
  dataDir: 'the seeded embedded data directory';
  stoppedGracefully: boolean[];
}

async function timeNpmStart(dataDir: string, runs: number): Promise<StartupReport> {
  log(`\n== npm start → GET /readyz 200, on the seeded embedded data directory (${runs} runs) ==`);
  const runsMs: number[] = [];
  const stoppedGracefully: boolean[] = [];
  const lockPath = path.join(dataDir, 'engage.lock');
  for (let run = 1; run <= runs; run += 1) {
    if (fs.existsSync(lockPath))
      throw new Error(`the data directory is still locked (${lockPath}) before start ${run}`);
    // Someone may have edited the web sources meanwhile: npm start would then rebuild inside the timing.
    buildWebIfStale();
    const port = await getFreePort();
    const environment = serverEnvironment({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir });
    const startedAt = performance.now();
    const started: GroupProcess = spawnGroup(`npm start (run ${run})`, 'npm', ['start'], {
      cwd: repoRoot,
      env: environment,
    });
    const stop = onCleanup(`stop npm start (run ${run})`, async () => {
      await stopGroup(started);
    });
    let readyMs: number | null = null;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && !started.hasExited()) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2000) });
        await response.arrayBuffer();
        if (response.status === 200) {
          readyMs = Math.round(performance.now() - startedAt);
          break;
        }
      } catch {
        // Not listening yet.
      }
      await sleep(20);
    }
    const stopped = await stopGroup(started);
    await stop();
    stoppedGracefully.push(stopped.graceful);
    if (readyMs === null)
      throw new Error(`npm start (run ${run}) was not ready within 120 s. Last output:\n${started.tail()}`);
    if (!stopped.graceful) log(`warning: npm start (run ${run}) did not stop within 30 s and was killed`);
    if (fs.existsSync(lockPath)) log(`warning: ${lockPath} was left behind by run ${run}`);
    runsMs.push(readyMs);
    log(`run ${run}: ready in ${readyMs} ms`);
  }
  return { runsMs, medianMs: median(runsMs), dataDir: 'the seeded embedded data directory', stoppedGracefully };
}

// ---------------------------------------------------------------------------------------------------------------
// Targets and report

interface TargetResult {
  target: string;
  threshold: string;
  measured: string;
  status: 'PASS' | 'FAIL' | 'SKIP';
}

function evaluateTargets(databases: DatabaseReport[], startup: StartupReport | null): TargetResult[] {
  const targets: TargetResult[] = [];
  const postgres = databases.find((database) => database.kind === 'postgres');
  for (const scenario of ['pipeline-first-page', 'pipeline-step-engineer'] as const) {
    const result = postgres?.scenarios.find((entry) => entry.scenario === scenario);
    const name = scenario === 'pipeline-first-page' ? 'pipeline (a)' : 'pipeline (b)';
    targets.push({
      target: `PostgreSQL: ${name} throughput vs bare`,
      threshold: '≥ 50 %',
      measured: result?.ratioToBare == null ? '—' : `${round(result.ratioToBare * 100, 1)} %`,
      status: result?.ratioToBare == null ? 'SKIP' : result.ratioToBare >= 0.5 ? 'PASS' : 'FAIL',
    });
    targets.push({
      target: `PostgreSQL: ${name} p99 latency`,
      threshold: '< 100 ms',
      measured: result === undefined ? '—' : `${result.latencyMs.p99} ms`,
      status: result === undefined ? 'SKIP' : result.latencyMs.p99 < 100 ? 'PASS' : 'FAIL',
    });
  }
  targets.push({
    target: 'Embedded: npm start → ready (median)',
    threshold: '< 2000 ms',
    measured:
      startup === null || startup.runsMs.length === 0 ? '—' : `${startup.medianMs} ms (${startup.runsMs.join(', ')})`,
    status: startup === null || startup.runsMs.length === 0 ? 'SKIP' : startup.medianMs < 2000 ? 'PASS' : 'FAIL',
  });
  return targets;
}

function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  alignRight: readonly boolean[],
): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const format = (row: readonly string[]) =>
    row
      .map((cell, column) =>
        alignRight[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ');
  return [format(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(format)].join('\n');
}

function printReport(databases: DatabaseReport[], startup: StartupReport | null, targets: TargetResult[]): void {
  const rows = databases.flatMap((database) =>
    database.scenarios.map((result) => [
      database.kind,
      result.label,
      String(result.requestsPerSecond),
      String(result.latencyMs.p50),
      String(result.latencyMs.p99),
      result.scenario === 'bare-primary-key'
        ? '1.00'
        : result.ratioToBare === null
          ? '—'
          : result.ratioToBare.toFixed(2),
      String(result.non2xx + result.errors + result.timeouts),
    ]),
  );
  log('\n== Results ==');
  log(
    table(['database', 'scenario', 'req/s', 'p50 ms', 'p99 ms', 'vs bare', 'non-2xx/err'], rows, [
      false,
      false,
      true,
      true,
      true,
      true,
      true,
    ]),
  );
  log('');
  for (const database of databases) {
    const memory = database.memory;
    log(
      `${database.kind}: server peak RSS during load ${memory.peakRssDuringLoadMb ?? memory.sampledMaxRssMb ?? '?'} MiB ` +
        `(lifetime peak ${memory.lifetimePeakRssMb} MiB); filter (b) = step ${database.filter.stepKey}, ` +
        `${database.filter.matchingProjects} matching projects`,
    );
  }
  if (startup !== null)
    log(
      `npm start → ready on the embedded data directory: ${startup.runsMs.join(' ms, ')} ms (median ${startup.medianMs} ms)`,
    );
  log('\n== Targets ==');
  log(
    table(
      ['', 'target', 'threshold', 'measured'],
      targets.map((target) => [target.status, target.target, target.threshold, target.measured]),
      [false, false, false, false],
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Main

async function main(): Promise<number> {
  const settings = parseSettings(process.argv.slice(2), process.env);
  const startedAt = new Date();
  const loadAverageAtStart = os.loadavg().map((value) => round(value, 2));
  log(
    `Engage bench "${settings.name}": ${settings.projects} projects, ${settings.connections} connections, ` +
      `${settings.warmupSeconds} s warm-up + ${settings.seconds} s per scenario; databases: ` +
      `${[settings.runEmbedded ? 'embedded' : null, settings.postgresUrl === null ? null : 'postgres'].filter(Boolean).join(' + ')}`,
  );

  if (settings.afterSeedSql !== null)
    log(
      `WHAT-IF run: ${path.relative(repoRoot, settings.afterSeedSql)} is applied after seeding; these are not the app's numbers`,
    );
  const cores = os.cpus().length;
  if ((loadAverageAtStart[0] ?? 0) > cores / 2) {
    log(
      `warning: the machine is busy (load average ${loadAverageAtStart.join(', ')} on ${cores} cores): expect lower, noisier numbers`,
    );
  }

  // npm start rebuilds the web app when it is stale: build it first so the start timings do not include a build.
  let webBuildMs: number | null = null;
  if (settings.runEmbedded && settings.startRuns > 0) {
    const buildStartedAt = performance.now();
    buildWebIfStale();
    webBuildMs = Math.round(performance.now() - buildStartedAt);
  }

  const databases: DatabaseReport[] = [];
  let startup: StartupReport | null = null;
  if (settings.runEmbedded) {
    const { report, dataDir } = await benchDatabase('embedded', settings);
    databases.push(report);
    if (settings.startRuns > 0) startup = await timeNpmStart(dataDir, settings.startRuns);
  }
  if (settings.postgresUrl !== null) {
    const { report } = await benchDatabase('postgres', settings);
    databases.push(report);
  }

  const targets = evaluateTargets(databases, startup);
  const failures = databases.flatMap((database) =>
    database.scenarios
      .filter((result) => result.non2xx + result.errors + result.timeouts > 0)
      .map(
        (result) =>
          `${database.kind} ${result.label}: ${result.non2xx} non-2xx (${JSON.stringify(result.statusCodes)}), ${result.errors} errors, ${result.timeouts} timeouts`,
      ),
  );
  printReport(databases, startup, targets);
  log(
    `load average (1, 5, 15 min): ${loadAverageAtStart.join(', ')} at the start, ${os
      .loadavg()
      .map((value) => round(value, 2))
      .join(', ')} at the end, ${cores} cores`,
  );

  const cpus = os.cpus();
  const results = {
    name: settings.name,
    date: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      node: process.version,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      cores: cpus.length,
      cpuModel: cpus[0]?.model ?? 'unknown',
      totalMemoryMb: Math.round(os.totalmem() / 1024 / 1024),
    },
    settings: {
      projects: settings.projects,
      customers: databases[0]?.seed.customers ?? null,
      partners: databases[0]?.seed.partners ?? null,
      engineers: databases[0]?.seed.engineers ?? null,
      connections: settings.connections,
      seconds: settings.seconds,
      warmupSeconds: settings.warmupSeconds,
      startRuns: settings.startRuns,
      serverLogLevel: settings.logLevel,
      analyzeAfterSeed: settings.analyze,
      afterSeedSql:
        settings.afterSeedSql === null
          ? null
          : {
              file: path.relative(repoRoot, settings.afterSeedSql),
              sql: fs.readFileSync(settings.afterSeedSql, 'utf8'),
            },
      cpuProfile: settings.cpuProfile,
      postgres: settings.postgresUrl === null ? null : new URL(settings.postgresUrl).host,
      loadGenerator: 'autocannon 9, in the parent process; the server runs in a child process',
    },
    webBuildMs,
    /** 1, 5 and 15 minute load averages at the start and the end: other work on the machine skews every number. */
    loadAverage: { start: loadAverageAtStart, end: os.loadavg().map((value) => round(value, 2)) },
    databases,
    startup,
    targets,
    failures,
  };
  fs.mkdirSync(resultsDir, { recursive: true });
  const resultsPath = path.join(resultsDir, `${settings.name}.json`);
  fs.writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  log(`\nwrote ${path.relative(repoRoot, resultsPath)}`);

  if (failures.length > 0) {
    process.stderr.write(
      `\nFAILED: some responses were not 2xx:\n${failures.map((failure) => `  - ${failure}`).join('\n')}\n`,
    );
    return 1;
  }
  if (settings.strict && targets.some((target) => target.status === 'FAIL')) return 2;
  return 0;
}

let exitCode: number;
try {
  exitCode = await main();
} catch (error) {
  process.stderr.write(`\nbench failed: ${(error as Error).stack ?? String(error)}\n`);
  exitCode = 1;
} finally {
  await runCleanups();
}
process.exit(exitCode);
