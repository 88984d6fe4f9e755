import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, lte, gt, sql } from 'drizzle-orm';
import { getStepStatus, isFinishedStatus, type ProcessState } from '../../../domain/process/state';
import type { ProcessTemplate } from '../../../domain/process/template';
import type { BusySession, CustomerCalendar, WorkingCalendar } from '../../../domain/scheduling';
import { DateTime } from 'luxon';
import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import {
  bookedSessionStates,
  contacts,
  projects,
  projectSessions,
  sessionProposals,
  users,
  type SessionAttendee,
} from '../../db/schema';
import { AppError } from '../../errors';
import { systemActor, type Actor, type StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { loadCustomerCalendar, loadWorkingCalendar, loadWorkingCalendars } from '../calendars/calendar-data';
import { getContentLibrary } from '../content/content.service';
import { ensureRecipientsEnabled } from '../organisations/recipients';
import { contactActor, ensureProjectInScope } from '../portal/portal-access.service';
import type { ContactIdentity } from '../../identity';
import { getTemplate } from '../process/process.service';
import { getOrderDateOfProject } from '../purchase-orders/purchase-orders.service';
import {
  advanceProjectIn,
  checkProjectReadable,
  getProjectForAction,
  findProjectWithNames,
  lockProject,
  type ProjectRow,
  type ProjectWithNames,
} from '../projects/projects.service';
import { insertWorkLogEntry } from '../work-log/work-log.service';
import { publishIcs } from './ics';
import {
  calendarEventOf,
  durationOf,
  sendProposal,
  sendSessionInvitations,
  sendSessionReminder,
  sendSlotsRequested,
  type Reader,
  type SessionEngineer,
} from './session-mail';
import type { BookBody, ProposeBody, RecordPastBody, RescheduleBody } from './sessions.schemas';
import {
  firstBookedStart,
  listBookedSpans,
  listBusySessions,
  listProjectProposals,
  listProjectSessions,
  lockProposal,
  lockEngineerTime,
  lockSession,
  type BusyRow,
  type NewSessionRow,
  type SessionRow,
} from './sessions.repository';

/** The scheduling domain pulls in every country's holiday rules: loaded when scheduling is first used. */
const scheduling = () => import('../../../domain/scheduling');

const minuteMs = 60_000;
const dayMs = 24 * 3600 * 1000;
/** How far suggestions look ahead, and the first window read (where nearly every search ends). */
const horizonDays = 120;
const firstWindowDays = 28;

/** The PostgreSQL error of an exclusion constraint: an engineer's booked sessions would overlap. */
function isOverlapError(error: unknown): boolean {
  for (
    let cause: unknown = error;
    cause !== undefined && cause !== null;
    cause = (cause as { cause?: unknown }).cause
  ) {
    if ((cause as { code?: string }).code === '23P01') return true;
  }
  return false;
}

const overlapMessage = 'The engineer already has a booked session at that time. Choose another time.';
const pastOverlapMessage =
  'The engineer already has a session booked or held at that time. Check the date and time; if it is that session, mark it held instead.';

// ——— presenting ———

function presentSession(row: SessionRow, engineerName: string, stepCodes: ReadonlyMap<string, string>) {
  return {
    id: row.id,
    projectId: row.projectId,
    stepKey: row.stepKey,
    stepCode: stepCodes.get(row.stepKey) ?? row.stepKey,
    engineer: { id: row.engineerId, name: engineerName },
    proposalId: row.proposalId,
    state: row.state,
    start: row.startsAt,
    end: row.endsAt,
    durationMinutes: durationOf(row),
    mode: row.mode,
    location: row.location,
    title: row.title,
    description: row.description,
    attendees: row.attendees,
    sequence: row.sequence,
    confirmedAt: row.confirmedAt,
    heldAt: row.heldAt,
    heldNote: row.heldNote,
    cancelledAt: row.cancelledAt,
    cancellationReason: row.cancellationReason,
    reminderDueAt: row.reminderDueAt,
  };
}

async function stepCodesOf(db: Database, project: ProjectRow): Promise<Map<string, string>> {
  const template = await getTemplate(db, project.templateKey, project.templateVersion);
  return new Map(template.steps.map((step) => [step.key, step.code]));
}

function isRequirementsVerified(project: ProjectRow): boolean {
  return isFinishedStatus(getStepStatus(project.processState as ProcessState, 'requirements-fulfilment'));
}

function canSchedule(project: ProjectRow): boolean {
  return isRequirementsVerified(project) || project.schedulingOverrideAt !== null;
}

function ensureMaySchedule(project: ProjectRow): void {
  if (!canSchedule(project)) {
    throw new AppError(
      'conflict',
      'The requirements of this project are not all verified yet (E6). A manager can allow scheduling before that, with a reason.',
    );
  }
}

function scheduleOf(context: ServiceContext, project: ProjectRow) {
  const reference = project.firstSessionAt ?? context.now();
  return {
    readyAt: project.readyToScheduleAt,
    dueAt: project.scheduleDueAt,
    firstSessionAt: project.firstSessionAt,
    businessDays: project.firstSessionBusinessDays,
    targetBusinessDays: context.scheduling.targetBusinessDays,
    isLate: project.scheduleDueAt !== null && reference.getTime() > project.scheduleDueAt.getTime(),
  };
}

async function engineerOf(db: Database, userId: string): Promise<SessionEngineer> {
  const [row] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (row === undefined) throw new AppError('not_found', 'No such engineer.');
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    language: row.language,
    timeZone: row.timeZone,
  };
}

/** The sessions and proposals of a project, the scheduling gate, and where it stands against the target. */
export async function getProjectSessions(context: ServiceContext, actor: StaffActor, projectId: string) {
  await checkProjectReadable(context, actor, projectId);
  const row = await findProjectWithNames(context.db, projectId);
  if (row === null) throw new AppError('not_found', 'No such project.');
  const project = row.project;
  const [sessions, proposals, codes, customer] = await Promise.all([
    listProjectSessions(context.db, projectId),
    listProjectProposals(context.db, projectId),
    stepCodesOf(context.db, project),
    loadCustomerCalendar(context.db, project.customerId),
  ]);
  const engineer = project.engineerId === null ? null : await engineerOf(context.db, project.engineerId);
  const present = (entry: (typeof sessions)[number]) => presentSession(entry.session, entry.engineerName, codes);
  return {
    gate: {
      requirementsVerified: isRequirementsVerified(project),
      override:
        project.schedulingOverrideAt === null
          ? null
          : { at: project.schedulingOverrideAt, reason: project.schedulingOverrideReason ?? '' },
      canSchedule: canSchedule(project),
    },
    engineer: engineer === null ? null : { id: engineer.id, name: engineer.name, timeZone: engineer.timeZone },
    customerTimeZone: customer.timeZone,
    schedule: scheduleOf(context, project),
    proposals: proposals.map((proposal) => ({
      id: proposal.id,
      state: proposal.state,
      note: proposal.note,
      decidedBy: proposal.decidedByName,
      decidedAt: proposal.decidedAt,
      createdAt: proposal.createdAt,
      slots: sessions.filter((entry) => entry.session.proposalId === proposal.id).map(present),
    })),
    sessions: sessions
      .filter(
        (entry) =>
          entry.session.state !== 'proposed' &&
          !(entry.session.state === 'cancelled' && entry.session.confirmedAt === null),
      )
      .map(present),
  };
}

