import type { ContentLibrary, Service } from '../../../domain/content';
import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { localized, translate } from '../../../domain/text/i18n';
import { refuse } from '../../errors';
import type { Actor, StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { getContentLibrary } from '../content/content.service';
import { getTemplate } from '../process/process.service';
import {
  checkProjectReadable,
  findProjectWithNames,
  getProjectForAction,
  lockProject,
  type ProjectRow,
} from '../projects/projects.service';
import { findContactOfAnyOrganisation } from '../organisations/organisations.service';
import { findOrderLinesOfProjectOrder } from '../purchase-orders/purchase-orders.service';
import { findUserRow } from '../users/users.service';
import { announceWorkLogChanged } from './work-log-changes';
import { insertEntry, listActiveEntries, markEntryRemoved } from './work-log.repository';
import type { NewWorkLogEntryBody } from './work-log.schemas';

/** A working day of effort, as purchase orders count it. */
const minutesPerDay = 8 * 60;

interface EffortLine {
  index: number;
  serviceKey: string | null;
  name: { en: string; it: string };
  unit: 'days' | 'sessions';
  purchased: number;
  /** The steps the line pays for (all, for the project's purchased effort without an order). */
  steps: readonly string[] | null;
  kind: Service['kind'] | null;
}

/** What the project bought, line by line: its purchase order's lines, or its purchased effort when it has no order. */
async function effortLinesOf(db: Database, library: ContentLibrary, project: ProjectRow): Promise<EffortLine[]> {
  const orderLines = await findOrderLinesOfProjectOrder(db, project.id);
  if (orderLines === null || orderLines.length === 0) {
    return [
      {
        index: 0,
        serviceKey: null,
        name: localized('words', 'workLog.purchasedEffort'),
        unit: 'days',
        purchased: project.purchasedEffortDays,
        steps: null,
        kind: null,
      },
    ];
  }
  return orderLines.map((line, index) => {
    const service = library.services.find((candidate) => candidate.key === line.serviceKey);
    return {
      index,
      serviceKey: line.serviceKey,
      name: service?.name ?? { en: line.serviceKey, it: line.serviceKey },
      unit: service?.unit ?? 'days',
      purchased: line.quantity,
      steps: service?.steps ?? null,
      kind: service?.kind ?? null,
    };
  });
}

/** The line a step's work is charged to by default: the first line paying for that step (training to a training line). */
function defaultLineFor(lines: readonly EffortLine[], stepKey: string): number {
  const paying = lines.filter((line) => line.steps === null || line.steps.includes(stepKey));
  const preferred =
    stepKey === 'training'
      ? paying.find((line) => line.kind === 'training')
      : paying.find((line) => line.unit === 'days');
  return (preferred ?? paying[0] ?? lines[0])?.index ?? 0;
}

function levelOf(percent: number): 'ok' | 'warning' | 'exceeded' {
  if (percent >= 100) return 'exceeded';
  return percent >= 80 ? 'warning' : 'ok';
}

/** The project's work log and its effort against what was purchased, line by line, with the 80% and 100% warnings. */
export async function getWorkLog(context: ServiceContext, actor: StaffActor, projectId: string) {
  await checkProjectReadable(context, actor, projectId);
  const row = await findProjectWithNames(context.db, projectId);
  if (row === null) throw refuse('not_found', 'common.no_such_project');
  const [library, entries, template] = await Promise.all([
    getContentLibrary(context.db),
    listActiveEntries(context.db, projectId),
    getTemplate(context.db, row.project.templateKey, row.project.templateVersion),
  ]);
  const codes = new Map(template.steps.map((step) => [step.key, step.code]));
  const lines = await effortLinesOf(context.db, library, row.project);
  return {
    entries: entries.map((entry) => ({
      id: entry.id,
      stepKey: entry.stepKey,
      stepCode: codes.get(entry.stepKey) ?? entry.stepKey,
      sessionId: entry.sessionId,
      performer: {
        kind: entry.performerKind,
        id: entry.performerUserId ?? entry.performerContactId ?? '',
        name: entry.performerName,
      },
      workDate: entry.workDate,
      durationMinutes: entry.durationMinutes,
      description: entry.description,
      lineIndex: entry.lineIndex,
      createdAt: entry.createdAt,
    })),
    effort: {
      lines: lines.map((line) => {
        const charged = entries.filter(
          (entry) => (entry.lineIndex ?? defaultLineFor(lines, entry.stepKey)) === line.index,
        );
        const used =
          line.unit === 'days'
            ? charged.reduce((sum, entry) => sum + entry.durationMinutes, 0) / minutesPerDay
            : charged.length;
        const percent = line.purchased > 0 ? Math.round((used / line.purchased) * 1000) / 10 : 0;
        return {
          index: line.index,
          serviceKey: line.serviceKey,
          name: line.name,
          unit: line.unit,
          purchased: line.purchased,
          used: Math.round(used * 100) / 100,
          percent,
          level: levelOf(percent),
        };
      }),
    },
  };
}

/** Who did the work, as the entry records them: an active staff member, or a contact of the customer or partner. */
async function performerOf(db: Database, project: ProjectRow, performer: NewWorkLogEntryBody['performer']) {
  if (performer.kind === 'staff') {
    const user = await findUserRow(db, performer.userId);
    if (user === null)
      throw refuse('validation_failed', 'workLog.no_such_staff_member', {
        details: [
          { path: 'body.performer.userId', message: translate('en', 'errors', 'workLog.unknown_staff_member') },
        ],
      });
    return {
      performerKind: 'staff' as const,
      performerUserId: user.id,
      performerContactId: null,
      performerName: user.name,
    };
  }
  const organisations = [project.customerId, ...(project.partnerId === null ? [] : [project.partnerId])];
  const contact = await findContactOfAnyOrganisation(db, performer.contactId, organisations);
  if (contact === null) {
    throw refuse('validation_failed', 'workLog.not_a_project_contact', {
      details: [
        { path: 'body.performer.contactId', message: translate('en', 'errors', 'workLog.not_a_contact_of_project') },
      ],
    });
  }
  return {
    performerKind: 'contact' as const,
    performerUserId: null,
    performerContactId: contact.id,
    performerName: contact.name,
  };
}

/** Writes an entry inside the caller's transaction (a held session's, or one entered by hand) and audits it. */
export async function insertWorkLogEntry(
  context: ServiceContext,
  db: Database,
  actor: Actor,
  project: ProjectRow,
  entry: NewWorkLogEntryBody & { sessionId?: string },
): Promise<string> {
  const template = await getTemplate(db, project.templateKey, project.templateVersion);
  if (!template.steps.some((step) => step.key === entry.stepKey)) {
    throw refuse('validation_failed', 'common.no_such_step', {
      values: { step: entry.stepKey },
      details: [{ path: 'body.stepKey', message: translate('en', 'errors', 'workLog.unknown_step') }],
    });
  }
  const lines = await effortLinesOf(db, await getContentLibrary(db), project);
  if (entry.lineIndex !== undefined && !lines.some((line) => line.index === entry.lineIndex)) {
    throw refuse('validation_failed', 'workLog.no_such_line', {
      details: [
        {
          path: 'body.lineIndex',
          message: translate('en', 'errors', 'workLog.choose_line', { last: lines.length - 1 }),
        },
      ],
    });
  }
  const insertedId = await insertEntry(db, {
    projectId: project.id,
    stepKey: entry.stepKey,
    sessionId: entry.sessionId ?? null,
    ...(await performerOf(db, project, entry.performer)),
    workDate: entry.workDate,
    durationMinutes: entry.durationMinutes,
    description: entry.description,
    lineIndex: entry.lineIndex ?? defaultLineFor(lines, entry.stepKey),
    createdBy: actor.userId,
    createdAt: context.now(),
  });
  if (insertedId === undefined) throw new Error('the entry was not written');
  await announceWorkLogChanged(db, project.id, context.now());
  await recordAuditEvent(db, actor, {
    action: 'work-log.added',
    projectId: project.id,
    subjectType: 'work-log-entry',
    subjectId: insertedId,
    after: { ...entry },
  });
  return insertedId;
}

/** Logs work by hand (the project's engineer, a manager or an admin). */
export async function addWorkLogEntry(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  body: NewWorkLogEntryBody,
) {
  const row = await getProjectForAction(context, actor, projectId);
  await inTransaction(context, async (db) => {
    // Locked, so that an activity report being drafted sees this entry or is superseded by it.
    await lockProject(db, projectId);
    return insertWorkLogEntry(context, db, actor, row.project, body);
  });
  return getWorkLog(context, actor, projectId);
}

/** Takes an entry out of the log (kept, marked removed, and audited). */
export async function removeWorkLogEntry(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  entryId: string,
) {
  await getProjectForAction(context, actor, projectId);
  await inTransaction(context, async (db) => {
    await lockProject(db, projectId);
    const removed = await markEntryRemoved(db, projectId, entryId, {
      removedAt: context.now(),
      removedBy: actor.userId,
    });
    if (removed === null) throw refuse('not_found', 'workLog.no_such_entry');
    await announceWorkLogChanged(db, projectId, context.now());
    await recordAuditEvent(db, actor, {
      action: 'work-log.removed',
      projectId,
      subjectType: 'work-log-entry',
      subjectId: entryId,
      before: { ...removed },
    });
  });
  return getWorkLog(context, actor, projectId);
}

/** The ids of the project's work log entries not removed, read in the caller's transaction (the activity report's sources). */
export async function listActiveWorkLogEntryIds(db: Database, projectId: string): Promise<string[]> {
  return (await listActiveEntries(db, projectId)).map((entry) => entry.id);
}
