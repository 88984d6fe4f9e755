import { z } from 'zod';
import { translatorFor } from '../../../domain/text/i18n';
import { languages } from '../../db/schema';
import { localizedTextSchema } from '../../http/common.schemas';

const en = translatorFor('en', 'errors');

export const contactSelectionBody = z.object({
  contactIds: z
    .array(z.uuid({ error: en('common.invalid_contact_id') }))
    .min(1, en('engagement.choose_a_contact'))
    .max(20, en('engagement.at_most_contacts', { maximum: 20 })),
});

export const draftMessagesResponse = z.object({
  items: z.array(
    z.object({
      contact: z.object({
        id: z.uuid(),
        name: z.string(),
        email: z.string(),
        language: z.enum(languages),
        organisation: z.enum(['customer', 'partner']),
      }),
      subject: z.string(),
      text: z.string(),
      html: z.string(),
      attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number().int() })),
    }),
  ),
});

const team = z.object({ key: z.string(), name: localizedTextSchema });

export const engineerSuggestionsResponse = z.object({
  /** The competence teams of the project's applications. */
  neededTeams: z.array(team),
  items: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      teams: z.array(team),
      matchingTeams: z.array(z.string()),
      isInTeam: z.boolean(),
      isAssigned: z.boolean(),
      projectsInFlight: z.number().int(),
      openEffortDays: z.number(),
    }),
  ),
});

export const assignEngineerBody = z.object({ engineerId: z.uuid({ error: en('engagement.choose_engineer') }) });