/** A manager lets the engineer schedule before the requirements are verified; the reason is audited. */
export async function overrideSchedulingGate(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  reason: string,
) {
  await inTransaction(context, async (db) => {
    const project = await lockProject(db, projectId);
    if (project === null) throw new AppError('not_found', 'No such project.');
    if (project.schedulingOverrideAt !== null)
      throw new AppError('conflict', 'Scheduling is already allowed for this project.');
    await db
      .update(projects)
      .set({ schedulingOverrideAt: context.now(), schedulingOverrideReason: reason, updatedAt: context.now() })
      .where(eq(projects.id, projectId));
    await recordAuditEvent(db, actor, {
      action: 'scheduling.override',
      projectId,
      subjectType: 'project',
      subjectId: projectId,
      after: { reason },
    });
  });
  return getProjectSessions(context, actor, projectId);
}

// ——— suggestions ———

/** A busy time for the slot finder: a booked span (which blocks everyone), or a proposed session (which may be claimed). */
type Busy = BusySession & { row: BusyRow | null };

function busyOf(spans: readonly [number, number][], proposed: readonly BusyRow[]): Busy[] {
  return [
    ...spans.map(([start, end]): Busy => ({
      start: new Date(start),
      end: new Date(end),
      state: 'confirmed',
      priority: 'urgent',
      row: null,
    })),
    ...proposed.map((row): Busy => ({
      start: row.startsAt,
      end: row.endsAt,
      state: 'proposed',
      priority: row.priority,
      row,
    })),
  ];
}

/** The engineers of the competence teams of the project's applications (the content library's teams), but not the given one. */
async function teamColleagues(context: ServiceContext, project: ProjectRow, engineerId: string) {
  const library = await getContentLibrary(context.db);
  const teams = new Set(
    library.applications
      .filter((application) => project.applications.includes(application.key))
      .map((application) => application.competenceTeam),
  );
  if (teams.size === 0) return [];
  const rows = await context.db
    .select({ id: users.id, name: users.name, teams: users.teams, timeZone: users.timeZone })
    .from(users)
    .where(and(eq(users.role, 'engineer'), eq(users.isDisabled, false)));
  return rows.filter((row) => row.id !== engineerId && row.teams.some((team) => teams.has(team)));
}

interface SlotOptions {
  durationMinutes: number;
  count: number;
  onePerDay: boolean;
  notBefore?: Date;
}

/**
 * The earliest slots of each engineer. It first reads four weeks of calendars, where nearly every search ends, and
 * reads the whole horizon only for the engineers who had too few slots in them: a team's year of sessions is
 * thousands of rows, and reading them was most of a suggestion's time (bench/suggestions.ts).
 */
async function findSlots(
  context: ServiceContext,
  db: Database,
  project: ProjectRow,
  engineerIds: string[],
  customer: CustomerCalendar,
  options: SlotOptions,
) {
  const { findEarliestSlotsForTeam } = await scheduling();
  const now = options.notBefore ?? context.now();
  const calendars = await loadWorkingCalendars(db, engineerIds);
  const search = async (ids: readonly string[], days: number) => {
    const until = new Date(now.getTime() + days * dayMs);
    const [spans, proposed] = await Promise.all([
      listBookedSpans(db, ids, now, until),
      listBusySessions(db, ids, now, until, ['proposed']),
    ]);
    const proposedBy = new Map<string, BusyRow[]>();
    for (const row of proposed) proposedBy.set(row.engineerId, [...(proposedBy.get(row.engineerId) ?? []), row]);
    const engineers = ids.flatMap((id) => {
      const calendar = calendars.get(id);
      return calendar === undefined
        ? []
        : [{ id, calendar, busy: busyOf(spans.get(id) ?? [], proposedBy.get(id) ?? []) }];
    });
    return findEarliestSlotsForTeam({
      engineers,
      customer,
      durationMinutes: options.durationMinutes,
      notBefore: now,
      minimumNoticeBusinessDays: context.scheduling.noticeBusinessDays,
      priority: project.priority,
      horizonDays: days,
      count: options.count,
      onePerDay: options.onePerDay,
    });
  };
  const first = await search(engineerIds, firstWindowDays);
  const short = first.filter((entry) => entry.slots.length < options.count).map((entry) => entry.engineerId);
  if (short.length === 0) return first;
  const again = new Map((await search(short, horizonDays)).map((entry) => [entry.engineerId, entry]));
  const firstStart = (entry: (typeof first)[number]) => entry.slots[0]?.start.getTime() ?? Number.POSITIVE_INFINITY;
  return first
    .map((entry) => again.get(entry.engineerId) ?? entry)
    .sort((left, right) => firstStart(left) - firstStart(right));
}

function presentSlots(slots: readonly { start: Date; end: Date; claims: readonly { row: BusyRow | null }[] }[]) {
  return slots.map((slot) => ({
    start: slot.start,
    end: slot.end,
    claims: slot.claims.flatMap((claim) =>
      claim.row === null
        ? []
        : [{ sessionId: claim.row.id, projectId: claim.row.projectId, projectReference: claim.row.projectReference }],
    ),
  }));
}

/**
 * The earliest slots for a session of the project: inside the engineer's working hours and the customer's business
 * hours, after the notice, off both sides' holidays and the engineer's time off and other sessions; and the same for
 * the other engineers of the project's competence teams, earliest first.
 */
export async function suggestSlots(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  query: { durationMinutes: number; engineerId?: string; count: number; onePerDay: boolean },
) {
  const row = await getProjectForAction(context, actor, projectId);
  const project = row.project;
  ensureMaySchedule(project);
  const engineerId = query.engineerId ?? project.engineerId;
  if (engineerId === null || engineerId === undefined)
    throw new AppError('conflict', 'Assign an engineer to the project first (E3).');
  const engineer = await engineerOf(context.db, engineerId);
  const customer = await loadCustomerCalendar(context.db, project.customerId);
  const colleagues = await teamColleagues(context, project, engineerId);
  const options = { durationMinutes: query.durationMinutes, count: query.count, onePerDay: query.onePerDay };
  const found = await findSlots(
    context,
    context.db,
    project,
    [engineerId, ...colleagues.map((colleague) => colleague.id)],
    customer,
    options,
  ).catch(rethrowSchedulingInput);
  const own = found.find((entry) => entry.engineerId === engineerId);
  return {
    durationMinutes: query.durationMinutes,
    customerTimeZone: customer.timeZone,
    engineer: {
      id: engineer.id,
      name: engineer.name,
      timeZone: engineer.timeZone,
      slots: presentSlots(own?.slots ?? []),
    },
    alternatives: found
      .filter((entry) => entry.engineerId !== engineerId)
      .flatMap((entry) => {
        const colleague = colleagues.find((candidate) => candidate.id === entry.engineerId);
        return colleague === undefined
          ? []
          : [
              {
                id: colleague.id,
                name: colleague.name,
                timeZone: colleague.timeZone,
                slots: presentSlots(entry.slots),
              },
            ];
      }),
  };
}

