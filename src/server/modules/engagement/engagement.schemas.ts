import { z } from 'zod';
import { languages } from '../../db/schema';
import { localizedTextSchema } from '../../http/common.schemas';

export const contactSelectionBody = z.object({
  contactIds: z
    .array(z.uuid({ error: 'Not a valid contact id.' }))
    .min(1, 'Choose at least one contact.')
    .max(20, 'At most 20 contacts.'),
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

export const assignEngineerBody = z.object({ engineerId: z.uuid({ error: 'Choose an engineer.' }) });
