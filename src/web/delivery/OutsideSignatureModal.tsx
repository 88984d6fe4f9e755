import { Alert, Button, FileInput, Group, Modal, Progress, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/errors';
import { todayIsoDate } from '../projects/projectWork';
import { LiveError } from '../ui/ErrorAlert';
import { ProblemList } from '../sessions/ProblemList';
import { recordOutsideSignature, scanAccept, useDeliveryMutation, type DeliveryDocument } from './deliveryApi';

interface OutsideSignatureModalProps {
  projectId: string;
  document: DeliveryDocument;
  documentName: string;
  opened: boolean;
  onClose: () => void;
}

/** P5/P7: a version signed on paper or in the customer's own tool, recorded with the scan as its signed copy. */
export function OutsideSignatureModal(props: OutsideSignatureModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t('delivery.outsideSignature.title', { document: props.documentName, version: props.document.version })}
      centered
      size="lg"
    >
      {props.opened && <OutsideSignatureForm {...props} />}
    </Modal>
  );
}

const fields = ['file', 'signerName', 'signedOn'] as const;
type Field = (typeof fields)[number];
type FieldErrors = Partial<Record<Field, string>>;

/** The server names a problem by its place in the request: `querystring.signerName` is the form's signerName. */
function serverFieldErrors(error: unknown): { fieldErrors: FieldErrors; otherProblems: string[] } {
  const fieldErrors: FieldErrors = {};
  const otherProblems: string[] = [];
  if (!(error instanceof ApiError)) return { fieldErrors, otherProblems };
  for (const problem of error.details) {
    const field = fields.find((candidate) => problem.path === `querystring.${candidate}`);
    if (field) fieldErrors[field] ??= problem.message;
    else otherProblems.push(problem.path ? `${problem.path}: ${problem.message}` : problem.message);
  }
  return { fieldErrors, otherProblems };
}

function OutsideSignatureForm({ projectId, document, documentName, onClose }: OutsideSignatureModalProps) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [signerName, setSignerName] = useState('');
  const [signedOn, setSignedOn] = useState(() => todayIsoDate());
  const [progress, setProgress] = useState<number | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [otherProblems, setOtherProblems] = useState<string[]>([]);
  const record = useDeliveryMutation(
    projectId,
    (input: { file: File; signerName: string; signedOn: string }) =>
      recordOutsideSignature(projectId, document.id, input, setProgress),
    t('delivery.outsideSignature.done', { document: documentName, version: document.version }),
    { notifyError: false },
  );

  function clearError(field: Field) {
    setErrors((current) => ({ ...current, [field]: undefined }));
  }

  function check(): FieldErrors {
    const found: FieldErrors = {};
    if (file === null) found.file = t('delivery.outsideSignature.fileRequired');
    if (signerName.trim() === '') found.signerName = t('delivery.outsideSignature.signerRequired');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(signedOn)) found.signedOn = t('delivery.outsideSignature.dateRequired');
    else if (signedOn > todayIsoDate()) found.signedOn = t('delivery.outsideSignature.dateInFuture');
    return found;
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = check();
    setErrors(found);
    setOtherProblems([]);
    if (Object.keys(found).length > 0 || file === null) return;
    setProgress(null);
    record.mutate(
      { file, signerName: signerName.trim(), signedOn },
      {
        onSuccess: onClose,
        onError: (error) => {
          const { fieldErrors, otherProblems: rest } = serverFieldErrors(error);
          setErrors(fieldErrors);
          setOtherProblems(rest);
        },
        onSettled: () => setProgress(null),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('delivery.outsideSignature.intro')}</Text>
        <Alert color="gray" variant="light">
          {t('delivery.outsideSignature.notSealed')}
        </Alert>
        <FileInput
          label={t('delivery.outsideSignature.file')}
          description={t('delivery.outsideSignature.fileHint')}
          placeholder={t('delivery.outsideSignature.filePlaceholder')}
          accept={scanAccept}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
          value={file}
          onChange={(chosen) => {
            setFile(chosen);
            clearError('file');
          }}
          error={errors.file}
          disabled={record.isPending}
          required
          data-autofocus
        />
        <Group grow align="flex-start">
          <TextInput
            label={t('delivery.outsideSignature.signer')}
            description={t('delivery.outsideSignature.signerHint')}
            value={signerName}
            maxLength={200}
            onChange={(event) => {
              setSignerName(event.currentTarget.value);
              clearError('signerName');
            }}
            error={errors.signerName}
            disabled={record.isPending}
            required
          />
          <TextInput
            type="date"
            label={t('delivery.outsideSignature.signedOn')}
            description={t('delivery.outsideSignature.signedOnHint')}
            value={signedOn}
            max={todayIsoDate()}
            onChange={(event) => {
              setSignedOn(event.currentTarget.value);
              clearError('signedOn');
            }}
            error={errors.signedOn}
            disabled={record.isPending}
            required
          />
        </Group>
        {record.isPending && (
          <Stack gap={4} role="status" aria-live="polite">
            <Text size="sm">
              {progress === null
                ? t('delivery.outsideSignature.uploading')
                : t('delivery.outsideSignature.uploadingPercent', { percent: Math.round(progress * 100) })}
            </Text>
            <Progress value={(progress ?? 0) * 100} aria-label={t('delivery.outsideSignature.progress')} />
          </Stack>
        )}
        <LiveError preferServerReason error={record.error} />
        <ProblemList problems={otherProblems} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={record.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending}>
            {t('delivery.outsideSignature.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