async function rethrowSchedulingInput(error: unknown): Promise<never> {
  const { SchedulingInputError } = await scheduling();
  if (error instanceof SchedulingInputError)
    throw new AppError('validation_failed', `The calendars cannot be read: ${error.message}.`);
  throw error;
}

// ——— proposing and booking ———

/** The attendees named by contact id (contacts of the project's customer or partner) and by address. */
async function attendeesOf(
  db: Database,
  project: ProjectRow,
  contactIds: readonly string[],
  extra: readonly { name: string; email: string }[],
): Promise<SessionAttendee[]> {
  const organisationIds = [project.customerId, ...(project.partnerId === null ? [] : [project.partnerId])];
  const rows =
    contactIds.length === 0
      ? []
      : await db
          .select()
          .from(contacts)
          .where(and(inArray(contacts.id, [...contactIds]), inArray(contacts.organisationId, organisationIds)));
  for (const [index, contactId] of contactIds.entries()) {
    if (!rows.some((row) => row.id === contactId)) {
      throw new AppError('validation_failed', 'An attendee is not a contact of this project’s customer or partner.', [
        { path: `body.attendeeContactIds.${index}`, message: 'Not a contact of this project.' },
      ]);
    }
  }
  ensureRecipientsEnabled(rows, contactIds, 'body.attendeeContactIds');
  const attendees: SessionAttendee[] = rows.map((row) => ({ contactId: row.id, name: row.name, email: row.email }));
  for (const person of extra) {
    if (!attendees.some((attendee) => attendee.email.toLowerCase() === person.email.toLowerCase()))
      attendees.push({ contactId: null, name: person.name, email: person.email });
  }
  return attendees;
}

/** Who reads a session's emails: each attendee (a contact in their language, anyone else in the engineer's) in the customer's zone, and the engineer in theirs. */
async function readersOf(
  db: Database,
  session: SessionRow,
  engineer: SessionEngineer,
  customerTimeZone: string,
): Promise<Reader[]> {
  const contactIds = session.attendees.flatMap((attendee) => (attendee.contactId === null ? [] : [attendee.contactId]));
  const languages = new Map(
    contactIds.length === 0
      ? []
      : (
          await db
            .select({ id: contacts.id, language: contacts.language })
            .from(contacts)
            .where(inArray(contacts.id, contactIds))
        ).map((row) => [row.id, row.language]),
  );
  const readers: Reader[] = session.attendees.map((attendee) => ({
    name: attendee.name,
    email: attendee.email,
    language: (attendee.contactId === null ? undefined : languages.get(attendee.contactId)) ?? engineer.language,
    timeZone: customerTimeZone,
  }));
  if (!readers.some((reader) => reader.email.toLowerCase() === engineer.email.toLowerCase())) {
    readers.push({
      name: engineer.name,
      email: engineer.email,
      language: engineer.language,
      timeZone: engineer.timeZone,
    });
  }
  return readers;
}

async function stepKeyOf(db: Database, project: ProjectRow, stepKey: string): Promise<string> {
  const codes = await stepCodesOf(db, project);
  if (!codes.has(stepKey))
    throw new AppError('validation_failed', `This project's process has no step "${stepKey}".`, [
      { path: 'body.stepKey', message: 'Unknown step.' },
    ]);
  return stepKey;
}

/** A new session row: a fresh UID for calendars, the times from a start and a duration. */
function sessionRow(
  context: ServiceContext,
  fields: Pick<
    NewSessionRow,
    | 'projectId'
    | 'stepKey'
    | 'engineerId'
    | 'state'
    | 'mode'
    | 'location'
    | 'title'
    | 'description'
    | 'attendees'
    | 'createdBy'
  > & {
    proposalId?: string;
    start: Date;
    durationMinutes: number;
  },
): NewSessionRow {
  const { start, durationMinutes, ...rest } = fields;
  return {
    ...rest,
    startsAt: start,
    endsAt: new Date(start.getTime() + durationMinutes * minuteMs),
    icalUid: `${randomUUID()}@${context.mail.messageIdDomain}`,
    createdAt: context.now(),
    updatedAt: context.now(),
  };
}

function titleOf(body: { title?: string | undefined }, project: ProjectWithNames): string {
  return body.title ?? `${project.project.reference} — ${project.customerName}`;
}

/** The session's reminder: SESSION_REMINDER_BUSINESS_DAYS business days before on the engineer's calendar, or none when that has passed. */
async function reminderDueAt(context: ServiceContext, calendar: WorkingCalendar, start: Date): Promise<Date | null> {
  const { businessDaysBefore } = await scheduling();
  const due = businessDaysBefore(calendar, start, context.scheduling.reminderBusinessDays);
  return due.getTime() <= context.now().getTime() ? null : due;
}

/** Keeps the project's first booked session and the business days from ready to schedule to it. */
async function updateFirstSession(db: Database, project: ProjectRow, calendar: WorkingCalendar): Promise<void> {
  const first = await firstBookedStart(db, project.id);
  const { businessDaysBetween } = await scheduling();
  const days =
    first === null || project.readyToScheduleAt === null
      ? null
      : Math.max(0, businessDaysBetween(calendar, project.readyToScheduleAt, first));
  await db
    .update(projects)
    .set({ firstSessionAt: first, firstSessionBusinessDays: days })
    .where(eq(projects.id, project.id));
}

function ensureFuture(context: ServiceContext, start: Date, path: string): void {
  if (start.getTime() <= context.now().getTime())
    throw new AppError('validation_failed', 'A session must start in the future.', [
      { path, message: 'This time has passed.' },
    ]);
}

/** Whether the engineer's working calendar knows the engineer (any user may run sessions; engineers normally do). */
async function sessionEngineerId(db: Database, project: ProjectRow, requested: string | undefined): Promise<string> {
  const id = requested ?? project.engineerId;
  if (id === null) throw new AppError('conflict', 'Assign an engineer to the project first (E3).');
  const [row] = await db
    .select({ id: users.id, isDisabled: users.isDisabled })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (row === undefined || row.isDisabled)
    throw new AppError('validation_failed', 'No such engineer, or the account is disabled.', [
      { path: 'body.engineerId', message: 'Unknown engineer.' },
    ]);
  return id;
}

