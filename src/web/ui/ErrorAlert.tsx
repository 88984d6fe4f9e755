import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../api/errors';

/** An error announced to screen readers; shows the server's message when there is one. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  // The request id helps support trace a server fault; for a refused request the message says it all.
  const requestId = error instanceof ApiError && error.status >= 500 ? error.requestId : undefined;
  return (
    <Alert color="red" role="alert" title={title}>
      {errorMessage(error, t('errors.network'))}
      {requestId && (
        <>
          {' '}
          <span style={{ opacity: 0.7 }}>({t('errors.requestId', { id: requestId })})</span>
        </>
      )}
    </Alert>
  );
}

/** A polite live region that announces whatever error it holds. */
export function LiveError({ error, title }: { error: unknown; title?: string }) {
  return <div aria-live="polite">{error ? <ErrorAlert error={error} title={title} /> : null}</div>;
}
