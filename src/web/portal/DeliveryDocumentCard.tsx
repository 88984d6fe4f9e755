import {
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrorsFrom } from '../api/errors';
import { DateTime } from '../lib/DateTime';
import { formatCalendarDate } from '../lib/format';
import { ErrorAlert } from '../ui/ErrorAlert';
import { SignaturePad } from './SignaturePad';
import { portalPaths, useSignDocument, type PortalDeliveryDocument, type SignDocumentBody } from './portalApi';

type SignatureKind = 'typed' | 'drawn';
type Field = 'fullName' | 'consent' | 'signature';

/** The server refuses a drawing larger than this (a data URL's length). */
const drawingLimit = 400_000;

const hashStyle = { fontFamily: 'var(--mantine-font-family-monospace)', wordBreak: 'break-all' } as const;

/** Whether a signing error means "signed meanwhile or replaced by a newer version": shown at the top of the page. */
export function isSigningConflict(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 409;
}

function SignForm({
  projectId,
  document,
  consentText,
  title,
  onSigned,
  onConflict,
}: {
  projectId: string;
  document: PortalDeliveryDocument;
  consentText: string;
  title: string;
  onSigned: () => void;
  onConflict: (message: string) => void;
}) {
  const { t } = useTranslation();
  const sign = useSignDocument(projectId);
  const formId = useId();
  const consentRef = useRef<HTMLInputElement>(null);
  const [fullName, setFullName] = useState('');
  const [hasConsented, setHasConsented] = useState(false);
  const [kind, setKind] = useState<SignatureKind>('typed');
  const [typed, setTyped] = useState('');
  const [drawing, setDrawing] = useState<string | null>(null);
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const consentId = `${formId}-consent`;
  const padErrorId = `${formId}-signature`;

  function check(): Partial<Record<Field, string>> {
    const found: Partial<Record<Field, string>> = {};
    if (fullName.trim().length < 3) found.fullName = t('portal.delivery.needName');
    if (!hasConsented) found.consent = t('portal.delivery.needConsent');
    if (kind === 'typed' && typed.trim().length < 2) found.signature = t('portal.delivery.needTypedSignature');
    if (kind === 'drawn' && drawing === null) found.signature = t('portal.delivery.needDrawing');
    if (kind === 'drawn' && drawing !== null && drawing.length > drawingLimit)
      found.signature = t('portal.delivery.drawingTooLarge');
    return found;
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = check();
    setProblems(found);
    if (Object.keys(found).length > 0) {
      // Focus goes to the first field to correct, so keyboard and screen reader users land on it.
      const first = (['fullName', 'consent', 'signature'] as const).find((field) => found[field] !== undefined);
      if (first === 'consent') consentRef.current?.focus();
      else window.document.getElementById(`${formId}-${first}`)?.focus();
      return;
    }
    const signature: SignDocumentBody['signature'] =
      kind === 'typed' ? { kind: 'typed', text: typed.trim() } : { kind: 'drawn', image: drawing ?? '' };
    sign.mutate(
      {
        documentId: document.id,
        body: { documentSha256: document.sha256, fullName: fullName.trim(), consent: true, signature },
      },
      {
        onSuccess: onSigned,
        onError: (error) => {
          if (isSigningConflict(error)) onConflict(error.message);
          else setProblems(fieldErrorsFrom(error, ['fullName', 'consent', 'signature'] as const).fieldErrors);
        },
      },
    );
  }

  // A refusal about a field shows beside that field; anything else (a network failure, a refusal) shows above the button.
  const hasFieldProblems =
    sign.isError &&
    Object.keys(fieldErrorsFrom(sign.error, ['fullName', 'consent', 'signature'] as const).fieldErrors).length > 0;
  const otherError = sign.isError && !isSigningConflict(sign.error) && !hasFieldProblems ? sign.error : null;

  return (
    <Box component="form" onSubmit={submit} noValidate aria-label={`${t('portal.delivery.signFormTitle')}: ${title}`}>
      <Stack gap="md">
        <Title order={4} size="h5">
          {t('portal.delivery.signFormTitle')}
        </Title>
        <TextInput
          id={`${formId}-fullName`}
          label={t('portal.delivery.fullName')}
          description={t('portal.delivery.fullNameHint')}
          autoComplete="name"
          required
          maxLength={200}
          value={fullName}
          onChange={(event) => setFullName(event.currentTarget.value)}
          error={problems.fullName}
          disabled={sign.isPending}
        />
        <Stack gap="xs">
          <Text fw={600} size="sm" id={`${consentId}-title`}>
            {t('portal.delivery.consentTitle')}
          </Text>
          <Paper withBorder p="sm" bg="gray.0" id={consentId}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {consentText}
            </Text>
          </Paper>
          <Checkbox
            // Mantine's checkbox loses its label when given an id here: focused through a ref instead.
            ref={consentRef}
            size="md"
            label={t('portal.delivery.agree')}
            checked={hasConsented}
            onChange={(event) => setHasConsented(event.currentTarget.checked)}
            error={problems.consent}
            disabled={sign.isPending}
          />
        </Stack>
        <Stack gap="xs">
          <Text fw={600} size="sm" id={`${formId}-kind-label`}>
            {t('portal.delivery.signatureKindLabel')}
          </Text>
          <SegmentedControl<SignatureKind>
            aria-labelledby={`${formId}-kind-label`}
            value={kind}
            onChange={(value) => {
              setKind(value);
              setProblems((current) => ({ ...current, signature: undefined }));
            }}
            data={[
              { value: 'typed', label: t('portal.delivery.typed') },
              { value: 'drawn', label: t('portal.delivery.drawn') },
            ]}
            disabled={sign.isPending}
            style={{ alignSelf: 'flex-start' }}
          />
          {kind === 'typed' ? (
            <TextInput
              id={`${formId}-signature`}
              label={t('portal.delivery.signatureLabel')}
              description={t('portal.delivery.signatureHint')}
              maxLength={200}
              value={typed}
              onChange={(event) => setTyped(event.currentTarget.value)}
              error={problems.signature}
              disabled={sign.isPending}
              styles={{ input: { fontFamily: 'cursive', fontSize: 'var(--mantine-font-size-lg)' } }}
            />
          ) : (
            <>
              <SignaturePad
                onChange={setDrawing}
                isDisabled={sign.isPending}
                errorId={problems.signature ? padErrorId : undefined}
              />
              {problems.signature && (
                <Text size="sm" c="red.8" id={padErrorId} tabIndex={-1}>
                  {problems.signature}
                </Text>
              )}
            </>
          )}
        </Stack>
        <div aria-live="polite">
          {otherError && <ErrorAlert error={otherError} title={t('portal.delivery.signFailed')} preferServerReason />}
        </div>
        <Group>
          <Button type="submit" size="md" loading={sign.isPending}>
            {t('portal.delivery.sign')}
          </Button>
        </Group>
      </Stack>
    </Box>
  );
}