/**
 * The engineer proposes up to three dates; each becomes a proposed session of one proposal, and the contacts among
 * the attendees get an email with a personal link to choose one in the portal. Earlier open proposals of the project
 * are withdrawn.
 */
export async function proposeSessions(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  body: ProposeBody & { engineerId?: string },
) {
  const row = await getProjectForAction(context, actor, projectId);
  ensureMaySchedule(row.project);
  const library = await getContentLibrary(context.db);
  const starts = body.slots.map((slot) => new Date(slot.start));
  starts.forEach((start, index) => ensureFuture(context, start, `body.slots.${index}.start`));
  if (new Set(starts.map((start) => start.getTime())).size !== starts.length) {
    throw new AppError('validation_failed', 'The proposed dates must differ.', [
      { path: 'body.slots', message: 'Two dates are the same.' },
    ]);
  }
  await inTransaction(context, async (db) => {
    const project = await lockProject(db, projectId);
    if (project === null) throw new AppError('not_found', 'No such project.');
    const stepKey = await stepKeyOf(db, project, body.stepKey);
    const engineerId = await sessionEngineerId(db, project, body.engineerId);
    const attendees = await attendeesOf(db, project, body.attendeeContactIds, body.extraAttendees);
    if (!attendees.some((attendee) => attendee.contactId !== null)) {
      throw new AppError(
        'validation_failed',
        'Invite at least one contact of the customer or partner: they choose the date in the portal.',
        [{ path: 'body.attendeeContactIds', message: 'Choose at least one contact.' }],
      );
    }
    for (const [index, start] of starts.entries()) {
      const end = new Date(start.getTime() + body.durationMinutes * minuteMs);
      const booked = (await listBusySessions(db, [engineerId], start, end)).filter((busy) => busy.state !== 'proposed');
      if (booked.length > 0)
        throw new AppError('conflict', overlapMessage, [
          { path: `body.slots.${index}.start`, message: 'The engineer is booked then.' },
        ]);
    }
    const withdrawn = await db
      .update(sessionProposals)
      .set({ state: 'withdrawn', decidedAt: context.now() })
      .where(and(eq(sessionProposals.projectId, projectId), eq(sessionProposals.state, 'open')))
      .returning({ id: sessionProposals.id });
    if (withdrawn.length > 0) {
      await db
        .update(projectSessions)
        .set({
          state: 'cancelled',
          cancelledAt: context.now(),
          cancellationReason: 'Replaced by new proposed dates.',
          updatedAt: context.now(),
        })
        .where(
          and(
            inArray(
              projectSessions.proposalId,
              withdrawn.map((entry) => entry.id),
            ),
            eq(projectSessions.state, 'proposed'),
          ),
        );
    }
    const [proposal] = await db
      .insert(sessionProposals)
      .values({ projectId, state: 'open', createdBy: actor.userId, createdAt: context.now() })
      .returning();
    if (proposal === undefined) throw new Error('the proposal was not written');
    const slots = await db
      .insert(projectSessions)
      .values(
        starts.map((start) =>
          sessionRow(context, {
            projectId,
            stepKey,
            engineerId,
            proposalId: proposal.id,
            state: 'proposed',
            start,
            durationMinutes: body.durationMinutes,
            mode: body.mode,
            location: body.location,
            title: titleOf(body, row),
            description: body.description ?? null,
            attendees,
            createdBy: actor.userId,
          }),
        ),
      )
      .returning();
    const engineer = await engineerOf(db, engineerId);
    const customer = await loadCustomerCalendar(db, project.customerId);
    for (const attendee of attendees) {
      if (attendee.contactId === null) continue;
      const [contact] = await db.select().from(contacts).where(eq(contacts.id, attendee.contactId)).limit(1);
      if (contact === undefined) continue;
      await sendProposal(context, db, actor, {
        library,
        slots,
        project: row,
        engineer,
        reader: { name: contact.name, email: contact.email, language: contact.language, timeZone: customer.timeZone },
        link: {
          kind: 'portal',
          slot: 'portal',
          contactId: contact.id,
          projectId,
          target: 'sessions',
          reason: 'issued',
        },
      });
    }
    await recordAuditEvent(db, actor, {
      action: 'session.proposed',
      projectId,
      subjectType: 'session-proposal',
      subjectId: proposal.id,
      after: {
        stepKey,
        engineerId,
        slots: slots.map((slot) => ({
          id: slot.id,
          start: slot.startsAt.toISOString(),
          end: slot.endsAt.toISOString(),
        })),
        attendees: attendees.map((attendee) => attendee.email),
        withdrawn: withdrawn.map((entry) => entry.id),
      },
    });
  });
  return getProjectSessions(context, actor, projectId);
}

/** Withdraws an open proposal: its dates are no longer offered. */
export async function withdrawProposal(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  proposalId: string,
) {
  await getProjectForAction(context, actor, projectId);
  await inTransaction(context, async (db) => {
    await lockProject(db, projectId);
    const proposal = await lockProposal(db, projectId, proposalId);
    if (proposal === null) throw new AppError('not_found', 'No such proposal.');
    if (proposal.state !== 'open') throw new AppError('conflict', 'This proposal is no longer open.');
    await db
      .update(sessionProposals)
      .set({ state: 'withdrawn', decidedAt: context.now() })
      .where(eq(sessionProposals.id, proposalId));
    await db
      .update(projectSessions)
      .set({
        state: 'cancelled',
        cancelledAt: context.now(),
        cancellationReason: 'Proposal withdrawn.',
        updatedAt: context.now(),
      })
      .where(and(eq(projectSessions.proposalId, proposalId), eq(projectSessions.state, 'proposed')));
    await recordAuditEvent(db, actor, {
      action: 'session.proposal-withdrawn',
      projectId,
      subjectType: 'session-proposal',
      subjectId: proposalId,
    });
  });
  return getProjectSessions(context, actor, projectId);
}

/**
 * Confirms a session inside the caller's transaction: the exclusion constraint refuses it when the engineer's time is
 * already booked (a concurrent acceptance included: it waits on the engineer's lock for the first and then fails). Sends the
 * invitations, keeps the first-session figures, and lets E7 complete.
 */
