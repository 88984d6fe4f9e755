import { z } from 'zod';
import { languages } from '../../../domain/text/languages';
import { questionnaireSchema, requirementCategories, requirementOwners } from '../../../domain/content/content.schemas';
import { skipConditions } from '../../../domain/process';
import { localizedTextInput, localizedTextSchema, readableText } from '../../http/common.schemas';

const party = z.enum(['vendor', 'customer', 'partner']);
const date = z.date();

export const fileSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    uploadedBy: z.object({ kind: z.enum(['staff', 'contact']), name: z.string() }),
    createdAt: date,
  })
  .meta({ id: 'StoredFile' });

export const answerSchema = z
  .object({
    value: z.unknown(),
    by: z.object({ kind: z.enum(['staff', 'contact']), name: z.string() }),
    at: z.string(),
    withEngineer: z.boolean(),
  })
  .meta({ id: 'Answer' });

export const questionnaireSummarySchema = z
  .object({
    /** The application's key, or `project` for the project questionnaire. */
    applicationKey: z.string(),
    /** The project questionnaire (asked once per project, listed first) or an application's. */
    kind: z.enum(['project', 'application']),
    applicationName: localizedTextSchema,
    title: localizedTextSchema,
    status: z.enum(['open', 'submitted']),
    dueAt: date,
    isOverdue: z.boolean(),
    submittedAt: date.nullable(),
    submittedBy: z.string().nullable(),
    answeredCount: z.number().int(),
    fieldCount: z.number().int(),
    missingCount: z.number().int(),
    updatedAt: date,
  })
  .meta({ id: 'QuestionnaireSummary' });

export const questionnaireDetailSchema = questionnaireSummarySchema
  .extend({
    questionnaire: questionnaireSchema,
    answers: z.record(z.string(), answerSchema),
    projectAnswers: z.record(z.string(), z.unknown()).meta({
      description:
        'The project’s answers and facts (`project.<key>`) the form’s conditions read; a key is absent while its question waits for an answer, and the question that depends on it is shown',
    }),
    attachments: z.array(fileSchema),
  })
  .meta({ id: 'QuestionnaireDetail' });

export const savedAnswersSchema = questionnaireSummarySchema
  .extend({ answers: z.record(z.string(), answerSchema) })
  .meta({ id: 'SavedAnswers' });

export const saveAnswersBody = z.object({
  answers: z.record(z.string().max(100), z.unknown()),
});

const requirementCategory = z.enum(requirementCategories);
const requirementOwner = z.enum(requirementOwners);

export const requirementSchema = z
  .object({
    id: z.uuid(),
    applicationKey: z.string().nullable(),
    ruleKey: z.string().nullable(),
    category: requirementCategory,
    title: localizedTextSchema,
    description: localizedTextSchema,
    owner: requirementOwner,
    reason: localizedTextSchema.nullable(),
    leadTimeDays: z.number().int().nullable(),
    status: z.enum(['open', 'fulfilled', 'sent-back', 'verified', 'waived']),
    fulfilmentNote: z.string().nullable(),
    fulfilledBy: z.string().nullable(),
    fulfilledAt: date.nullable(),
    reviewComment: z.string().nullable(),
    reviewedBy: z.string().nullable(),
    reviewedAt: date.nullable(),
    waiveReason: z.string().nullable(),
    evidence: z.array(fileSchema),
    createdBy: z.string().nullable(),
    createdAt: date,
  })
  .meta({ id: 'Requirement' });

export const contactRequirementsSchema = z
  .object({ isConfirmed: z.boolean(), requirements: z.array(requirementSchema) })
  .meta({ id: 'ContactRequirements' });

const plainStep = z.object({
  key: z.string(),
  title: localizedTextSchema,
  // 'skipped': the vendor passed over the step (a waiver, a skip); 'not-needed': a condition of the order made it unnecessary.
  state: z.enum(['done', 'now', 'skipped', 'not-needed', 'later']),
  notNeededBecause: z.enum(skipConditions).optional(),
});

export const plainTimelineSchema = z
  .object({
    steps: z.array(plainStep),
    now: z
      .object({
        key: z.string(),
        title: localizedTextSchema,
        waitingFor: localizedTextSchema,
        isWaitingOnYou: z.boolean(),
        waitingOn: z.array(party),
      })
      .nullable(),
    next: z.object({ key: z.string(), title: localizedTextSchema }).nullable(),
    isComplete: z.boolean(),
  })
  .meta({ id: 'PlainTimeline' });

