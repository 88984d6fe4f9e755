import { and, eq, isNull } from 'drizzle-orm';
import type { ContentLibrary } from '../../../domain/content';
import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { checklistTicks, configurationRecords, deliveryNotes, trainingRecords, uatItemResults } from '../../db/schema';
import { findFileInfo, removeFileRecord, storeFile, type FileView } from '../files/files.service';
import { AppError } from '../../errors';
import type { StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { getContentLibrary } from '../content/content.service';
import { actorOf, authorOf, projectFor, refuseTo, sayTo, type Participant } from '../projects/participant';
import { advanceProjectIn, lockProject, type ProjectRow } from '../projects/projects.service';
import {
  liveDocument,
  loadDeliveryState,
  missingTrainingKinds,
  supersedeAwaitingDocument,
  uatGaps,
  type ChecklistItemState,
  type ChecklistKind,
  type DeliveryState,
  type UatItemState,
} from './delivery-state';
import type {
  ConfigurationBody,
  NotesBody,
  TickBody,
  TrainingBody,
  UatResultBody,
  VerifyBody,
} from './delivery.schemas';

function applicationsOf(library: ContentLibrary, project: ProjectRow) {
  return project.applications.map((key) => ({
    key,
    name: library.applications.find((application) => application.key === key)?.name ?? { en: key, it: key },
  }));
}

function presentDocuments(state: DeliveryState) {
  return state.documents.map(({ document, signature, outsideSignature }) => ({
    id: document.id,
    kind: document.kind,
    version: document.version,
    state: document.state,
    sha256: document.sha256,
    createdAt: document.createdAt,
    supersededReason: document.supersededReason,
    signature:
      signature === null
        ? null
        : {
            signerName: signature.signerName,
            signerEmail: signature.signerEmail,
            signerOrganisation: signature.signerOrganisation,
            signedAt: signature.signedAt,
            documentSha256: signature.documentSha256,
            sealedSha256: signature.sealedSha256,
          },
    outsideSignature:
      outsideSignature === null
        ? null
        : {
            signerName: outsideSignature.signerName,
            signedOn: outsideSignature.signedOn,
            sha256: outsideSignature.sha256,
            recordedAt: outsideSignature.recordedAt,
            recordedBy: { name: outsideSignature.recordedByName },
          },
  }));
}

function presentUatItem({ updatedAt: _updatedAt, evidence, ...item }: UatItemState) {
  const file: FileView | null =
    evidence === null
      ? null
      : {
          id: evidence.id,
          name: evidence.name,
          contentType: evidence.contentType,
          size: evidence.size,
          uploadedBy: { kind: evidence.uploadedBy.kind, name: evidence.uploadedBy.name },
          createdAt: evidence.createdAt,
        };
  return { ...item, evidence: file };
}

/** The staff view of a project's delivery: checklists, configuration records, UAT, training, notes, documents. */
export function presentDelivery(library: ContentLibrary, project: ProjectRow, state: DeliveryState) {
  const gaps = uatGaps(state);
  return {
    deployment: project.deployment,
    applications: applicationsOf(library, project),
    environment: state.environment,
    pbx: state.pbx,
    configurations: project.applications.map((key, index) => {
      const application = library.applications.find((candidate) => candidate.key === key);
      const record = state.configurations[index] ?? null;
      return {
        applicationKey: key,
        fields: (application?.configurationFields ?? []).map((field) => ({
          key: field.key,
          type: field.type,
          label: field.label,
          options: field.type === 'choice' ? field.options : null,
        })),
        values: record?.values ?? {},
        installedVersion: record?.installedVersion ?? null,
        installedAt: record?.installedAt ?? null,
        configuredAt: record?.configuredAt ?? null,
      };
    }),
    uat: {
      items: state.uat.map(presentUatItem),
      summary: {
        pass: state.uat.filter((item) => item.result === 'pass').length,
        passWithRemark: state.uat.filter((item) => item.result === 'pass-with-remark').length,
        fail: state.uat.filter((item) => item.result === 'fail').length,
        notApplicable: state.uat.filter((item) => item.result === 'not-applicable').length,
        notRun: gaps.notRun,
        exceptions: state.uat.filter((item) => item.exceptionReason !== null).length,
        failedOpen: gaps.failedOpen,
      },
      isLocked: liveDocument(state, 'uat')?.document.state === 'signed',
    },
    training: {
      purchased: project.isTrainingPurchased,
      boughtKinds: state.boughtTraining.kinds,
      missingKinds: project.isTrainingPurchased ? missingTrainingKinds(state) : [],
      records: state.trainings.map((training) => ({
        id: training.id,
        kind: training.kind,
        date: training.trainingDate,
        durationMinutes: training.durationMinutes,
        attendees: training.attendees,
        topics: training.topics,
      })),
    },
    notes: { reportNotes: state.notes.reportNotes, maintenanceNotes: state.notes.maintenanceNotes },
    documents: presentDocuments(state),
    handover:
      state.handover === null
        ? null
        : { createdAt: state.handover.createdAt, unsignedReport: state.handover.unsignedReport },
  };
}

/**
 * What a customer or partner contact sees: the checklists they tick, the UAT results they sign (remarks and evidence
 * included) and the documents to sign. Built from named fields only, so the internal maintenance notes (and anything
 * else staff-only) can never reach the portal.
 */
export function presentPortalDelivery(library: ContentLibrary, project: ProjectRow, state: DeliveryState) {
  return {
    deployment: project.deployment,
    applications: applicationsOf(library, project),
    environment: state.environment,
    pbx: state.pbx,
    uat: state.uat.map(presentUatItem),
    documents: presentDocuments(state).filter((document) => document.state !== 'superseded'),
  };
}

export async function getDelivery(context: ServiceContext, participant: Participant, projectId: string) {
  const { project } = await projectFor(context, participant, projectId, 'read');
  const library = await getContentLibrary(context.db);
  const state = await loadDeliveryState(context.db, library, project);
  return { library, project, state };
}

/** Runs a change to the delivery records of a project: the project locked, the engine advanced in the same transaction. */
async function changeDelivery<T>(
  context: ServiceContext,
  participant: Participant,
  projectId: string,
  cause: string,
  work: (db: Database, project: ProjectRow, library: ContentLibrary, state: DeliveryState) => Promise<T>,
): Promise<T> {
  await projectFor(context, participant, projectId, participant.kind === 'staff' ? 'write' : 'read');
  return inTransaction(context, async (db) => {
    const project = await lockProject(db, projectId);
    if (project === null) throw new AppError('not_found', 'No such project.');
    const library = await getContentLibrary(db);
    const state = await loadDeliveryState(db, library, project);
    // The dossier sent to support is the record of a closed project: what it was made from no longer changes.
    if (state.handover !== null) {
      throw refuseTo(participant)('conflict', 'delivery.handed_over');
    }
    const result = await work(db, project, library, state);
    await advanceProjectIn(context, db, projectId, actorOf(participant), cause);
    return result;
  });
}

function findItem(
  state: DeliveryState,
  checklist: ChecklistKind,
  applicationKey: string | undefined,
  itemKey: string,
  participant: Participant,
): ChecklistItemState {
  const items = checklist === 'environment' ? state.environment : state.pbx;
  const item = items.find(
    (candidate) => candidate.key === itemKey && (candidate.applicationKey ?? undefined) === applicationKey,
  );
  if (item === undefined) {
    throw refuseTo(participant)('validation_failed', 'delivery.no_such_item', {
      details: [{ path: 'body.itemKey', message: sayTo(participant)('delivery.unknown_item') }],
    });
  }
  return item;
}

/** P1 and P3: the customer, the partner or the engineer ticks an item (or takes the tick back, which also drops its verification). */
export async function tickChecklistItem(
  context: ServiceContext,
  participant: Participant,
  projectId: string,
  checklist: ChecklistKind,
  body: TickBody,
) {
  await changeDelivery(
    context,
    participant,
    projectId,
    `${checklist} checklist ticked`,
    async (db, _project, _library, state) => {
      const item = findItem(state, checklist, body.applicationKey, body.itemKey, participant);
      const now = context.now();
      const note = body.note ?? item.note;
      const ticked = body.ticked
        ? {
            tickedAt: item.tickedAt ?? now,
            tickedBy: item.tickedAt === null ? authorOf(participant) : item.tickedBy,
            note,
            updatedAt: now,
          }
        : // Taking the tick back also takes back the engineer's verification of it.
          { tickedAt: null, tickedBy: null, note, verifiedAt: null, verifiedBy: null, updatedAt: now };
      await db
        .insert(checklistTicks)
        .values({ projectId, checklist, applicationKey: body.applicationKey ?? '', itemKey: body.itemKey, ...ticked })
        .onConflictDoUpdate({
          target: [
            checklistTicks.projectId,
            checklistTicks.checklist,
            checklistTicks.applicationKey,
            checklistTicks.itemKey,
          ],
          set: ticked,
        });
      await recordAuditEvent(db, actorOf(participant), {
        action: body.ticked ? 'checklist.ticked' : 'checklist.unticked',
        projectId,
        subjectType: `${checklist}-checklist`,
        subjectId: `${body.applicationKey ?? ''}/${body.itemKey}`,
        before: { ticked: item.tickedAt !== null, verified: item.verifiedAt !== null, note: item.note },
        after: { ticked: body.ticked, note },
      });
    },
  );
}

/** The engineer verifies a ticked item (or takes the verification back). */
export async function verifyChecklistItem(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  checklist: ChecklistKind,
  body: VerifyBody,
) {
  const participant: Participant = { kind: 'staff', actor };
  await changeDelivery(
    context,
    participant,
    projectId,
    `${checklist} checklist verified`,
    async (db, _project, _library, state) => {
      const item = findItem(state, checklist, body.applicationKey, body.itemKey, participant);
      if (body.verified && item.tickedAt === null) {
        throw new AppError('conflict', 'This item is not ticked as done yet: it can be verified once it is.');
      }
      await db
        .update(checklistTicks)
        .set({
          verifiedAt: body.verified ? context.now() : null,
          verifiedBy: body.verified ? actor.userId : null,
          updatedAt: context.now(),
        })
        .where(
          and(
            eq(checklistTicks.projectId, projectId),
            eq(checklistTicks.checklist, checklist),
            eq(checklistTicks.applicationKey, body.applicationKey ?? ''),
            eq(checklistTicks.itemKey, body.itemKey),
          ),
        );
      await recordAuditEvent(db, actor, {
        action: body.verified ? 'checklist.verified' : 'checklist.verification-withdrawn',
        projectId,
        subjectType: `${checklist}-checklist`,
        subjectId: `${body.applicationKey ?? ''}/${body.itemKey}`,
        before: { verified: item.verifiedAt !== null },
        after: { verified: body.verified },
      });
    },
  );
}

function applicationInScope(library: ContentLibrary, project: ProjectRow, applicationKey: string) {
  const application = project.applications.includes(applicationKey)
    ? library.applications.find((candidate) => candidate.key === applicationKey)
    : undefined;
  if (application === undefined) throw new AppError('not_found', 'This application is not in the project’s scope.');
  return application;
}

async function upsertConfiguration(
  db: Database,
  projectId: string,
  applicationKey: string,
  set: Partial<typeof configurationRecords.$inferInsert>,
) {
  await db
    .insert(configurationRecords)
    .values({ projectId, applicationKey, ...set })
    .onConflictDoUpdate({ target: [configurationRecords.projectId, configurationRecords.applicationKey], set });
}

/** P2/P4: writes fields of an application's configuration record; each value is checked against its field's type. */
export async function saveConfiguration(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  applicationKey: string,
  body: ConfigurationBody,
) {
  await changeDelivery(
    context,
    { kind: 'staff', actor },
    projectId,
    'configuration recorded',
    async (db, project, library, state) => {
      const application = applicationInScope(library, project, applicationKey);
      const problems: { path: string; message: string }[] = [];
      const record = state.configurations[project.applications.indexOf(applicationKey)] ?? null;
      const values: Record<string, string | number | boolean> = { ...(record?.values ?? {}) };
      for (const [fieldKey, value] of Object.entries(body.values)) {
        const path = `body.values.${fieldKey}`;
        const field = application.configurationFields.find((candidate) => candidate.key === fieldKey);
        if (field === undefined) {
          problems.push({ path, message: 'This application has no such configuration field.' });
          continue;
        }
        if (value === null || value === '') {
          delete values[fieldKey];
          continue;
        }
        const wrong =
          (field.type === 'text' && typeof value !== 'string') ||
          (field.type === 'number' && typeof value !== 'number') ||
          (field.type === 'yes-no' && typeof value !== 'boolean') ||
          (field.type === 'date' &&
            (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))) ||
          (field.type === 'choice' && !field.options.some((option) => option.value === value));
        if (wrong) {
          const expected = {
            text: 'a text',
            number: 'a number',
            'yes-no': 'true or false',
            date: 'a date such as 2026-12-01',
            choice: `one of ${field.type === 'choice' ? field.options.map((option) => option.value).join(', ') : ''}`,
          }[field.type];
          problems.push({ path, message: `${field.label.en}: give ${expected}.` });
          continue;
        }
        values[fieldKey] = value;
      }
      if (problems.length > 0)
        throw new AppError('validation_failed', 'Some values do not fit their fields; nothing was saved.', problems);
      await upsertConfiguration(db, projectId, applicationKey, {
        values,
        updatedAt: context.now(),
        updatedBy: actor.userId,
      });
      await recordAuditEvent(db, actor, {
        action: 'configuration.saved',
        projectId,
        subjectType: 'configuration-record',
        subjectId: applicationKey,
        before: record?.values ?? {},
        after: values,
      });
    },
  );
}