async function confirmIn(
  context: ServiceContext,
  db: Database,
  actor: Actor,
  project: ProjectRow,
  session: SessionRow,
  state: 'confirmed' | 'rescheduled',
  reason?: string,
): Promise<SessionRow> {
  await lockEngineerTime(db, session.engineerId);
  const calendar = await loadWorkingCalendar(db, session.engineerId);
  const [updated] = await db
    .update(projectSessions)
    .set({
      state,
      confirmedAt: session.confirmedAt ?? context.now(),
      reminderDueAt: await reminderDueAt(context, calendar, session.startsAt),
      reminderSentAt: null,
      updatedAt: context.now(),
    })
    .where(eq(projectSessions.id, session.id))
    .returning();
  if (updated === undefined) throw new Error('the session was not updated');
  await updateFirstSession(db, project, calendar);
  const library = await getContentLibrary(db);
  const row = await findProjectWithNames(db, project.id);
  if (row === null) throw new AppError('not_found', 'No such project.');
  const engineer = await engineerOf(db, session.engineerId);
  const customer = await loadCustomerCalendar(db, project.customerId);
  await sendSessionInvitations(context, db, actor, {
    library,
    session: updated,
    project: row,
    engineer,
    readers: await readersOf(db, updated, engineer, customer.timeZone),
    method: 'REQUEST',
    ...(reason === undefined ? {} : { reason }),
  });
  await advanceProjectIn(context, db, project.id, actor, 'session.confirmed');
  return updated;
}

/** Books a session agreed outside Engage (a phone call, a later session of P3): confirmed at once, invitations sent. */
export async function bookSession(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  body: BookBody & { engineerId?: string },
) {
  const row = await getProjectForAction(context, actor, projectId);
  ensureMaySchedule(row.project);
  const start = new Date(body.start);
  ensureFuture(context, start, 'body.start');
  await inTransaction(context, async (db) => {
    const project = await lockProject(db, projectId);
    if (project === null) throw new AppError('not_found', 'No such project.');
    const stepKey = await stepKeyOf(db, project, body.stepKey);
    const engineerId = await sessionEngineerId(db, project, body.engineerId);
    const attendees = await attendeesOf(db, project, body.attendeeContactIds, body.extraAttendees);
    if (attendees.length === 0)
      throw new AppError('validation_failed', 'Invite at least one person.', [
        { path: 'body.attendeeContactIds', message: 'Choose at least one attendee.' },
      ]);
    const [inserted] = await db
      .insert(projectSessions)
      .values(
        sessionRow(context, {
          projectId,
          stepKey,
          engineerId,
          state: 'proposed',
          start,
          durationMinutes: body.durationMinutes,
          mode: body.mode,
          location: body.location,
          title: titleOf(body, row),
          description: body.description ?? null,
          attendees,
          createdBy: actor.userId,
        }),
      )
      .returning();
    if (inserted === undefined) throw new Error('the session was not written');
    const confirmed = await confirmIn(context, db, actor, project, inserted, 'confirmed');
    await recordAuditEvent(db, actor, {
      action: 'session.booked',
      projectId,
      subjectType: 'session',
      subjectId: confirmed.id,
      after: snapshot(confirmed),
    });
  }).catch((error: unknown) => {
    if (isOverlapError(error))
      throw new AppError('conflict', overlapMessage, [{ path: 'body.start', message: 'The engineer is booked then.' }]);
    throw error;
  });
  return getProjectSessions(context, actor, projectId);
}

function snapshot(session: SessionRow) {
  return {
    state: session.state,
    start: session.startsAt.toISOString(),
    end: session.endsAt.toISOString(),
    mode: session.mode,
    location: session.location,
    sequence: session.sequence,
    attendees: session.attendees.map((attendee) => attendee.email),
  };
}

/** Moves a booked session: the same UID with a higher SEQUENCE goes to everyone, so calendars move the event. */
export async function rescheduleSession(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  sessionId: string,
  body: RescheduleBody,
) {
  await getProjectForAction(context, actor, projectId);
  const start = new Date(body.start);
  ensureFuture(context, start, 'body.start');
  await inTransaction(context, async (db) => {
    const project = await lockProject(db, projectId);
    if (project === null) throw new AppError('not_found', 'No such project.');
    const session = await lockSession(db, projectId, sessionId);
    if (session === null) throw new AppError('not_found', 'No such session.');
    if (session.state !== 'confirmed' && session.state !== 'rescheduled')
      throw new AppError('conflict', 'Only a confirmed session can be rescheduled.');
    const minutes = body.durationMinutes ?? durationOf(session);
    await lockEngineerTime(db, session.engineerId);
    const [moved] = await db
      .update(projectSessions)
      .set({
        startsAt: start,
        endsAt: new Date(start.getTime() + minutes * minuteMs),
        ...(body.mode === undefined ? {} : { mode: body.mode }),
        ...(body.location === undefined ? {} : { location: body.location }),
        sequence: session.sequence + 1,
        updatedAt: context.now(),
      })
      .where(eq(projectSessions.id, sessionId))
      .returning();
    if (moved === undefined) throw new Error('the session was not updated');
    const updated = await confirmIn(context, db, actor, project, moved, 'rescheduled', body.reason);
    await recordAuditEvent(db, actor, {
      action: 'session.rescheduled',
      projectId,
      subjectType: 'session',
      subjectId: sessionId,
      before: snapshot(session),
      after: { ...snapshot(updated), reason: body.reason ?? null },
    });
  }).catch((error: unknown) => {
    if (isOverlapError(error))
      throw new AppError('conflict', overlapMessage, [{ path: 'body.start', message: 'The engineer is booked then.' }]);
    throw error;
  });
  return getProjectSessions(context, actor, projectId);
}

/** Cancels a booked session: METHOD:CANCEL with STATUS:CANCELLED and a higher SEQUENCE goes to everyone. */
export async function cancelSession(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  sessionId: string,
  reason: string,
) {
  await getProjectForAction(context, actor, projectId);
  await inTransaction(context, async (db) => {
    const project = await lockProject(db, projectId);
    if (project === null) throw new AppError('not_found', 'No such project.');
    const session = await lockSession(db, projectId, sessionId);
    if (session === null) throw new AppError('not_found', 'No such session.');
    if (session.state !== 'confirmed' && session.state !== 'rescheduled')
      throw new AppError('conflict', 'Only a confirmed session can be cancelled.');
    const [cancelled] = await db
      .update(projectSessions)
      .set({
        state: 'cancelled',
        cancelledAt: context.now(),
        cancellationReason: reason,
        sequence: session.sequence + 1,
        reminderDueAt: null,
        updatedAt: context.now(),
      })
      .where(eq(projectSessions.id, sessionId))
      .returning();
    if (cancelled === undefined) throw new Error('the session was not updated');
    const calendar = await loadWorkingCalendar(db, session.engineerId);
    await updateFirstSession(db, project, calendar);
    const library = await getContentLibrary(db);
    const row = await findProjectWithNames(db, projectId);
    if (row === null) throw new AppError('not_found', 'No such project.');
    const engineer = await engineerOf(db, session.engineerId);
    const customer = await loadCustomerCalendar(db, project.customerId);
    await sendSessionInvitations(context, db, actor, {
      library,
      session: cancelled,
      project: row,
      engineer,
      readers: await readersOf(db, cancelled, engineer, customer.timeZone),
      method: 'CANCEL',
      reason,
    });
    await recordAuditEvent(db, actor, {
      action: 'session.cancelled',
      projectId,
      subjectType: 'session',
      subjectId: sessionId,
      before: snapshot(session),
      after: { ...snapshot(cancelled), reason },
    });
  });
  return getProjectSessions(context, actor, projectId);
}

