/** What the emails of the sweeps share: who is told, the engineer they write on behalf of, dates and categories. */

import { longDate } from '../../../domain/text/format';
import { hasText, translate, type TextKey } from '../../../domain/text/i18n';
import type { ContentLanguage } from '../../../domain/content';
import type { Database } from '../../db/database';
import { listAddressesOfProjectMail } from '../mail/mail.service';
import type { ProjectWithNames } from '../projects/projects.service';
import { findUserRow } from '../users/users.service';
import { listEnabledContacts } from '../organisations/organisations.service';

export interface Recipient {
  id: string;
  name: string;
  email: string;
  language: ContentLanguage;
}

/**
 * Who is told: the contacts the engineer's contact email went to, else the contacts in one of `roles` (the customer's
 * technical references). Only enabled contacts of the project's sides (its customer, its partner), whatever an email's
 * recipients were.
 */
export async function recipientsOf(
  db: Database,
  project: ProjectWithNames['project'],
  sides: readonly ('customer' | 'partner')[] = ['customer', 'partner'],
  roles: readonly string[] = ['technical-reference'],
): Promise<Recipient[]> {
  const addressed = new Set(await listAddressesOfProjectMail(db, project.id, 'engineer-contact'));
  const organisationIds = sides.flatMap((side) =>
    side === 'customer' ? [project.customerId] : project.partnerId === null ? [] : [project.partnerId],
  );
  const candidates = (await listEnabledContacts(db, organisationIds)).map((contact) => ({
    ...contact,
    wasAddressed: addressed.has(contact.lowerEmail),
  }));
  const anyAddressed = candidates.some((candidate) => candidate.wasAddressed);
  return candidates
    .filter((candidate) => candidate.wasAddressed || (!anyAddressed && roles.includes(candidate.role)))
    .map(({ id, name, email, language }) => ({ id, name, email, language }));
}

export function formatDate(date: Date, language: ContentLanguage): string {
  return longDate(date, language, 'UTC');
}

export async function engineerValues(db: Database, row: ProjectWithNames) {
  const engineer = row.project.engineerId === null ? null : await findUserRow(db, row.project.engineerId);
  return {
    values: { name: engineer?.name ?? '', email: engineer?.email ?? '', phone: engineer?.phone ?? '' },
    replyTo: engineer === null ? null : { name: engineer.name, email: engineer.email },
  };
}

/** A requirement category's name for the reader; a category the resources do not know is shown as its key. */
export function categoryName(category: string, language: ContentLanguage): string {
  const key = `requirementCategory.${category}`;
  return hasText('words', key) ? translate(language, 'words', key as TextKey<'words'>) : category;
}