/** P2: the engineer records the application installed, with its version (null takes it back). */
export async function recordInstallation(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  applicationKey: string,
  installedVersion: string | null,
) {
  await changeDelivery(
    context,
    { kind: 'staff', actor },
    projectId,
    'installation recorded',
    async (db, project, library, state) => {
      applicationInScope(library, project, applicationKey);
      const record = state.configurations[project.applications.indexOf(applicationKey)] ?? null;
      if (installedVersion === null && record?.configuredAt != null) {
        throw new AppError('conflict', 'The application is marked configured: take that back first.');
      }
      const now = context.now();
      await upsertConfiguration(db, projectId, applicationKey, {
        installedVersion,
        installedAt: installedVersion === null ? null : (record?.installedAt ?? now),
        installedBy: installedVersion === null ? null : actor.userId,
        updatedAt: now,
        updatedBy: actor.userId,
      });
      await recordAuditEvent(db, actor, {
        action: installedVersion === null ? 'installation.withdrawn' : 'installation.recorded',
        projectId,
        subjectType: 'configuration-record',
        subjectId: applicationKey,
        before: { installedVersion: record?.installedVersion ?? null },
        after: { installedVersion },
      });
    },
  );
}

/** P4: the engineer marks the application's configuration complete against the design (or takes that back). */
export async function markConfigured(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  applicationKey: string,
  configured: boolean,
) {
  await changeDelivery(
    context,
    { kind: 'staff', actor },
    projectId,
    'configuration completed',
    async (db, project, library, state) => {
      const application = applicationInScope(library, project, applicationKey);
      const record = state.configurations[project.applications.indexOf(applicationKey)] ?? null;
      if (configured && record?.installedAt == null) {
        throw new AppError(
          'conflict',
          `${application.name.en} is not recorded as installed yet: record the installed version first.`,
        );
      }
      if (configured && Object.keys(record?.values ?? {}).length === 0) {
        throw new AppError(
          'conflict',
          `No configuration of ${application.name.en} is recorded yet: fill in its configuration record first.`,
        );
      }
      await upsertConfiguration(db, projectId, applicationKey, {
        configuredAt: configured ? context.now() : null,
        configuredBy: configured ? actor.userId : null,
        updatedAt: context.now(),
        updatedBy: actor.userId,
      });
      await recordAuditEvent(db, actor, {
        action: configured ? 'configuration.completed' : 'configuration.reopened',
        projectId,
        subjectType: 'configuration-record',
        subjectId: applicationKey,
      });
    },
  );
}

