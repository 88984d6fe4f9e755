/**
 * Seeds a migrated Engage database with a realistic pipeline for the benchmarks: customers, partners, engineers,
 * a manager, and projects walked through the process engine (startProcess / applyAction / evaluateProcess) so their
 * derived columns (current_step_key, state, waiting_on) are what the app itself would have written.
 * Rows go in with multi-row INSERTs of `batchSize` through the connection's drizzle db.
 */
import { randomUUID } from 'node:crypto';
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  applyAction,
  defaultTemplate,
  evaluateProcess,
  startProcess,
  unwaivableCriteria,
  type ProcessAction,
  type ProcessContext,
  type ProcessState,
  type ProcessTemplate,
} from '../src/domain/process';
import type { Database } from '../src/server/db/database';
import { contacts, organisations, projectFacts, projects, users } from '../src/server/db/schema';
import { hashPassword } from '../src/server/modules/auth/passwords';
import { benchManager, type SeedSummary } from './common';

/** The applications of the shipped content library (content/applications/). */
const benchApplicationKeys = [
  'call-recording',
  'call-analytics',
  'attendant-console',
  'contact-manager',
  'queue-manager',
  'digital-fax',
];

export interface SeedOptions {
  projects: number;
  customers: number;
  partners: number;
  engineers: number;
  batchSize: number;
  /** Seed of the pseudo-random generator, so two runs seed the same pipeline shape. */
  randomSeed: number;
  /** Run ANALYZE at the end (PGlite has no autovacuum, so without it the planner never has statistics). */
  analyze: boolean;
}

export const defaultSeedOptions: SeedOptions = {
  projects: 20_000,
  customers: 200,
  partners: 20,
  engineers: 50,
  batchSize: 1000,
  randomSeed: 20_260_101,
  analyze: true,
};

export interface SeedResult {
  summary: SeedSummary;
  /** Up to 2000 project ids picked at random, for the primary-key baseline. */
  sampleProjectIds: string[];
}

type ProjectInsert = typeof projects.$inferInsert;
type FactInsert = typeof projectFacts.$inferInsert;

/** mulberry32: small, fast, good enough to spread test data. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, values: readonly T[]): T {
  const value = values[Math.floor(random() * values.length)];
  if (value === undefined) throw new Error('pick from an empty list');
  return value;
}

function weighted<T>(random: () => number, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll < 0) return value;
  }
  const last = entries.at(-1);
  if (last === undefined) throw new Error('weighted pick from an empty list');
  return last[0];
}

const finishedStatuses = new Set(['done', 'waived', 'skipped']);

function currentStepIndex(template: ProcessTemplate, state: ProcessState): number {
  return template.steps.findIndex((step) => !finishedStatuses.has(state.steps[step.key]?.status ?? 'pending'));
}

/**
 * Walks a new process forward until the step at `targetIndex` is current (or the process completes), the way a
 * manager would: completing steps with their criteria met, now and then waiving one. Criteria of the step left
 * current hold at random, so some projects are blocked on a gate and `waiting_on` varies.
 */
function walkProcess(template: ProcessTemplate, context: ProcessContext, targetIndex: number, random: () => number) {
  let state = startProcess(template, context);
  const facts: Record<string, boolean> = {};
  const setFact = (key: string, source: string) => {
    if (source === 'payment' && !context.paymentRequired) return; // holds by itself; nothing is recorded
    facts[key] = true;
  };
  for (let guard = 0; guard <= template.steps.length; guard += 1) {
    const index = currentStepIndex(template, state);
    if (index === -1 || index >= targetIndex) break;
    const step = template.steps[index];
    if (step === undefined) break;
    let action: ProcessAction;
    // A step holding an unwaivable criterion (the hand-over) is only ever completed.
    if (random() < 0.04 && !step.exitCriteria.some((criterion) => Object.hasOwn(unwaivableCriteria, criterion.key))) {
      action = { type: 'waive', stepKey: step.key, reason: 'Bench: agreed with the customer to waive this step.' };
    } else {
      for (const criterion of step.exitCriteria) setFact(criterion.key, criterion.source);
      action = { type: 'complete', stepKey: step.key };
    }
    const result = applyAction(template, state, facts, context, 'manager', action);
    if (!result.ok)
      throw new Error(`seeding: the engine refused ${action.type} of ${step.key}: ${result.error.message}`);
    state = result.state;
  }
  const index = currentStepIndex(template, state);
  const current = index === -1 ? undefined : template.steps[index];
  for (const criterion of current?.exitCriteria ?? []) {
    if (random() < 0.45) setFact(criterion.key, criterion.source);
  }
  const view = evaluateProcess(template, state, facts, context);
  return {
    state,
    facts,
    derived: {
      currentStepKey: view.currentStep?.key ?? null,
      state: view.isComplete
        ? ('complete' as const)
        : view.currentStep?.display === 'blocked'
          ? ('blocked' as const)
          : ('current' as const),
      waitingOn: [...view.waitingOn],
    },
  };
}

