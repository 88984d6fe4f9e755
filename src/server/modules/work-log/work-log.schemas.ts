import { z } from 'zod';
import { translatorFor } from '../../../domain/text/i18n';
import { localizedTextSchema } from '../../http/common.schemas';

const en = translatorFor('en', 'errors');

const id = z.uuid({ error: en('common.invalid_id') });

export const workLogEntryParams = z.object({ id, entryId: id });

export const newWorkLogEntryBody = z.object({
  stepKey: z.string().trim().min(1).max(80),
  performer: z.discriminatedUnion(
    'kind',
    [z.object({ kind: z.literal('staff'), userId: id }), z.object({ kind: z.literal('contact'), contactId: id })],
    { error: en('workLog.say_who') },
  ),
  workDate: z.iso.date({ error: en('workLog.day_format') }),
  durationMinutes: z
    .number({ error: en('workLog.duration_minutes') })
    .int(en('workLog.whole_minutes'))
    .min(5, en('workLog.at_least_minutes', { minimum: 5 }))
    .max(24 * 60, en('workLog.at_most_a_day')),
  description: z.string().trim().min(1, en('workLog.say_what')).max(4000),
  /** The purchase order line the work is charged to; by default the first line whose service includes the step. */
  lineIndex: z.number().int().min(0).optional(),
});
export type NewWorkLogEntryBody = z.infer<typeof newWorkLogEntryBody>;

const effortLevel = z
  .enum(['ok', 'warning', 'exceeded'])
  .meta({ description: 'ok below 80%, warning from 80%, exceeded from 100% of what was purchased' });

export const workLogSchema = z
  .object({
    entries: z.array(
      z.object({
        id: z.uuid(),
        stepKey: z.string(),
        stepCode: z.string(),
        sessionId: z.uuid().nullable(),
        performer: z.object({ kind: z.enum(['staff', 'contact']), id: z.uuid(), name: z.string() }),
        workDate: z.string(),
        durationMinutes: z.number().int(),
        description: z.string(),
        lineIndex: z.number().int().nullable(),
        createdAt: z.date(),
      }),
    ),
    effort: z.object({
      lines: z.array(
        z.object({
          index: z.number().int(),
          serviceKey: z.string().nullable(),
          name: localizedTextSchema,
          unit: z.enum(['days', 'sessions']),
          purchased: z.number(),
          used: z.number(),
          percent: z.number(),
          level: effortLevel,
        }),
      ),
    }),
  })
  .meta({ id: 'WorkLog' });