function findUatItem(state: DeliveryState, applicationKey: string, itemKey: string): UatItemState {
  const item = state.uat.find((candidate) => candidate.applicationKey === applicationKey && candidate.key === itemKey);
  if (item === undefined) throw new AppError('not_found', 'The project’s UAT checklist has no such item.');
  if (liveDocument(state, 'uat')?.document.state === 'signed') {
    throw new AppError('conflict', 'The UAT document is signed: its results can no longer change.');
  }
  return item;
}

/**
 * P5: records one item's result: passed, passed with a remark (the minor defect the customer accepts, required, and
 * printed in the signed document), failed (perhaps accepted as an exception) or not applicable. Refused once the UAT
 * is signed; a version awaiting signature no longer matches and is superseded. Throws not_found, conflict or
 * validation_failed.
 */
export async function setUatResult(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  applicationKey: string,
  itemKey: string,
  body: UatResultBody,
) {
  await changeDelivery(
    context,
    { kind: 'staff', actor },
    projectId,
    'UAT result recorded',
    async (db, _project, _library, state) => {
      const item = findUatItem(state, applicationKey, itemKey);
      const comment = body.comment === undefined ? item.comment : body.comment;
      const exceptionReason =
        body.result !== 'fail'
          ? null
          : body.exceptionReason === undefined
            ? item.exceptionReason
            : body.exceptionReason;
      if (body.exceptionReason != null && body.result !== 'fail') {
        throw new AppError('validation_failed', 'Only a failed item can be accepted as an exception.', [
          { path: 'body.exceptionReason', message: 'Set the result to fail, or leave the reason out.' },
        ]);
      }
      if (body.result === 'pass-with-remark' && (comment ?? '').trim() === '') {
        throw new AppError(
          'validation_failed',
          'A pass with a remark needs the remark: write the minor defect the customer accepts.',
          [
            {
              path: 'body.comment',
              message: 'Write the remark, such as “the caller’s name shows without its accents”.',
            },
          ],
        );
      }
      const now = context.now();
      await db
        .insert(uatItemResults)
        .values({
          projectId,
          applicationKey,
          itemKey,
          result: body.result,
          comment,
          exceptionReason,
          updatedAt: now,
          updatedBy: actor.userId,
        })
        .onConflictDoUpdate({
          target: [uatItemResults.projectId, uatItemResults.applicationKey, uatItemResults.itemKey],
          set: { result: body.result, comment, exceptionReason, updatedAt: now, updatedBy: actor.userId },
        });
      const superseded = await supersedeAwaitingDocument(
        db,
        projectId,
        'uat',
        'A UAT result changed after this version was prepared.',
        now,
      );
      await recordAuditEvent(db, actor, {
        action: 'uat.result-recorded',
        projectId,
        subjectType: 'uat-item',
        subjectId: `${applicationKey}/${itemKey}`,
        before: { result: item.result, comment: item.comment, exceptionReason: item.exceptionReason },
        after: { result: body.result, comment, exceptionReason, supersededDocuments: superseded },
      });
    },
  );
}