/** A SQL literal for a generated value (ours, not user input, but quoted properly all the same). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`seeding: not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : JSON.stringify(value);
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * Multi-row INSERTs of `batchSize` rows (keys are column names), written as literal SQL and run through the drizzle db.
 * Not drizzle's insert builder: building one 1000-row insert with it costs about a second of CPU.
 */
async function insertInBatches<T extends PgTable>(
  db: Database,
  table: T,
  rows: readonly T['$inferInsert'][],
  batchSize: number,
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  // Property name → column name, for the properties the rows have (every row has the same ones).
  const columns = Object.entries(getTableColumns(table))
    .filter(([property]) => property in first)
    .map(([property, column]) => ({ property, name: column.name }));
  const head = `insert into "${getTableName(table)}" (${columns.map((column) => `"${column.name}"`).join(', ')}) values `;
  for (let start = 0; start < rows.length; start += batchSize) {
    const values = rows
      .slice(start, start + batchSize)
      .map(
        (row) => `(${columns.map((column) => literal((row as Record<string, unknown>)[column.property])).join(', ')})`,
      );
    await db.execute(sql.raw(head + values.join(',\n')));
  }
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Seeds the database; expects the app to have migrated it (and seeded the default template) already. */
export async function seedBenchData(db: Database, options: SeedOptions = defaultSeedOptions): Promise<SeedResult> {
  const startedAt = performance.now();
  const random = createRandom(options.randomSeed);
  const template = defaultTemplate;
  const criterionSource = new Map(
    template.steps.flatMap((step) => step.exitCriteria.map((criterion) => [criterion.key, criterion.source])),
  );

  // Staff: one manager to log in as, and the engineers (sharing one password hash: hashing is the slow part).
  const phases: Record<string, number> = {};
  let phaseStartedAt = performance.now();
  const endPhase = (name: string) => {
    const now = performance.now();
    phases[name] = Math.round(now - phaseStartedAt);
    phaseStartedAt = now;
  };
  const passwordHash = await hashPassword(benchManager.password);
  const [manager] = await db
    .insert(users)
    .values({ email: benchManager.email, name: benchManager.name, role: 'manager', language: 'en', passwordHash })
    .returning({ id: users.id });
  if (manager === undefined) throw new Error('seeding: the manager was not inserted');
  const engineerRows = Array.from({ length: options.engineers }, (_, index) => ({
    id: randomUUID(),
    email: `engineer${String(index + 1).padStart(3, '0')}@bench.local`,
    name: `Engineer ${String(index + 1).padStart(3, '0')}`,
    role: 'engineer' as const,
    language: random() < 0.7 ? ('it' as const) : ('en' as const),
    passwordHash,
  }));
  await insertInBatches(db, users, engineerRows, options.batchSize);
  const engineerIds = engineerRows.map((row) => row.id);

  // Organisations: customers and partners (a quarter of partners require prepayment), one contact per customer.
  const customerRows = Array.from({ length: options.customers }, (_, index) => ({
    id: randomUUID(),
    kind: 'customer' as const,
    name: `Customer ${String(index + 1).padStart(3, '0')} S.p.A.`,
    paymentTerms: null,
  }));
  const partnerRows = Array.from({ length: options.partners }, (_, index) => ({
    id: randomUUID(),
    kind: 'partner' as const,
    name: `Partner ${String(index + 1).padStart(2, '0')} Srl`,
    paymentTerms: index % 4 === 0 ? ('prepayment-required' as const) : ('engage-on-po' as const),
  }));
  await insertInBatches(db, organisations, [...customerRows, ...partnerRows], options.batchSize);
  await insertInBatches(
    db,
    contacts,
    customerRows.map((customer, index) => ({
      organisationId: customer.id,
      name: `Reference ${index + 1}`,
      email: `it${index + 1}@customer${index + 1}.example`,
      language: 'it' as const,
      role: 'technical-reference' as const,
    })),
    options.batchSize,
  );

  endPhase('staffAndOrganisationsMs');

  // Distinct update times spread over about a year, assigned in random order (so the physical order of the rows
  // does not follow the pipeline's sort order).
  const now = Date.now();
  const slotMs = Math.max(1000, Math.floor((365 * 24 * 3600 * 1000) / Math.max(1, options.projects)));
  const updatedOffsets = Array.from(
    { length: options.projects },
    (_, index) => index * slotMs + Math.floor(random() * (slotMs - 1)),
  );
  for (let index = updatedOffsets.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [updatedOffsets[index], updatedOffsets[other]] = [updatedOffsets[other] as number, updatedOffsets[index] as number];
  }

  const projectRows: ProjectInsert[] = [];
  const factRows: FactInsert[] = [];
  const byStep: Record<string, number> = {};
  const byState: Record<string, number> = {};
  const pairCounts = new Map<string, number>();
  const stepCount = template.steps.length;
  for (let index = 0; index < options.projects; index += 1) {
    // Customers are skewed (a few large accounts), partners on 60% of projects.
    const customer = customerRows[Math.floor(options.customers * random() ** 2)] ?? customerRows[0];
    if (customer === undefined) throw new Error('seeding needs at least one customer');
    const partner = random() < 0.6 ? pick(random, partnerRows) : null;
    const context: ProcessContext = {
      trainingPurchased: random() < 0.5,
      paymentRequired: partner?.paymentTerms === 'prepayment-required',
    };
    const targetIndex = random() < 0.08 ? stepCount : Math.floor(random() * stepCount);
    const walked = walkProcess(template, context, targetIndex, random);
    const reachedIndex =
      walked.derived.currentStepKey === null
        ? stepCount
        : template.steps.findIndex((step) => step.key === walked.derived.currentStepKey);
    // The engineer is assigned at "engineer-contact" (the third step); earlier projects mostly have none yet.
    const engineerId = reachedIndex > 2 || random() < 0.3 ? pick(random, engineerIds) : null;
    const id = randomUUID();
    const updatedAt = new Date(now - (updatedOffsets[index] ?? 0));
    const createdAt = new Date(updatedAt.getTime() - Math.floor(random() * 120 * 24 * 3600 * 1000));
    const poApproved = walked.facts['po-approved'] === true;
    const paymentReceived = context.paymentRequired && walked.facts['payment-received'] === true;
    const applications = benchApplicationKeys.filter(() => random() < 0.35);
    projectRows.push({
      id,
      reference: `BENCH-${String(index + 1).padStart(6, '0')}`,
      name: `${customer.name.replace(' S.p.A.', '')} — UC rollout ${index + 1}`,
      customerId: customer.id,
      partnerId: partner?.id ?? null,
      engineerId,
      priority: weighted(random, [
        ['low', 20],
        ['normal', 55],
        ['high', 20],
        ['urgent', 5],
      ] as const),
      deployment: random() < 0.5 ? 'virtual-appliance' : 'windows-vms',
      applications: applications.length > 0 ? applications : [pick(random, benchApplicationKeys)],
      purchasedEffortDays: Math.round((1 + random() * 39) * 2) / 2,
      isTrainingPurchased: context.trainingPurchased,
      isPaymentRequired: context.paymentRequired,
      templateKey: template.key,
      templateVersion: template.version,
      processState: walked.state,
      ...walked.derived,
      purchaseOrderNumber: poApproved ? `PO-${100000 + index}` : null,
      purchaseOrderApprovedAt: poApproved ? createdAt : null,
      paymentReceivedAt: paymentReceived ? createdAt : null,
      createdBy: manager.id,
      createdAt,
      updatedAt,
    });
    for (const [criterionKey, holds] of Object.entries(walked.facts)) {
      if (holds && criterionSource.get(criterionKey) === 'manual') {
        factRows.push({
          projectId: id,
          criterionKey,
          confirmedBy: engineerId ?? manager.id,
          note: null,
          confirmedAt: updatedAt,
        });
      }
    }
    const stepKey = walked.derived.currentStepKey ?? '(complete)';
    byStep[stepKey] = (byStep[stepKey] ?? 0) + 1;
    byState[walked.derived.state] = (byState[walked.derived.state] ?? 0) + 1;
    if (engineerId !== null && walked.derived.currentStepKey !== null) {
      const pair = `${walked.derived.currentStepKey}|${engineerId}`;
      pairCounts.set(pair, (pairCounts.get(pair) ?? 0) + 1);
    }
  }

  endPhase('generateProjectsMs');
  await insertInBatches(db, projects, projectRows, options.batchSize);
  endPhase('insertProjectsMs');
  await insertInBatches(db, projectFacts, factRows, options.batchSize);
  endPhase('insertFactsMs');
  // Keep the app's reference sequence ahead of the seeded rows, as if they had been numbered by it.
  await db.execute(sql`select setval('project_reference_seq', ${options.projects})`);
  if (options.analyze) await db.execute(sql`analyze`);
  endPhase('analyzeMs');

  const [busiestPair, busiestCount] = [...pairCounts.entries()].reduce(
    (best, entry) => (entry[1] > best[1] ? entry : best),
    ['|', 0],
  );
  const [busiestStep = '', busiestEngineer = ''] = busiestPair.split('|');
  const counted = rowsOf<{ value: string | number }>(await db.execute(sql`select count(*) as value from projects`))[0]
    ?.value;
  if (Number(counted) !== options.projects)
    throw new Error(`seeding: expected ${options.projects} projects, the table has ${String(counted)}`);

  const sampleProjectIds = projectRows
    .map((row) => row.id as string)
    .filter(() => random() < Math.min(1, 2000 / Math.max(1, options.projects)));
  return {
    summary: {
      projects: options.projects,
      customers: options.customers,
      partners: options.partners,
      engineers: options.engineers,
      projectFacts: factRows.length,
      durationMs: Math.round(performance.now() - startedAt),
      phasesMs: phases,
      analyzed: options.analyze,
      byStep,
      byState,
      busiestStepEngineer: { stepKey: busiestStep, engineerId: busiestEngineer, count: busiestCount },
    },
    sampleProjectIds,
  };
}
