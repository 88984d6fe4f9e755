/*
 * The pipeline (the staff's list of projects): a page of projects by most recent change with its filters and opaque
 * cursors, and how many running projects stand at each step. Support sees closed projects only.
 */
import { translate } from '../../../domain/text/i18n';
import type { ServiceContext } from '../../context';
import { refuse } from '../../errors';
import type { StaffActor } from '../audit/actor';
import { getCurrentTemplate } from '../process/process.service';
import { presentSummary } from './project-presenter';
import { countProjectsByStep, listPipelineRows, type PipelineRow } from './projects.repository';
import type { ListProjectsQuery, ProjectSummary } from './projects.schemas';

function encodeCursor(row: PipelineRow): string {
  return Buffer.from(`${row.cursorAt}|${row.id}`).toString('base64url');
}

const cursorTimestamp = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (at === undefined || id === undefined || rest.length > 0 || !cursorTimestamp.test(at) || !uuid.test(id)) {
    throw refuse('validation_failed', 'projects.cursor_invalid', {
      details: [{ path: 'querystring.cursor', message: translate('en', 'errors', 'projects.cursor_not_ours') }],
    });
  }
  return { at, id };
}

/** The pipeline: projects by most recent change, filtered by step, engineer, customer, priority or state. */
export async function listPipeline(
  context: ServiceContext,
  actor: StaffActor,
  query: ListProjectsQuery,
): Promise<{ items: ProjectSummary[]; nextCursor: string | null }> {
  const template = await getCurrentTemplate(context);
  if (actor.role === 'support' && query.state !== undefined && query.state !== 'complete')
    return { items: [], nextCursor: null };
  const rows = await listPipelineRows(context.db, {
    stepKey: query.step,
    engineerId: query.engineerId,
    customerId: query.customerId,
    priority: query.priority,
    state: actor.role === 'support' ? 'complete' : query.state,
    after: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => presentSummary(template, row)),
    nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor(last) : null,
  };
}

/** Every step of the current template with how many running projects stand there, within the other pipeline filters. */
export async function countPipelineByStep(
  context: ServiceContext,
  actor: StaffActor,
  filters: Pick<ListProjectsQuery, 'engineerId' | 'customerId' | 'priority'>,
) {
  const template = await getCurrentTemplate(context);
  // Support sees closed projects only, and a closed project stands at no step.
  const counts = actor.role === 'support' ? [] : await countProjectsByStep(context.db, filters);
  const byStep = new Map(counts.map((count) => [count.stepKey, count]));
  return {
    items: template.steps.map((step) => ({
      stepKey: step.key,
      code: step.code,
      title: step.title,
      projects: byStep.get(step.key)?.projects ?? 0,
      blocked: byStep.get(step.key)?.blocked ?? 0,
    })),
  };
}