/**
 * P5: attaches a file as the evidence of one item's result (checked by its content like every upload), in place of
 * the one it had; the signed document names it. Refused once the UAT is signed. Throws not_found, conflict,
 * validation_failed, payload_too_large or file_type_refused.
 */
export async function attachUatEvidence(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  applicationKey: string,
  itemKey: string,
  name: string,
  content: Buffer,
): Promise<FileView> {
  const participant: Participant = { kind: 'staff', actor };
  return changeDelivery(
    context,
    participant,
    projectId,
    'UAT evidence attached',
    async (db, _project, _library, state) => {
      const item = findUatItem(state, applicationKey, itemKey);
      const file = await storeFile(context, db, participant, {
        projectId,
        purpose: 'uat-evidence',
        applicationKey,
        name,
        content,
      });
      if (item.evidence !== null)
        await removeFileRecord(context, db, participant, await findFileInfo(db, projectId, item.evidence.id));
      const now = context.now();
      await db
        .insert(uatItemResults)
        .values({
          projectId,
          applicationKey,
          itemKey,
          evidenceFileId: file.id,
          updatedAt: now,
          updatedBy: actor.userId,
        })
        .onConflictDoUpdate({
          target: [uatItemResults.projectId, uatItemResults.applicationKey, uatItemResults.itemKey],
          set: { evidenceFileId: file.id, updatedAt: now, updatedBy: actor.userId },
        });
      const superseded = await supersedeAwaitingDocument(
        db,
        projectId,
        'uat',
        'A UAT result’s evidence changed after this version was prepared.',
        now,
      );
      await recordAuditEvent(db, actor, {
        action: 'uat.evidence-attached',
        projectId,
        subjectType: 'uat-item',
        subjectId: `${applicationKey}/${itemKey}`,
        before: { evidence: item.evidence?.id ?? null },
        after: { evidence: file.id, name: file.name, supersededDocuments: superseded },
      });
      return file;
    },
  );
}

