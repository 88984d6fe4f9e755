import { Badge, Button, Card, Divider, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../lib/DateTime';
import { LiveError } from '../ui/ErrorAlert';
import { ProblemList } from '../sessions/ProblemList';
import { changedValues, configurationErrorsFrom, draftOf, type DraftValue } from './configurationValues';
import { ConfigurationFieldInput } from './ConfigurationFieldInput';
import {
  markConfigured,
  saveConfiguration,
  useDeliveryMutation,
  type ConfigurationRecord,
  type ConfigurationValue,
} from './deliveryApi';
import { InstallationForm } from './InstallationForm';

interface ConfigurationCardProps {
  projectId: string;
  applicationName: string;
  record: ConfigurationRecord;
  canWork: boolean;
}

/** P2 and P4 for one application: the version installed, its configuration record, and its configuration marked complete. */
export function ConfigurationCard({ projectId, applicationName, record, canWork }: ConfigurationCardProps) {
  const { t } = useTranslation();
  const headingId = `configuration-${record.applicationKey}-heading`;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Title order={3} size="h5" id={headingId}>
            {applicationName}
          </Title>
          <Group gap="xs">
            <Badge variant="light" color={record.installedAt ? 'teal' : 'gray'} component="span">
              {record.installedAt
                ? t('delivery.configuration.badgeInstalled')
                : t('delivery.configuration.badgeNotInstalled')}
            </Badge>
            <Badge variant="light" color={record.configuredAt ? 'green' : 'gray'} component="span">
              {record.configuredAt
                ? t('delivery.configuration.badgeConfigured')
                : t('delivery.configuration.badgeNotConfigured')}
            </Badge>
          </Group>
        </Group>
        <InstallationForm projectId={projectId} applicationName={applicationName} record={record} canWork={canWork} />
        <Divider />
        <ConfigurationForm projectId={projectId} applicationName={applicationName} record={record} canWork={canWork} />
      </Stack>
    </Card>
  );
}

function ConfigurationForm({ projectId, applicationName, record, canWork }: ConfigurationCardProps) {
  const { t } = useTranslation();
  const [drafts, setDrafts] = useState<Record<string, DraftValue>>(() =>
    Object.fromEntries(record.fields.map((field) => [field.key, draftOf(field, record.values[field.key])])),
  );
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [otherProblems, setOtherProblems] = useState<string[]>([]);
  const save = useDeliveryMutation(
    projectId,
    (values: Record<string, ConfigurationValue>) => saveConfiguration(projectId, record.applicationKey, values),
    t('delivery.configuration.saved', { name: applicationName }),
    { notifyError: false },
  );
  const complete = useDeliveryMutation(
    projectId,
    (configured: boolean) => markConfigured(projectId, record.applicationKey, configured),
    (configured) =>
      t(configured ? 'delivery.configuration.configuredDone' : 'delivery.configuration.reopenedDone', {
        name: applicationName,
      }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFieldErrors({});
    setOtherProblems([]);
    save.mutate(changedValues(record.fields, record.values, drafts), {
      onError: (error) => {
        const found = configurationErrorsFrom(error);
        setFieldErrors(found.fieldErrors);
        setOtherProblems(found.otherProblems);
      },
    });
  }

  const isConfigured = record.configuredAt !== null;
  const isInstalled = record.installedAt !== null;
  const hasValues = Object.keys(record.values).length > 0;
  const completionBlocker = !isInstalled
    ? t('delivery.configuration.needsInstallation')
    : !hasValues
      ? t('delivery.configuration.needsValues')
      : null;
  const blockerId = `configuration-${record.applicationKey}-blocker`;

  return (
    <Stack gap="sm">
      <Title order={4} size="h6">
        {t('delivery.configuration.recordHeading')}
      </Title>
      {record.fields.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('delivery.configuration.noFields')}
        </Text>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {record.fields.map((field) => (
                <ConfigurationFieldInput
                  key={field.key}
                  field={field}
                  value={drafts[field.key] ?? ''}
                  error={fieldErrors[field.key]}
                  disabled={!canWork}
                  onChange={(value) => {
                    setDrafts((current) => ({ ...current, [field.key]: value }));
                    setFieldErrors((current) => {
                      const next = { ...current };
                      delete next[field.key];
                      return next;
                    });
                  }}
                />
              ))}
            </SimpleGrid>
            <LiveError preferServerReason error={save.error} />
            <ProblemList problems={otherProblems} />
            {canWork && (
              <Group>
                <Button type="submit" loading={save.isPending}>
                  {t('delivery.configuration.save')}
                </Button>
              </Group>
            )}
          </Stack>
        </form>
      )}
      <Group gap="sm" align="center">
        {isConfigured && record.configuredAt && (
          <Text size="sm">
            {t('delivery.configuration.configuredAt')} <DateTime iso={record.configuredAt} />
          </Text>
        )}
        {canWork &&
          (isConfigured ? (
            <Button variant="default" loading={complete.isPending} onClick={() => complete.mutate(false)}>
              {t('delivery.configuration.reopen')}
            </Button>
          ) : (
            <>
              <Button
                variant="light"
                color="green"
                loading={complete.isPending}
                disabled={completionBlocker !== null}
                aria-describedby={completionBlocker ? blockerId : undefined}
                onClick={() => complete.mutate(true)}
              >
                {t('delivery.configuration.markConfigured')}
              </Button>
              {completionBlocker && (
                <Text size="sm" c="dimmed" id={blockerId}>
                  {completionBlocker}
                </Text>
              )}
            </>
          ))}
      </Group>
    </Stack>
  );
}
