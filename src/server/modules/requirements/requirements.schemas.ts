import { z } from 'zod';
import { translatorFor } from '../../../domain/text/i18n';
import { requirementCategories, requirementOwners } from '../../../domain/content/content.schemas';
import { localizedTextInput, localizedTextSchema } from '../../http/common.schemas';
import { fileSchema } from '../files/files.schemas';

const en = translatorFor('en', 'errors');

/** The requirements' API schemas: the list staff and contacts see, design notes, the review, and their requests. */

const date = z.date();

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

export const requirementParams = z.object({
  id: z.uuid({ error: en('common.invalid_id') }),
  requirementId: z.uuid({ error: en('requirements.invalid_requirement_id') }),
});
export const requirementFileParams = requirementParams.extend({
  fileId: z.uuid({ error: en('common.invalid_file_id') }),
});

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
  title: localizedTextInput(300, en('requirements.the_title')),
  description: localizedTextInput(5000, en('requirements.what_is_needed')),
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
  text: text(5000, en('requirements.write_note')),
  notedOn: z.iso.date({ error: en('requirements.date_format') }),
  meeting: z.string().trim().max(300).nullable().optional(),
});
export const noteParams = z.object({
  id: z.uuid({ error: en('common.invalid_id') }),
  noteId: z.uuid({ error: en('requirements.invalid_note_id') }),
});
export const commentBody = z.object({ comment: text(2000, en('requirements.say_what_is_missing')) });
export const reasonBody = z.object({ reason: text(2000, en('requirements.give_waiver_reason')) });
