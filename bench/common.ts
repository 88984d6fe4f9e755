/** What the bench parent (run.ts) and the bench server child (server.ts) agree on. */

/** The seeded manager the load generator logs in as. Bench-only credentials in a throw-away database. */
export const benchManager = {
  email: 'manager@bench.local',
  password: 'bench-manager-password-0001',
  name: 'Bench Manager',
} as const;

/** The child prints one line starting with this, followed by JSON (ReadyMessage), when it serves. */
export const readyPrefix = 'ENGAGE_BENCH_READY ';

export interface SeedSummary {
  projects: number;
  customers: number;
  partners: number;
  engineers: number;
  projectFacts: number;
  durationMs: number;
  phasesMs: Record<string, number>;
  analyzed: boolean;
  /** Projects per current step key ('(complete)' for finished ones). */
  byStep: Record<string, number>;
  byState: Record<string, number>;
  /** The (step, engineer) pair with the most projects: the filter of scenario (b). */
  busiestStepEngineer: { stepKey: string; engineerId: string; count: number };
}

export interface ReadyMessage {
  pid: number;
  kind: 'embedded' | 'postgres';
  appPort: number;
  barePort: number;
  /** Milliseconds from the child's start to startEngage() resolving (includes opening and migrating). */
  startEngageMs: number;
  seed: SeedSummary | null;
  /** Statements run from --after-seed-sql (0 when none). */
  afterSeedStatements: number;
}

export interface ServerStats {
  /** process.resourceUsage().maxRSS: peak resident set of the child since it started, in KiB. */
  maxRssKb: number;
  rssBytes: number;
  heapUsedBytes: number;
  externalBytes: number;
}

export interface ExplainedQuery {
  label: string;
  sql: string;
  params: unknown[];
  plan: string;
  indexesUsed: string[];
  executionMs: number | null;
}
