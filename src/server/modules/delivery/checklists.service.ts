/** P1 and P3: ticking the environment checklist and the PBX tasks, and the engineer's verification of each tick. */
import type { ServiceContext } from '../../context';
import type { StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { actorOf, authorOf, refuseTo, sayTo, type Participant } from '../projects/participant';
import { changeDelivery } from './change-delivery';
import type { ChecklistItemState, ChecklistKind, DeliveryState } from './delivery-state';
import type { TickBody, VerifyBody } from './delivery.schemas';
import { updateChecklistTick, upsertChecklistTick } from './delivery.repository';

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
      await upsertChecklistTick(
        db,
        { projectId, checklist, applicationKey: body.applicationKey ?? '', itemKey: body.itemKey },
        ticked,
      );
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
        throw refuseTo(participant)('conflict', 'delivery.not_ticked_yet');
      }
      await updateChecklistTick(
        db,
        { projectId, checklist, applicationKey: body.applicationKey ?? '', itemKey: body.itemKey },
        {
          verifiedAt: body.verified ? context.now() : null,
          verifiedBy: body.verified ? actor.userId : null,
          updatedAt: context.now(),
        },
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