/** One document of P5/P7: awaiting the signature (download it to review, then sign), or signed (who, when, the sealed copy). */
export function DeliveryDocumentCard({
  projectId,
  document,
  consentText,
  onSigned,
  onConflict,
}: {
  projectId: string;
  document: PortalDeliveryDocument;
  consentText: string;
  onSigned: (title: string, version: number) => void;
  onConflict: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const title = t(`portal.delivery.documentKinds.${document.kind}`);
  const versionText = t('portal.delivery.documentVersion', { version: document.version });
  const signature = document.signature;
  const outside = document.outsideSignature;
  const isSigned = document.state === 'signed';
  const pdf = portalPaths.deliveryPdf(projectId, document.id);
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      radius="md"
      component="article"
      aria-labelledby={titleId}
      style={isSigned ? undefined : { borderColor: 'var(--mantine-color-orange-5)', borderWidth: 2 }}
    >
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={2}>
            <Title order={3} size="h4" id={titleId}>
              {title}
            </Title>
            <Text size="sm" c="dimmed">
              {versionText} · {t('portal.delivery.preparedOn')} <DateTime iso={document.createdAt} dateOnly />
            </Text>
          </Stack>
          <Badge color={isSigned ? 'green' : 'orange'} variant="light">
            {isSigned
              ? outside
                ? t('portal.delivery.signedOutsideBadge')
                : t('portal.delivery.signedBadge')
              : t('portal.delivery.awaiting')}
          </Badge>
        </Group>
        {isSigned && outside ? (
          <Stack gap="xs" align="flex-start">
            <Text>
              {t('portal.delivery.signedOutside', {
                name: outside.signerName,
                date: formatCalendarDate(outside.signedOn, i18n.language),
              })}
            </Text>
            <Box>
              <Text size="sm" fw={600}>
                {t('portal.delivery.scanHash')}
              </Text>
              <Text size="sm" style={hashStyle}>
                {outside.sha256}
              </Text>
            </Box>
            <Button component="a" href={pdf} variant="light" aria-describedby={titleId}>
              {t('portal.delivery.downloadSigned')}
            </Button>
          </Stack>
        ) : isSigned && signature ? (
          <Stack gap="xs" align="flex-start">
            <Text>
              {t('portal.delivery.signedBy', {
                name: signature.signerName,
                organisation: signature.signerOrganisation,
              })}
            </Text>
            <Text size="sm">
              {t('portal.delivery.signedOn')} <DateTime iso={signature.signedAt} />
            </Text>
            <Box>
              <Text size="sm" fw={600}>
                {t('portal.delivery.sealedHash')}
              </Text>
              <Text size="sm" style={hashStyle}>
                {signature.sealedSha256}
              </Text>
            </Box>
            <Button component="a" href={pdf} variant="light" aria-describedby={titleId}>
              {t('portal.delivery.downloadSigned')}
            </Button>
          </Stack>
        ) : (
          <>
            <Stack gap="xs" align="flex-start">
              <Text>{t('portal.delivery.reviewFirst')}</Text>
              <Button component="a" href={pdf} variant="light" aria-describedby={titleId}>
                {t('portal.delivery.download')}
              </Button>
            </Stack>
            <SignForm
              key={document.id}
              projectId={projectId}
              document={document}
              consentText={consentText}
              title={`${title}, ${versionText}`}
              onSigned={() => onSigned(title, document.version)}
              onConflict={onConflict}
            />
          </>
        )}
      </Stack>
    </Paper>
  );
}
