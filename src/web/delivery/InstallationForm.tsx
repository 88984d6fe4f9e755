import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsFrom } from '../api/errors';
import { DateTime } from '../lib/DateTime';
import { recordInstallation, useDeliveryMutation, type ConfigurationRecord } from './deliveryApi';

interface InstallationFormProps {
  projectId: string;
  applicationName: string;
  record: ConfigurationRecord;
  canWork: boolean;
}

/** P2: the version of the application installed, recorded by the engineer (or taken back before it is configured). */
export function InstallationForm({ projectId, applicationName, record, canWork }: InstallationFormProps) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(record.installedVersion ?? '');
  const [error, setError] = useState<string | undefined>();
  const install = useDeliveryMutation(
    projectId,
    (installedVersion: string | null) => recordInstallation(projectId, record.applicationKey, installedVersion),
    (installedVersion) =>
      installedVersion === null
        ? t('delivery.installation.withdrawn', { name: applicationName })
        : t('delivery.installation.done', { name: applicationName, version: installedVersion }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = version.trim();
    if (trimmed === '') {
      setError(t('delivery.installation.versionRequired'));
      return;
    }
    setError(undefined);
    install.mutate(trimmed, {
      onError: (failure) =>
        setError(fieldErrorsFrom(failure, ['installedVersion'] as const).fieldErrors.installedVersion),
    });
  }

  return (
    <Stack gap="xs">
      <Text size="sm">
        {record.installedAt && record.installedVersion ? (
          <>
            {t('delivery.installation.installed', { version: record.installedVersion })}{' '}
            <DateTime iso={record.installedAt} />
          </>
        ) : (
          t('delivery.installation.notInstalled')
        )}
      </Text>
      {canWork && (
        <form onSubmit={submit} noValidate>
          <Group align="flex-end" gap="sm">
            <TextInput
              label={t('delivery.installation.version')}
              placeholder={t('delivery.installation.versionPlaceholder')}
              value={version}
              onChange={(event) => {
                setVersion(event.currentTarget.value);
                setError(undefined);
              }}
              maxLength={80}
              error={error}
            />
            <Button type="submit" loading={install.isPending && install.variables !== null}>
              {t('delivery.installation.submit')}
            </Button>
            {record.installedAt && (
              <Button
                variant="subtle"
                color="red"
                disabled={record.configuredAt !== null}
                title={record.configuredAt !== null ? t('delivery.installation.withdrawConfigured') : undefined}
                loading={install.isPending && install.variables === null}
                onClick={() => install.mutate(null)}
              >
                {t('delivery.installation.withdraw')}
              </Button>
            )}
          </Group>
        </form>
      )}
    </Stack>
  );
}