/** Marks a session held once it has started; the first one held completes E8 and starts the performing phase. */
export async function markSessionHeld(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  sessionId: string,
  note: string | undefined,
) {
  await getProjectForAction(context, actor, projectId);
  await inTransaction(context, async (db) => {
    const project = await lockProject(db, projectId);
    if (project === null) throw new AppError('not_found', 'No such project.');
    const session = await lockSession(db, projectId, sessionId);
    if (session === null) throw new AppError('not_found', 'No such session.');
    if (session.state !== 'confirmed' && session.state !== 'rescheduled')
      throw new AppError('conflict', 'Only a confirmed session can be marked held.');
    if (session.startsAt.getTime() > context.now().getTime())
      throw new AppError('conflict', 'A session can be marked held once it has started.');
    // A new version of a booked row is checked against the exclusion constraint again.
    await lockEngineerTime(db, session.engineerId);
    await db
      .update(projectSessions)
      .set({
        state: 'held',
        heldAt: context.now(),
        heldNote: note ?? null,
        reminderDueAt: null,
        updatedAt: context.now(),
      })
      .where(eq(projectSessions.id, sessionId));
    await recordAuditEvent(db, actor, {
      action: 'session.held',
      projectId,
      subjectType: 'session',
      subjectId: sessionId,
      before: { state: session.state },
      after: { state: 'held', note: note ?? null },
    });
    await logHeldSession(context, db, actor, project, session, note);
    await advanceProjectIn(context, db, projectId, actor, 'session.held');
  });
  return getProjectSessions(context, actor, projectId);
}

/**
 * The step a session's work belongs to: its own step, except for a session of the step that books the first session
 * (E7). That session is the first activity, which the step of the first session held (E8) waits for; E7's own work is
 * agreeing the date. Sessions booked while E7 was current carry E7 (the forms offer the current step), and rows booked
 * before this rule keep it too, so the rule is applied when the work is logged. The criteria keep these keys in every
 * template version, so older projects follow it as well.
 */
function workStepOf(template: ProcessTemplate, stepKey: string): string {
  const step = template.steps.find((candidate) => candidate.key === stepKey);
  if (step === undefined || !step.exitCriteria.some((criterion) => criterion.key === 'first-session-confirmed'))
    return stepKey;
  return (
    template.steps.find((candidate) =>
      candidate.exitCriteria.some((criterion) => criterion.key === 'first-session-held'),
    )?.key ?? stepKey
  );
}

/**
 * A held session's work-log entry, in the caller's transaction: the engineer's, on the engineer's local day, charged to
 * the step its work belongs to, and so to the purchase order line paying for that step.
 */
async function logHeldSession(
  context: ServiceContext,
  db: Database,
  actor: Actor,
  project: ProjectRow,
  session: SessionRow,
  note: string | undefined,
): Promise<void> {
  const engineer = await engineerOf(db, session.engineerId);
  const template = await getTemplate(db, project.templateKey, project.templateVersion);
  await insertWorkLogEntry(context, db, actor, project, {
    stepKey: workStepOf(template, session.stepKey),
    sessionId: session.id,
    performer: { kind: 'staff', userId: session.engineerId },
    workDate:
      DateTime.fromJSDate(session.startsAt, { zone: engineer.timeZone }).toISODate() ??
      session.startsAt.toISOString().slice(0, 10),
    durationMinutes: Math.min(durationOf(session), 24 * 60),
    description: note === undefined || note === '' ? session.title : `${session.title}: ${note}`,
  });
}

/**
 * Records a session that already took place (a kick-off by phone, a session booked in another tool) as held, in one
 * step: it takes the engineer's time like every booked session, emails nobody (it has happened; the contacts see it
 * among the past sessions of the portal), writes its work-log entry and lets E7 and E8 complete. Throws
 * validation_failed for a start still to come or before the project was created, conflict when scheduling is not
 * allowed yet or the engineer's time is already booked or held then, forbidden and not_found.
 */
/** Midnight of a date comes up to 14 hours before midnight UTC (UTC+14). */
const earliestZoneOffsetMs = 14 * 3600_000;

/** Records a session that already took place as held, in one step: no invitation, its work logged, E7/E8 advanced. */
export async function recordPastSession(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  body: RecordPastBody & { engineerId?: string },
) {
  const row = await getProjectForAction(context, actor, projectId);
  ensureMaySchedule(row.project);
  const start = new Date(body.start);
  const end =
    body.end === undefined ? new Date(start.getTime() + (body.durationMinutes ?? 0) * minuteMs) : new Date(body.end);
  if (start.getTime() > context.now().getTime()) {
    throw new AppError(
      'validation_failed',
      'A session recorded after the fact must have started already. Book a session still to come instead.',
      [{ path: 'body.start', message: 'This time has not come yet.' }],
    );
  }
  // A project may be entered in Engage after its kick-off took place; no session took place before the customer ordered.
  const orderDate = await getOrderDateOfProject(context, projectId);
  if (orderDate !== null && start.getTime() < Date.parse(`${orderDate}T00:00:00Z`) - earliestZoneOffsetMs) {
    throw new AppError(
      'validation_failed',
      `A session of this project cannot have taken place before its purchase order's date, ${orderDate}.`,
      [{ path: 'body.start', message: 'Before the purchase order’s date.' }],
    );
  }
  await inTransaction(context, async (db) => {
    const project = await lockProject(db, projectId);
    if (project === null) throw new AppError('not_found', 'No such project.');
    const requestedStep = body.stepKey ?? project.currentStepKey;
    if (requestedStep === null)
      throw new AppError('validation_failed', 'Choose the step the session belongs to.', [
        { path: 'body.stepKey', message: 'Choose the step.' },
      ]);
    const stepKey = await stepKeyOf(db, project, requestedStep);
    const engineerId = await sessionEngineerId(db, project, body.engineerId);
    const attendees = await attendeesOf(db, project, body.attendeeContactIds, body.extraAttendees);
    if (attendees.length === 0)
      throw new AppError('validation_failed', 'Name at least one person who took part.', [
        { path: 'body.attendeeContactIds', message: 'Choose at least one attendee.' },
      ]);
    // The exclusion constraint judges the new held row like any booked one; the lock orders it behind other bookings.
    await lockEngineerTime(db, engineerId);
    const [recorded] = await db
      .insert(projectSessions)
      .values({
        ...sessionRow(context, {
          projectId,
          stepKey,
          engineerId,
          state: 'held',
          start,
          durationMinutes: (end.getTime() - start.getTime()) / minuteMs,
          mode: body.mode,
          location: body.location ?? '',
          title: titleOf(body, row),
          description: null,
          attendees,
          createdBy: actor.userId,
        }),
        confirmedAt: context.now(),
        heldAt: context.now(),
        heldNote: body.note ?? null,
      })
      .returning();
    if (recorded === undefined) throw new Error('the session was not written');
    await updateFirstSession(db, project, await loadWorkingCalendar(db, engineerId));
    await recordAuditEvent(db, actor, {
      action: 'session.recorded',
      projectId,
      subjectType: 'session',
      subjectId: recorded.id,
      after: { ...snapshot(recorded), stepKey, engineerId, note: body.note ?? null },
    });
    await logHeldSession(context, db, actor, project, recorded, body.note);
    await advanceProjectIn(context, db, projectId, actor, 'session.recorded');
  }).catch((error: unknown) => {
    if (isOverlapError(error))
      throw new AppError('conflict', pastOverlapMessage, [
        { path: 'body.start', message: 'The engineer has another session then.' },
      ]);
    throw error;
  });
  return getProjectSessions(context, actor, projectId);
}