/** P5: takes the evidence off an item's result (the file is kept for the record). Refused once the UAT is signed. */
export async function removeUatEvidence(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  applicationKey: string,
  itemKey: string,
): Promise<void> {
  const participant: Participant = { kind: 'staff', actor };
  await changeDelivery(
    context,
    participant,
    projectId,
    'UAT evidence removed',
    async (db, _project, _library, state) => {
      const item = findUatItem(state, applicationKey, itemKey);
      if (item.evidence === null) throw new AppError('not_found', 'This UAT item has no evidence attached.');
      await removeFileRecord(context, db, participant, await findFileInfo(db, projectId, item.evidence.id));
      const now = context.now();
      await db
        .update(uatItemResults)
        .set({ evidenceFileId: null, updatedAt: now, updatedBy: actor.userId })
        .where(
          and(
            eq(uatItemResults.projectId, projectId),
            eq(uatItemResults.applicationKey, applicationKey),
            eq(uatItemResults.itemKey, itemKey),
          ),
        );
      const superseded = await supersedeAwaitingDocument(
        db,
        projectId,
        'uat',
        'A UAT result’s evidence changed after this version was prepared.',
        now,
      );
      await recordAuditEvent(db, actor, {
        action: 'uat.evidence-removed',
        projectId,
        subjectType: 'uat-item',
        subjectId: `${applicationKey}/${itemKey}`,
        before: { evidence: item.evidence.id, name: item.evidence.name },
        after: { supersededDocuments: superseded },
      });
    },
  );
}

