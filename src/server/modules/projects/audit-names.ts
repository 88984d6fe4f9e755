/**
 * The names a project's audit trail is said with (src/domain/audit): its process's steps and criteria, its content's
 * applications and delivery items, its staff and the contacts of its customer and partner. Looked up when the trail is
 * read, so that old events are said with today's names and no event is ever changed.
 */
import { deliveryItemKey, type AuditContact } from '../../../domain/audit/audit-names';
import type { Database } from '../../db/database';
import type { AuditNameLookup } from '../audit/audit.service';
import { getContentLibrary } from '../content/content.service';
import { listContactsAmong, listContactsOfOrganisations } from '../organisations/organisations.service';
import { getTemplate } from '../process/process.service';
import { listUserNames } from '../users/users.service';
import type { ProjectWithNames } from './projects.repository';

export function projectAuditNames(
  db: Database,
  { project, customerName, partnerName }: ProjectWithNames,
): AuditNameLookup {
  return async (wanted) => {
    const [template, library, users] = await Promise.all([
      getTemplate(db, project.templateKey, project.templateVersion),
      getContentLibrary(db),
      listUserNames(db, wanted.userIds),
    ]);
    const parties = [
      { kind: 'customer' as const, id: project.customerId },
      ...(project.partnerId === null ? [] : [{ kind: 'partner' as const, id: project.partnerId }]),
    ];
    const contacts: AuditContact[] = [];
    for (const party of parties) {
      // By id (the links a contact was sent), and by address (the contacts who acted, audited as `Name <email>`).
      if (wanted.contactIds.length > 0)
        for (const contact of await listContactsAmong(db, wanted.contactIds, [party.id]))
          contacts.push({ id: contact.id, name: contact.name, email: contact.email, kind: party.kind });
      if (wanted.contactEmails.length > 0)
        for (const contact of await listContactsOfOrganisations(db, [party.id]))
          contacts.push({ name: contact.name, email: contact.email, kind: party.kind });
    }
    const deliveryItems = new Map(
      Object.values(library.environmentChecklists).flatMap((items) =>
        items.map((item) => [deliveryItemKey('environment', '', item.key), item.title] as const),
      ),
    );
    for (const application of library.applications) {
      for (const task of application.pbxTasks)
        deliveryItems.set(deliveryItemKey('pbx', application.key, task.key), task.title);
      for (const item of application.uatChecklist)
        deliveryItems.set(deliveryItemKey('uat', application.key, item.key), item.title);
    }
    return {
      steps: new Map(template.steps.map((step) => [step.key, { code: step.code, title: step.title }])),
      criteria: new Map(
        template.steps.flatMap((step) =>
          step.exitCriteria.map((criterion) => [criterion.key, { label: criterion.label, stepKey: step.key }] as const),
        ),
      ),
      applications: new Map(library.applications.map((application) => [application.key, application.name])),
      deliveryItems,
      users,
      contacts,
      organisations: new Map([
        [project.customerId, customerName],
        ...(project.partnerId === null || partnerName === null ? [] : [[project.partnerId, partnerName] as const]),
      ]),
    };
  };
}
