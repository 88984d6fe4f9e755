import { z } from 'zod';
import { translatorFor } from '../../../domain/text/i18n';
import { languages } from '../../../domain/text/languages';
import { deployments } from '../../db/schema';
import { localizedTextSchema, readableText } from '../../http/common.schemas';
import { fileSchema } from '../files/files.schemas';

/** The words for a value that does not fit, from the errors resources: in English, as a schema is built before any reader is known. */
const say = translatorFor('en', 'errors');

const id = z.uuid({ error: say('delivery.input.id') });
const key = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9][a-z0-9-]*$/, say('delivery.input.key'));

export const checklistParams = z.object({
  id,
  checklist: z.enum(['environment', 'pbx'], { error: say('delivery.input.checklist') }),
});
export const applicationParams = z.object({ id, applicationKey: key });
export const uatItemParams = z.object({ id, applicationKey: key, itemKey: key });

export const documentParams = z.object({ id, documentId: id });
export const trainingParams = z.object({ id, trainingId: id });
export const handoverFileParams = z.object({
  id,
  format: z.enum(['pdf', 'json'], { error: say('delivery.input.format') }),
});

const itemRef = {
  /** The application a P3 task belongs to; absent for the environment checklist. */
  applicationKey: key.optional(),
  itemKey: key,
};

export const tickBody = z.object({
  ...itemRef,
  ticked: z.boolean({ error: say('delivery.input.ticked') }),
  note: z.string().trim().max(2000, say('delivery.input.at_most_2000_characters')).optional(),
});
export type TickBody = z.infer<typeof tickBody>;

export const verifyBody = z.object({
  ...itemRef,
  verified: z.boolean({ error: say('delivery.input.verified') }),
});
export type VerifyBody = z.infer<typeof verifyBody>;

const configurationValue = z.union([
  z.string().trim().max(2000, say('delivery.input.at_most_2000_characters')),
  z.number(),
  z.boolean(),
  z.null(),
]);
export const configurationBody = z.object({
  /** Field key → value; null clears the field. Only the fields sent change. */
  values: z
    .record(key, configurationValue)
    .refine((values) => Object.keys(values).length <= 100, say('delivery.input.at_most_100_fields')),
});
export type ConfigurationBody = z.infer<typeof configurationBody>;

export const installationBody = z.object({
  installedVersion: z.string().trim().min(1, say('delivery.input.installed_version')).max(80).nullable(),
});
export const configuredBody = z.object({
  configured: z.boolean({ error: say('delivery.input.configured') }),
});

export const uatResultBody = z.object({
  result: z
    .enum(['pass', 'pass-with-remark', 'fail', 'not-applicable'], {
      error: say('delivery.input.uat_result'),
    })
    .nullable(),
  /** A comment on the result; for pass-with-remark the remark itself (the minor defect), which is then required. */
  comment: z.string().trim().max(2000, say('delivery.input.at_most_2000_characters')).nullable().optional(),
  /** A failed item accepted as an exception, with the reason the document will list; null takes the acceptance back. */
  exceptionReason: z
    .string()
    .trim()
    .min(1, say('delivery.input.exception_reason'))
    .max(2000, say('delivery.input.at_most_2000_characters'))
    .nullable()
    .optional(),
});
export type UatResultBody = z.infer<typeof uatResultBody>;

export const prepareDocumentBody = z.object({
  kind: z.enum(['uat', 'activity-report'], { error: say('delivery.input.document_kind') }),
  language: z
    .enum(languages, { error: say('delivery.input.language', { languages: languages.join(', ') }) })
    .optional(),
  /** Contacts of the customer or partner asked to sign: each gets an email with a personal link. */
  signerContactIds: z.array(id).min(1, say('delivery.input.signers')).max(10),
});
export type PrepareDocumentBody = z.infer<typeof prepareDocumentBody>;

export const trainingBody = z.object({
  kind: z.enum(['admin', 'end-user', 'on-the-job'], { error: say('delivery.input.training_kind') }),
  date: z.iso.date({ error: say('delivery.input.training_day') }),
  durationMinutes: z
    .number({ error: say('delivery.input.duration') })
    .int(say('delivery.input.whole_minutes'))
    .min(5, say('delivery.input.at_least_5_minutes'))
    .max(24 * 60, say('delivery.input.at_most_one_day')),
  attendees: z.array(readableText().trim().min(1).max(200)).min(1, say('delivery.input.training_attendees')).max(200),
  topics: z.string().trim().min(1, say('delivery.input.training_topics')).max(4000),
});
export type TrainingBody = z.infer<typeof trainingBody>;