// ——— the portal ———

function presentForPortal(session: SessionRow, engineerName: string) {
  return {
    id: session.id,
    state: session.state,
    start: session.startsAt,
    end: session.endsAt,
    durationMinutes: durationOf(session),
    title: session.title,
    mode: session.mode,
    location: session.location,
    engineerName,
    attendees: session.attendees.map((attendee) => ({ name: attendee.name, email: attendee.email })),
  };
}

/** A contact's view of the project's sessions: the dates offered to choose from, the coming sessions, the past ones. */
export async function getPortalSessions(context: ServiceContext, contact: ContactIdentity, projectId: string) {
  await ensureProjectInScope(context, contact, projectId);
  const row = await findProjectWithNames(context.db, projectId);
  if (row === null) throw new AppError('not_found', 'No such project.');
  const [sessions, proposals, customer] = await Promise.all([
    listProjectSessions(context.db, projectId),
    listProjectProposals(context.db, projectId),
    loadCustomerCalendar(context.db, row.project.customerId),
  ]);
  const now = context.now().getTime();
  const booked = sessions.filter((entry) => (bookedSessionStates as readonly string[]).includes(entry.session.state));
  return {
    customerTimeZone: customer.timeZone,
    proposals: proposals
      .filter((proposal) => proposal.state === 'open')
      .flatMap((proposal) => {
        const slots = sessions.filter(
          (entry) => entry.session.proposalId === proposal.id && entry.session.state === 'proposed',
        );
        const first = slots[0];
        if (first === undefined) return [];
        return [
          {
            id: proposal.id,
            createdAt: proposal.createdAt,
            title: first.session.title,
            durationMinutes: durationOf(first.session),
            mode: first.session.mode,
            location: first.session.location,
            engineerName: first.engineerName,
            slots: slots.map((entry) => presentForPortal(entry.session, entry.engineerName)),
          },
        ];
      }),
    upcoming: booked
      .filter((entry) => entry.session.endsAt.getTime() > now && entry.session.state !== 'held')
      .map((entry) => presentForPortal(entry.session, entry.engineerName)),
    past: booked
      .filter((entry) => entry.session.endsAt.getTime() <= now || entry.session.state === 'held')
      .map((entry) => presentForPortal(entry.session, entry.engineerName))
      .reverse(),
  };
}

/**
 * A contact accepts one of the proposed dates. The confirmation is one UPDATE under the exclusion constraint: when
 * another acceptance took the engineer's time first, this one fails, the date is marked taken, the next free dates
 * are offered in its place, and the contact is told (409) to choose again.
 */
export async function acceptProposedSlot(
  context: ServiceContext,
  contact: ContactIdentity,
  ip: string | null,
  projectId: string,
  proposalId: string,
  sessionId: string,
) {
  await ensureProjectInScope(context, contact, projectId);
  const actor = contactActor(contact, ip);
  try {
    await inTransaction(context, async (db) => {
      const project = await lockProject(db, projectId);
      if (project === null) throw new AppError('not_found', 'No such project.');
      const proposal = await lockProposal(db, projectId, proposalId);
      if (proposal === null) throw new AppError('not_found', 'No such proposal.');
      if (proposal.state !== 'open')
        throw new AppError(
          'conflict',
          proposal.state === 'accepted'
            ? 'A date of this proposal has already been accepted.'
            : 'These dates are no longer offered.',
        );
      const slot = await lockSession(db, projectId, sessionId);
      if (slot === null || slot.proposalId !== proposalId || slot.state !== 'proposed')
        throw new AppError('not_found', 'This date is not among the ones offered.');
      if (slot.startsAt.getTime() <= context.now().getTime())
        throw new AppError('conflict', 'This date has passed. Ask the engineer for other dates.');
      const confirmed = await confirmIn(context, db, actor, project, slot, 'confirmed');
      await db
        .update(sessionProposals)
        .set({ state: 'accepted', decidedByContactId: contact.id, decidedAt: context.now() })
        .where(eq(sessionProposals.id, proposalId));
      await db
        .update(projectSessions)
        .set({
          state: 'cancelled',
          cancelledAt: context.now(),
          cancellationReason: 'Another date was chosen.',
          updatedAt: context.now(),
        })
        .where(and(eq(projectSessions.proposalId, proposalId), eq(projectSessions.state, 'proposed')));
      await recordAuditEvent(db, actor, {
        action: 'session.accepted',
        projectId,
        subjectType: 'session',
        subjectId: confirmed.id,
        after: { proposalId, ...snapshot(confirmed) },
      });
    });
  } catch (error) {
    if (!isOverlapError(error)) throw error;
    await offerNextSlots(context, actor, projectId, proposalId, sessionId);
    throw new AppError(
      'conflict',
      'Sorry, that time was booked a moment ago. We have offered the next free dates in its place: please choose again.',
      [{ path: 'body.sessionId', message: 'This date is no longer free.' }],
    );
  }
  return getPortalSessions(context, contact, projectId);
}

