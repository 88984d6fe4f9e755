import { z } from 'zod';
import { translatorFor } from '../../../domain/text/i18n';
import { languages } from '../../../domain/text/languages';
import { questionnaireSchema } from '../../../domain/content/content.schemas';
import { skipConditions } from '../../../domain/process';
import { localizedTextSchema } from '../../http/common.schemas';
import { fileSchema } from '../files/files.schemas';

const en = translatorFor('en', 'errors');

const party = z.enum(['vendor', 'customer', 'partner']);
const date = z.date();

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

export const projectKeyParams = z.object({
  id: z.uuid({ error: en('common.invalid_id') }),
  applicationKey: z.string().regex(/^[a-z][a-z0-9-]{0,80}$/, en('portal.not_a_questionnaire')),
});
export const projectFileParams = z.object({
  id: z.uuid({ error: en('common.invalid_id') }),
  fileId: z.uuid({ error: en('common.invalid_file_id') }),
});
export const projectKeyFileParams = projectKeyParams.extend({
  fileId: z.uuid({ error: en('common.invalid_file_id') }),
});
// Staff: portal links.
export const portalLinkSchema = z
  .object({
    id: z.uuid(),
    contact: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
    reason: z.enum(['contact-email', 'issued', 'resend', 'reminder', 'turn']),
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
  id: z.uuid({ error: en('common.invalid_id') }),
  linkId: z.uuid({ error: en('portal.invalid_link_id') }),
});
export const sendLinkBody = z.object({ contactId: z.uuid({ error: en('portal.choose_contact') }) });
