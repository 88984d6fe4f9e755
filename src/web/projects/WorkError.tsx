import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { workErrorMessage } from './projectWork';

/** A failed change announced politely, with the server's reason when it refused (403). */
export function WorkError({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  return (
    <div aria-live="polite">
      {error ? (
        <Alert color="red" role="alert" title={title}>
          {workErrorMessage(error, t('errors.network'))}
        </Alert>
      ) : null}
    </div>
  );
}