/** P6: records a training given. */
export async function addTraining(context: ServiceContext, actor: StaffActor, projectId: string, body: TrainingBody) {
  await changeDelivery(context, { kind: 'staff', actor }, projectId, 'training recorded', async (db) => {
    const now = context.now();
    const [row] = await db
      .insert(trainingRecords)
      .values({
        projectId,
        kind: body.kind,
        trainingDate: body.date,
        durationMinutes: body.durationMinutes,
        attendees: body.attendees,
        topics: body.topics,
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning({ id: trainingRecords.id });
    const superseded = await supersedeAwaitingDocument(
      db,
      projectId,
      'activity-report',
      'A training was recorded after this version was prepared.',
      now,
    );
    await recordAuditEvent(db, actor, {
      action: 'training.recorded',
      projectId,
      subjectType: 'training',
      ...(row === undefined ? {} : { subjectId: row.id }),
      after: { ...body, supersededDocuments: superseded },
    });
  });
}

export async function removeTraining(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  trainingId: string,
) {
  await changeDelivery(context, { kind: 'staff', actor }, projectId, 'training removed', async (db) => {
    const now = context.now();
    const [removed] = await db
      .update(trainingRecords)
      .set({ removedAt: now, removedBy: actor.userId })
      .where(
        and(
          eq(trainingRecords.id, trainingId),
          eq(trainingRecords.projectId, projectId),
          isNull(trainingRecords.removedAt),
        ),
      )
      .returning();
    if (removed === undefined) throw new AppError('not_found', 'No such training record in this project.');
    await supersedeAwaitingDocument(
      db,
      projectId,
      'activity-report',
      'A training was removed after this version was prepared.',
      now,
    );
    await recordAuditEvent(db, actor, {
      action: 'training.removed',
      projectId,
      subjectType: 'training',
      subjectId: trainingId,
      before: { ...removed },
    });
  });
}

/** P7: the report's notes (for the customer) and the internal maintenance notes (staff only). */
export async function saveNotes(context: ServiceContext, actor: StaffActor, projectId: string, body: NotesBody) {
  await changeDelivery(
    context,
    { kind: 'staff', actor },
    projectId,
    'notes saved',
    async (db, _project, _library, state) => {
      if (
        body.reportNotes !== undefined &&
        body.reportNotes !== state.notes.reportNotes &&
        liveDocument(state, 'activity-report')?.document.state === 'signed'
      ) {
        throw new AppError(
          'conflict',
          'The activity report is signed: its notes no longer change. The internal maintenance notes still can.',
        );
      }
      const now = context.now();
      const set = {
        ...(body.reportNotes === undefined ? {} : { reportNotes: body.reportNotes }),
        ...(body.maintenanceNotes === undefined ? {} : { maintenanceNotes: body.maintenanceNotes }),
        updatedAt: now,
        updatedBy: actor.userId,
      };
      await db
        .insert(deliveryNotes)
        .values({ projectId, ...set })
        .onConflictDoUpdate({ target: deliveryNotes.projectId, set });
      const reportChanged = body.reportNotes !== undefined && body.reportNotes !== state.notes.reportNotes;
      if (reportChanged)
        await supersedeAwaitingDocument(
          db,
          projectId,
          'activity-report',
          'The report’s notes changed after this version was prepared.',
          now,
        );
      // The audit keeps lengths, not the text: the trail is read more widely than the notes.
      await recordAuditEvent(db, actor, {
        action: 'delivery.notes-saved',
        projectId,
        subjectType: 'delivery-notes',
        subjectId: projectId,
        after: {
          ...(body.reportNotes === undefined ? {} : { reportNotesLength: body.reportNotes.length }),
          ...(body.maintenanceNotes === undefined ? {} : { maintenanceNotesLength: body.maintenanceNotes.length }),
        },
      });
    },
  );
}
