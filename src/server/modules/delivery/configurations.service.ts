/** P2 and P4: each application's installation, its configuration record and its configuration marked complete. */
import type { ContentLibrary } from '../../../domain/content';
import type { ServiceContext } from '../../context';
import { translate } from '../../../domain/text/i18n';
import { refuse } from '../../errors';
import type { StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import type { ProjectRow } from '../projects/projects.service';
import { changeDelivery } from './change-delivery';
import type { ConfigurationBody } from './delivery.schemas';
import { upsertConfigurationRecord } from './delivery.repository';

function applicationInScope(library: ContentLibrary, project: ProjectRow, applicationKey: string) {
  const application = project.applications.includes(applicationKey)
    ? library.applications.find((candidate) => candidate.key === applicationKey)
    : undefined;
  if (application === undefined) throw refuse('not_found', 'delivery.application_not_in_scope');
  return application;
}

/** P2/P4: writes fields of an application's configuration record; each value is checked against its field's type. */
export async function saveConfiguration(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  applicationKey: string,
  body: ConfigurationBody,
) {
  await changeDelivery(
    context,
    { kind: 'staff', actor },
    projectId,
    'configuration recorded',
    async (db, project, library, state) => {
      const application = applicationInScope(library, project, applicationKey);
      const problems: { path: string; message: string }[] = [];
      const record = state.configurations[project.applications.indexOf(applicationKey)] ?? null;
      const values: Record<string, string | number | boolean> = { ...(record?.values ?? {}) };
      for (const [fieldKey, value] of Object.entries(body.values)) {
        const path = `body.values.${fieldKey}`;
        const field = application.configurationFields.find((candidate) => candidate.key === fieldKey);
        if (field === undefined) {
          problems.push({ path, message: translate('en', 'errors', 'delivery.no_such_configuration_field') });
          continue;
        }
        if (value === null || value === '') {
          delete values[fieldKey];
          continue;
        }
        const wrong =
          (field.type === 'text' && typeof value !== 'string') ||
          (field.type === 'number' && typeof value !== 'number') ||
          (field.type === 'yes-no' && typeof value !== 'boolean') ||
          (field.type === 'date' &&
            (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))) ||
          (field.type === 'choice' && !field.options.some((option) => option.value === value));
        if (wrong) {
          const options = field.type === 'choice' ? field.options.map((option) => option.value).join(', ') : '';
          problems.push({
            path,
            message: translate('en', 'errors', `delivery.configuration_value.${field.type}`, {
              field: field.label.en,
              options,
            }),
          });
          continue;
        }
        values[fieldKey] = value;
      }
      if (problems.length > 0) throw refuse('validation_failed', 'delivery.values_do_not_fit', { details: problems });
      await upsertConfigurationRecord(db, projectId, applicationKey, {
        values,
        updatedAt: context.now(),
        updatedBy: actor.userId,
      });
      await recordAuditEvent(db, actor, {
        action: 'configuration.saved',
        projectId,
        subjectType: 'configuration-record',
        subjectId: applicationKey,
        before: record?.values ?? {},
        after: values,
      });
    },
  );
}

/** P2: the engineer records the application installed, with its version (null takes it back). */
export async function recordInstallation(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  applicationKey: string,
  installedVersion: string | null,
) {
  await changeDelivery(
    context,
    { kind: 'staff', actor },
    projectId,
    'installation recorded',
    async (db, project, library, state) => {
      applicationInScope(library, project, applicationKey);
      const record = state.configurations[project.applications.indexOf(applicationKey)] ?? null;
      if (installedVersion === null && record?.configuredAt != null) {
        throw refuse('conflict', 'delivery.configured_take_back_first');
      }
      const now = context.now();
      await upsertConfigurationRecord(db, projectId, applicationKey, {
        installedVersion,
        installedAt: installedVersion === null ? null : (record?.installedAt ?? now),
        installedBy: installedVersion === null ? null : actor.userId,
        updatedAt: now,
        updatedBy: actor.userId,
      });
      await recordAuditEvent(db, actor, {
        action: installedVersion === null ? 'installation.withdrawn' : 'installation.recorded',
        projectId,
        subjectType: 'configuration-record',
        subjectId: applicationKey,
        before: { installedVersion: record?.installedVersion ?? null },
        after: { installedVersion },
      });
    },
  );
}

/** P4: the engineer marks the application's configuration complete against the design (or takes that back). */
export async function markConfigured(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  applicationKey: string,
  configured: boolean,
) {
  await changeDelivery(
    context,
    { kind: 'staff', actor },
    projectId,
    'configuration completed',
    async (db, project, library, state) => {
      const application = applicationInScope(library, project, applicationKey);
      const record = state.configurations[project.applications.indexOf(applicationKey)] ?? null;
      if (configured && record?.installedAt == null) {
        throw refuse('conflict', 'delivery.not_installed_yet', { values: { application: application.name.en } });
      }
      if (configured && Object.keys(record?.values ?? {}).length === 0) {
        throw refuse('conflict', 'delivery.no_configuration_yet', { values: { application: application.name.en } });
      }
      await upsertConfigurationRecord(db, projectId, applicationKey, {
        configuredAt: configured ? context.now() : null,
        configuredBy: configured ? actor.userId : null,
        updatedAt: context.now(),
        updatedBy: actor.userId,
      });
      await recordAuditEvent(db, actor, {
        action: configured ? 'configuration.completed' : 'configuration.reopened',
        projectId,
        subjectType: 'configuration-record',
        subjectId: applicationKey,
      });
    },
  );
}