export const portalHomeSchema = z
  .object({
    contact: z.object({
      name: z.string(),
      email: z.string(),
      language: z.enum(languages),
      organisation: z.string(),
      organisationKind: z.enum(['customer', 'partner']),
    }),
    vendor: z.object({ name: z.string() }),
    projects: z.array(
      z.object({
        id: z.uuid(),
        reference: z.string(),
        name: z.string(),
        customer: z.string(),
        now: z.object({ title: localizedTextSchema, isWaitingOnYou: z.boolean() }).nullable(),
        isComplete: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'PortalHome' });

export const portalProjectSchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    name: z.string(),
    customer: z.string(),
    partner: z.string().nullable(),
    applications: z.array(z.object({ key: z.string(), name: localizedTextSchema })),
    engineer: z.object({ name: z.string(), email: z.string(), phone: z.string().nullable() }).nullable(),
    timeline: plainTimelineSchema,
    questionnaires: z.array(questionnaireSummarySchema),
    requirements: z.object({
      isConfirmed: z.boolean(),
      total: z.number().int(),
      open: z.number().int(),
      sentBack: z.number().int(),
      fulfilled: z.number().int(),
      verified: z.number().int(),
      waived: z.number().int(),
    }),
  })
  .meta({ id: 'PortalProject' });

export const fulfilBody = z.object({ note: z.string().trim().max(5000).optional() });

export const uploadQuery = z.object({ name: readableText().trim().min(1, 'Give the file’s name (?name=…).').max(255) });

export const projectKeyParams = z.object({
  id: z.uuid({ error: 'Not a valid id.' }),
  applicationKey: z.string().regex(/^[a-z][a-z0-9-]{0,80}$/, 'Not a questionnaire of this project.'),
});
export const projectFileParams = z.object({
  id: z.uuid({ error: 'Not a valid id.' }),
  fileId: z.uuid({ error: 'Not a valid file id.' }),
});
export const projectKeyFileParams = projectKeyParams.extend({ fileId: z.uuid({ error: 'Not a valid file id.' }) });
export const requirementParams = z.object({
  id: z.uuid({ error: 'Not a valid id.' }),
  requirementId: z.uuid({ error: 'Not a valid requirement id.' }),
});
export const requirementFileParams = requirementParams.extend({ fileId: z.uuid({ error: 'Not a valid file id.' }) });

// Staff: the requirement list, design notes, the review.
export const designNoteSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['constraint', 'limitation', 'further-requirement']),
    text: z.string(),
    notedOn: z.string(),
    meeting: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: date,
  })
  .meta({ id: 'DesignNote' });

export const staffRequirementsSchema = z
  .object({
    isDesignReviewed: z.boolean(),
    designReviewedAt: date.nullable(),
    hasNoConstraints: z.boolean(),
    isConfirmed: z.boolean(),
    confirmedAt: date.nullable(),
    confirmBlockers: z.array(z.string()),
    requirements: z.array(requirementSchema),
    notes: z.array(designNoteSchema),
    pendingChanges: z.object({
      adds: z.array(
        z.object({
          applicationKey: z.string(),
          ruleKey: z.string(),
          category: requirementCategory,
          title: localizedTextSchema,
          description: localizedTextSchema,
          owner: requirementOwner,
          reason: localizedTextSchema,
          leadTimeDays: z.number().int().nullable(),
        }),
      ),
      removes: z.array(
        z.object({
          id: z.uuid(),
          title: localizedTextSchema,
          category: requirementCategory,
          applicationKey: z.string().nullable(),
        }),
      ),
    }),
  })
  .meta({ id: 'StaffRequirements' });

const text = (max: number, message: string) => z.string().trim().min(1, message).max(max);

export const requirementBody = z.object({
  category: requirementCategory,
  title: localizedTextInput(300, 'the title'),
  description: localizedTextInput(5000, 'what is needed'),
  owner: requirementOwner,
  leadTimeDays: z.number().int().positive().max(365).nullable().optional(),
  applicationKey: z.string().max(100).nullable().optional(),
});
export const requirementPatchBody = requirementBody.partial();
export const removeRequirementBody = z.object({ reason: z.string().trim().max(2000).optional() });
export const applyChangesBody = z.object({
  adds: z.array(z.string().max(200)).max(500),
  removes: z.array(z.uuid()).max(500),
});
export const confirmBody = z.object({ noConstraints: z.boolean().default(false) });
export const designNoteBody = z.object({
  kind: z.enum(['constraint', 'limitation', 'further-requirement']),
  text: text(5000, 'Write the note.'),
  notedOn: z.iso.date({ error: 'Give the date as YYYY-MM-DD.' }),
  meeting: z.string().trim().max(300).nullable().optional(),
});
export const noteParams = z.object({
  id: z.uuid({ error: 'Not a valid id.' }),
  noteId: z.uuid({ error: 'Not a valid note id.' }),
});
export const commentBody = z.object({ comment: text(2000, 'Say what is still missing.') });
export const reasonBody = z.object({ reason: text(2000, 'Give the reason for the waiver.') });

// Staff: portal links.
export const portalLinkSchema = z
  .object({
    id: z.uuid(),
    contact: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
    reason: z.enum(['contact-email', 'issued', 'resend', 'reminder']),
    target: z.string(),
    createdAt: date,
    createdBy: z.string().nullable(),
    expiresAt: date,
    usedAt: date.nullable(),
    revokedAt: date.nullable(),
    state: z.enum(['valid', 'used', 'expired', 'revoked', 'unknown']),
    activeSessions: z.number().int(),
  })
  .meta({ id: 'PortalLink' });
export const linkParams = z.object({
  id: z.uuid({ error: 'Not a valid id.' }),
  linkId: z.uuid({ error: 'Not a valid link id.' }),
});
export const sendLinkBody = z.object({ contactId: z.uuid({ error: 'Choose a contact.' }) });