export const notesBody = z
  .object({
    reportNotes: z.string().max(20_000, say('delivery.input.at_most_20000_characters')).optional(),
    maintenanceNotes: z.string().max(50_000, say('delivery.input.at_most_50000_characters')).optional(),
  })
  .refine(
    (body) => body.reportNotes !== undefined || body.maintenanceNotes !== undefined,
    say('delivery.input.some_notes'),
  );
export type NotesBody = z.infer<typeof notesBody>;

export const signBody = z.object({
  /** The SHA-256 of the PDF the signer was shown: a newer version in between refuses the signature. */
  documentSha256: z.string().regex(/^[0-9a-f]{64}$/, say('delivery.input.sha256')),
  fullName: readableText().trim().min(3, say('delivery.input.full_name')).max(200),
  consent: z.literal(true, { error: say('delivery.input.consent') }),
  signature: z.discriminatedUnion(
    'kind',
    [
      z.object({
        kind: z.literal('typed'),
        text: z.string().trim().min(2, say('delivery.input.typed_signature')).max(200),
      }),
      z.object({
        kind: z.literal('drawn'),
        /** A PNG as a data URL, as a canvas gives it. */
        image: z
          .string()
          .max(400_000, say('delivery.input.drawing_too_large'))
          .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, say('delivery.input.drawing_png')),
      }),
    ],
    { error: say('delivery.input.signature') },
  ),
});
export type SignBody = z.infer<typeof signBody>;

/** The scan of a version signed outside Engage is the raw request body; what it is and who signed it, in the query. */
export const outsideSignatureQuery = z.object({
  /** The scanned file's name on the uploader's computer: shown in the audit trail only. */
  name: z.string().trim().min(1, say('delivery.input.file_name')).max(255),
  signerName: readableText()
    .trim()
    .min(1, say('delivery.input.signer_name'))
    .max(200, say('delivery.input.at_most_200_characters')),
  signedOn: z.iso.date({ error: say('delivery.input.signed_on') }),
});
export type OutsideSignatureQuery = z.infer<typeof outsideSignatureQuery>;

export const closeWithoutSignedReportBody = z.object({
  reason: z
    .string({ error: say('delivery.input.unsigned_reason') })
    .trim()
    .min(1, say('delivery.input.unsigned_reason_kept'))
    .max(2000, say('delivery.input.at_most_2000_characters')),
});

export const dossierSearchQuery = z.object({
  q: z.string().trim().min(2, say('delivery.input.search_text')).max(200),
});

const author = z.object({ kind: z.enum(['staff', 'contact']), id: z.string(), name: z.string() });

const checklistItemSchema = z.object({
  applicationKey: z.string().nullable(),
  key: z.string(),
  title: localizedTextSchema,
  help: localizedTextSchema.nullable(),
  tickedAt: z.date().nullable(),
  tickedBy: author.nullable(),
  note: z.string().nullable(),
  verifiedAt: z.date().nullable(),
  verifiedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});

const signatureSchema = z.object({
  signerName: z.string(),
  signerEmail: z.string(),
  signerOrganisation: z.string(),
  signedAt: z.date(),
  documentSha256: z.string(),
  sealedSha256: z.string(),
});

const outsideSignatureSchema = z
  .object({
    signerName: z.string(),
    signedOn: z.string().meta({ description: 'The day the signer signed, YYYY-MM-DD, as the engineer recorded it' }),
    sha256: z.string().meta({ description: 'SHA-256 of the scan as uploaded (not sealed by Engage)' }),
    recordedAt: z.date(),
    recordedBy: z.object({ name: z.string() }),
  })
  .meta({
    description:
      'The version was signed outside Engage (on paper or in another tool); its signed copy is the uploaded scan',
  });

const documentSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['uat', 'activity-report']),
  version: z.number().int(),
  state: z.enum(['awaiting-signature', 'signed', 'superseded']),
  sha256: z.string(),
  createdAt: z.date(),
  supersededReason: z.string().nullable(),
  /** The reason's key in the errors resources (`delivery.superseded.*`), for the reader's language; null for a reason of
   * a version superseded before the keys. */
  supersededReasonKey: z.string().nullable(),
  supersededReasonValues: z.record(z.string(), z.string()),
  /** Signed electronically in the portal (and sealed); null when unsigned or signed outside Engage. */
  signature: signatureSchema.nullable(),
  outsideSignature: outsideSignatureSchema.nullable(),
});

const uatItemSchema = z.object({
  applicationKey: z.string(),
  key: z.string(),
  title: localizedTextSchema,
  expectedResult: localizedTextSchema,
  result: z.enum(['pass', 'pass-with-remark', 'fail', 'not-applicable']).nullable(),
  /** For pass-with-remark: the remark, printed in the signed document. */
  comment: z.string().nullable(),
  exceptionReason: z.string().nullable(),
  /** The file attached as evidence (a screenshot, a call or recording id), downloaded from the project's files. */
  evidence: fileSchema.nullable(),
});

const trainingSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['admin', 'end-user', 'on-the-job']),
  date: z.string(),
  durationMinutes: z.number().int(),
  attendees: z.array(z.string()),
  topics: z.string(),
});

const applicationNameSchema = z.object({ key: z.string(), name: localizedTextSchema });

/** Contacts see that an item was verified and when, not by whom. */
const portalChecklistItemSchema = checklistItemSchema.omit({ verifiedBy: true });

/** What a customer or partner contact sees of the delivery: never the internal notes. */
export const portalDeliverySchema = z
  .object({
    deployment: z.enum(deployments),
    applications: z.array(applicationNameSchema),
    environment: z.array(portalChecklistItemSchema),
    pbx: z.array(portalChecklistItemSchema),
    /** The user acceptance tests as recorded: what the customer signs, with each remark and evidence file. */
    uat: z.array(uatItemSchema),
    documents: z.array(documentSchema),
  })
  .meta({ id: 'PortalDelivery' });

export const deliverySchema = z
  .object({
    deployment: z.enum(deployments),
    applications: z.array(applicationNameSchema),
    environment: z.array(checklistItemSchema),
    pbx: z.array(checklistItemSchema),
    configurations: z.array(
      z.object({
        applicationKey: z.string(),
        fields: z.array(
          z.object({
            key: z.string(),
            type: z.enum(['text', 'number', 'yes-no', 'date', 'choice']),
            label: localizedTextSchema,
            options: z.array(z.object({ value: z.string(), label: localizedTextSchema })).nullable(),
          }),
        ),
        values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
        installedVersion: z.string().nullable(),
        installedAt: z.date().nullable(),
        configuredAt: z.date().nullable(),
      }),
    ),
    uat: z.object({
      items: z.array(uatItemSchema),
      summary: z.object({
        pass: z.number().int(),
        passWithRemark: z.number().int(),
        fail: z.number().int(),
        notApplicable: z.number().int(),
        notRun: z.number().int(),
        exceptions: z.number().int(),
        failedOpen: z.number().int(),
      }),
      isLocked: z.boolean().meta({ description: 'true once the UAT document is signed: results no longer change' }),
    }),
    training: z.object({
      purchased: z.boolean(),
      boughtKinds: z
        .array(z.enum(['admin', 'end-user']))
        .meta({ description: 'The kinds of training the purchase order bought; P6 needs a record of each' }),
      missingKinds: z
        .array(z.enum(['admin', 'end-user']))
        .meta({ description: 'Kinds bought with no record yet (on-the-job training never counts for one)' }),
      records: z.array(trainingSchema),
    }),
    notes: z.object({ reportNotes: z.string(), maintenanceNotes: z.string() }),
    documents: z.array(documentSchema),
    handover: z
      .object({
        createdAt: z.date(),
        unsignedReport: z.object({ reason: z.string(), decidedBy: z.string(), decidedAt: z.string() }).nullable().meta({
          description: 'Set when the project was closed with its activity report unsigned: why, and who decided',
        }),
      })
      .nullable(),
  })
  .meta({ id: 'Delivery' });

export const dossierSearchSchema = z
  .object({
    items: z.array(
      z.object({
        projectId: z.uuid(),
        reference: z.string(),
        name: z.string(),
        customerName: z.string(),
        closedAt: z.date(),
        excerpt: z.string(),
      }),
    ),
  })
  .meta({ id: 'DossierSearch' });

export const verificationSchema = z
  .object({
    outcome: z.enum(['sealed-unchanged', 'sealed-changed', 'signed-outside-engage', 'unknown']),
    sha256: z.string(),
    message: z.string(),
    document: z
      .object({
        title: z.string(),
        version: z.number().int(),
        projectReference: z.string(),
        projectName: z.string(),
        customerName: z.string(),
        signerName: z.string(),
        signerOrganisation: z.string(),
        signedAt: z.date(),
        sealedSha256: z.string(),
      })
      .nullable(),
    /** The file is the scan recorded as a version's copy signed outside Engage (not sealed by Engage). */
    outsideSignature: z
      .object({
        title: z.string(),
        version: z.number().int(),
        projectReference: z.string(),
        projectName: z.string(),
        customerName: z.string(),
        signerName: z.string(),
        signedOn: z.string(),
        recordedAt: z.date(),
      })
      .nullable(),
  })
  .meta({ id: 'SealVerification' });
