/** P6 and P7: the trainings given, and the report's and the internal maintenance notes. */
import type { ServiceContext } from '../../context';
import { refuse } from '../../errors';
import type { StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { changeDelivery } from './change-delivery';
import { liveDocument, supersedeAwaitingDocument } from './delivery-state';
import type { NotesBody, TrainingBody } from './delivery.schemas';
import { insertTraining, markTrainingRemoved, upsertDeliveryNotes } from './delivery.repository';

/** P6: records a training given. */
export async function addTraining(context: ServiceContext, actor: StaffActor, projectId: string, body: TrainingBody) {
  await changeDelivery(context, { kind: 'staff', actor }, projectId, 'training recorded', async (db) => {
    const now = context.now();
    const row = await insertTraining(db, {
      projectId,
      kind: body.kind,
      trainingDate: body.date,
      durationMinutes: body.durationMinutes,
      attendees: body.attendees,
      topics: body.topics,
      createdBy: actor.userId,
      createdAt: now,
    });
    const superseded = await supersedeAwaitingDocument(db, projectId, 'activity-report', 'training_recorded', now);
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
    const removed = await markTrainingRemoved(db, projectId, trainingId, now, actor.userId);
    if (removed === undefined) throw refuse('not_found', 'delivery.no_such_training');
    await supersedeAwaitingDocument(db, projectId, 'activity-report', 'training_removed', now);
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
        throw refuse('conflict', 'delivery.report_notes_signed');
      }
      const now = context.now();
      const set = {
        ...(body.reportNotes === undefined ? {} : { reportNotes: body.reportNotes }),
        ...(body.maintenanceNotes === undefined ? {} : { maintenanceNotes: body.maintenanceNotes }),
        updatedAt: now,
        updatedBy: actor.userId,
      };
      await upsertDeliveryNotes(db, projectId, set);
      const reportChanged = body.reportNotes !== undefined && body.reportNotes !== state.notes.reportNotes;
      if (reportChanged) await supersedeAwaitingDocument(db, projectId, 'activity-report', 'report_notes_changed', now);
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