/** After a lost race: the taken date is withdrawn and the next free dates of the engineer take its place. */
async function offerNextSlots(
  context: ServiceContext,
  actor: Actor,
  projectId: string,
  proposalId: string,
  sessionId: string,
): Promise<void> {
  await inTransaction(context, async (db) => {
    const project = await lockProject(db, projectId);
    const proposal = await lockProposal(db, projectId, proposalId);
    const taken = await lockSession(db, projectId, sessionId);
    if (
      project === null ||
      proposal === null ||
      taken === null ||
      proposal.state !== 'open' ||
      taken.state !== 'proposed'
    )
      return;
    await db
      .update(projectSessions)
      .set({
        state: 'cancelled',
        cancelledAt: context.now(),
        cancellationReason: 'Booked by another project first.',
        updatedAt: context.now(),
      })
      .where(eq(projectSessions.id, sessionId));
    const open = await db
      .select()
      .from(projectSessions)
      .where(and(eq(projectSessions.proposalId, proposalId), eq(projectSessions.state, 'proposed')));
    const customer = await loadCustomerCalendar(db, project.customerId);
    const wanted = Math.max(1, 3 - open.length);
    const [found] = await findSlots(context, db, project, [taken.engineerId], customer, {
      durationMinutes: durationOf(taken),
      count: wanted + open.length,
      onePerDay: true,
    });
    const fresh = (found?.slots ?? [])
      .filter(
        (slot) =>
          slot.claims.length === 0 && !open.some((existing) => existing.startsAt.getTime() === slot.start.getTime()),
      )
      .slice(0, wanted);
    if (fresh.length > 0) {
      await db.insert(projectSessions).values(
        fresh.map((slot) =>
          sessionRow(context, {
            projectId,
            stepKey: taken.stepKey,
            engineerId: taken.engineerId,
            proposalId,
            state: 'proposed',
            start: slot.start,
            durationMinutes: durationOf(taken),
            mode: taken.mode,
            location: taken.location,
            title: taken.title,
            description: taken.description,
            attendees: taken.attendees,
            createdBy: null,
          }),
        ),
      );
    }
    await recordAuditEvent(db, actor, {
      action: 'session.slot-taken',
      projectId,
      subjectType: 'session',
      subjectId: sessionId,
      after: { proposalId, offered: fresh.map((slot) => slot.start.toISOString()) },
    });
  });
}

/** A contact asks for other dates, with a note the engineer reads; the proposal closes and the engineer is emailed. */
export async function askForOtherSlots(
  context: ServiceContext,
  contact: ContactIdentity,
  ip: string | null,
  projectId: string,
  proposalId: string,
  note: string,
) {
  await ensureProjectInScope(context, contact, projectId);
  const actor = contactActor(contact, ip);
  await inTransaction(context, async (db) => {
    const project = await lockProject(db, projectId);
    if (project === null) throw new AppError('not_found', 'No such project.');
    const proposal = await lockProposal(db, projectId, proposalId);
    if (proposal === null) throw new AppError('not_found', 'No such proposal.');
    if (proposal.state !== 'open')
      throw new AppError(
        'conflict',
        'These dates are no longer open: the engineer has already been told, or a date was accepted.',
      );
    await db
      .update(sessionProposals)
      .set({ state: 'declined', note, decidedByContactId: contact.id, decidedAt: context.now() })
      .where(eq(sessionProposals.id, proposalId));
    const slots = await db
      .update(projectSessions)
      .set({
        state: 'cancelled',
        cancelledAt: context.now(),
        cancellationReason: 'The customer asked for other dates.',
        updatedAt: context.now(),
      })
      .where(and(eq(projectSessions.proposalId, proposalId), eq(projectSessions.state, 'proposed')))
      .returning();
    const engineerId = slots[0]?.engineerId ?? project.engineerId;
    if (engineerId !== null) {
      const row = await findProjectWithNames(db, projectId);
      if (row !== null)
        await sendSlotsRequested(context, db, actor, {
          library: await getContentLibrary(db),
          project: row,
          engineer: await engineerOf(db, engineerId),
          contact: { name: contact.name, email: contact.email },
          note,
        });
    }
    await recordAuditEvent(db, actor, {
      action: 'session.other-dates-requested',
      projectId,
      subjectType: 'session-proposal',
      subjectId: proposalId,
      after: { note },
    });
  });
  return getPortalSessions(context, contact, projectId);
}

/** A booked session as a calendar file to import (METHOD:PUBLISH), for staff or for a contact of the project. */
export async function sessionCalendarFile(
  context: ServiceContext,
  who: { staff: StaffActor } | { contact: ContactIdentity },
  projectId: string,
  sessionId: string,
) {
  if ('staff' in who) await checkProjectReadable(context, who.staff, projectId);
  else await ensureProjectInScope(context, who.contact, projectId);
  const [session] = await context.db
    .select()
    .from(projectSessions)
    .where(
      and(
        eq(projectSessions.id, sessionId),
        eq(projectSessions.projectId, projectId),
        inArray(projectSessions.state, [...bookedSessionStates]),
      ),
    )
    .limit(1);
  const row = await findProjectWithNames(context.db, projectId);
  if (session === undefined || row === null) throw new AppError('not_found', 'No such session.');
  const engineer = await engineerOf(context.db, session.engineerId);
  return {
    filename: `${row.project.reference}-session.ics`,
    content: publishIcs(session.title, [calendarEventOf(context, session, row, engineer)]),
  };
}

// ——— reminders ———

/**
 * Emails the attendees and the engineer of every booked session whose reminder is due (one business day before, by
 * default). Each session is handled in its own transaction that locks it with SKIP LOCKED, so processes sweeping
 * together remind once. Returns how many sessions were reminded.
 */
export async function sendDueSessionReminders(context: ServiceContext): Promise<number> {
  const now = context.now();
  const due = await context.db
    .select({ id: projectSessions.id, projectId: projectSessions.projectId })
    .from(projectSessions)
    .where(
      and(
        lte(projectSessions.reminderDueAt, now),
        isNull(projectSessions.reminderSentAt),
        inArray(projectSessions.state, ['confirmed', 'rescheduled']),
        gt(projectSessions.startsAt, now),
      ),
    )
    .limit(200);
  let reminded = 0;
  for (const candidate of due) {
    const sent = await inTransaction(context, async (db) => {
      const rows = (await db.execute<{
        id: string;
      }>(sql`select id from project_sessions where id = ${candidate.id} and reminder_sent_at is null
          and state in ('confirmed', 'rescheduled') and reminder_due_at <= ${now.toISOString()}::timestamptz for update skip locked`)) as {
        rows: { id: string }[];
      };
      if (rows.rows.length === 0) return false;
      const [session] = await db.select().from(projectSessions).where(eq(projectSessions.id, candidate.id)).limit(1);
      const row = await findProjectWithNames(db, candidate.projectId);
      if (session === undefined || row === null) return false;
      const engineer = await engineerOf(db, session.engineerId);
      const customer = await loadCustomerCalendar(db, row.project.customerId);
      await sendSessionReminder(context, db, systemActor, {
        library: await getContentLibrary(db),
        session,
        project: row,
        engineer,
        readers: await readersOf(db, session, engineer, customer.timeZone),
      });
      await db.update(projectSessions).set({ reminderSentAt: now }).where(eq(projectSessions.id, session.id));
      await recordAuditEvent(db, systemActor, {
        action: 'reminder.session',
        projectId: candidate.projectId,
        subjectType: 'session',
        subjectId: session.id,
        after: { start: session.startsAt.toISOString() },
      });
      return true;
    });
    if (sent) reminded += 1;
  }
  return reminded;
}
