import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../api/errors';

interface ErrorAlertProps {
  error: unknown;
  title?: string;
  /** For a refusal (403), the server's own reason ("Only the engineer assigned…") rather than the generic one. */
  preferServerReason?: boolean;
}

/** An error announced to screen readers; shows the server's message when there is one. */
export function ErrorAlert({ error, title, preferServerReason = false }: ErrorAlertProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const isRefusalWithReason =
    preferServerReason && error instanceof ApiError && error.status === 403 && error.message !== '';
  // The request id helps support trace a server fault; for a refused request the message says it all.
  const requestId = error instanceof ApiError && error.status >= 500 ? error.requestId : undefined;
  return (
    <Alert color="red" role="alert" title={title}>
      {isRefusalWithReason ? error.message : errorMessage(error, t('errors.network'))}
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
export function LiveError(props: ErrorAlertProps) {
  return <div aria-live="polite">{props.error ? <ErrorAlert {...props} /> : null}</div>;
}
