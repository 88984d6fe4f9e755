import { Box, Button, Container, Group, Input, Loader, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { browserLanguage } from '../i18n';
import { DateTime } from '../lib/DateTime';
import { formatCalendarDate } from '../lib/format';
import { ErrorAlert } from '../ui/ErrorAlert';
import { verifyLimitBytes, verifyPdf, type SealVerification } from './verifyApi';

const outcomeLooks: Record<SealVerification['outcome'], { colour: string; symbol: string }> = {
  'sealed-unchanged': { colour: 'green', symbol: '✓' },
  'sealed-changed': { colour: 'red', symbol: '!' },
  'signed-outside-engage': { colour: 'blue', symbol: '✓' },
  unknown: { colour: 'gray', symbol: '?' },
};

const hashStyle = { fontFamily: 'var(--mantine-font-family-monospace)', wordBreak: 'break-all' } as const;

/** A PDF, or an image: the scan of a copy signed outside Engage may be either. */
function isCheckable(file: File): boolean {
  return (
    file.type === 'application/pdf' || file.type.startsWith('image/') || /\.(pdf|png|jpe?g|gif|webp)$/i.test(file.name)
  );
}

function Detail({ label, children, isHash = false }: { label: string; children: ReactNode; isHash?: boolean }) {
  return (
    <div>
      <Text component="dt" size="sm" fw={700} c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} style={isHash ? hashStyle : undefined}>
        {children}
      </Text>
    </div>
  );
}

function VerificationResult({ result }: { result: SealVerification }) {
  const { t, i18n } = useTranslation();
  const look = outcomeLooks[result.outcome];
  const document = result.document;
  const outside = result.outsideSignature;
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      radius="md"
      component="section"
      aria-labelledby="verify-outcome"
      style={{ borderColor: `var(--mantine-color-${look.colour}-6)`, borderWidth: 2 }}
    >
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap" align="center">
          <ThemeIcon color={look.colour} size={40} radius="xl" aria-hidden>
            <Text component="span" fw={800} size="xl" c="white">
              {look.symbol}
            </Text>
          </ThemeIcon>
          <Title order={2} size="h3" id="verify-outcome" c={`${look.colour}.9`}>
            {t(`verify.outcomes.${result.outcome}`)}
          </Title>
        </Group>
        {outside ? (
          <Stack gap={4}>
            <Text fw={600}>
              {t('verify.outsideMessage', {
                date: formatCalendarDate(outside.signedOn, i18n.language),
                name: outside.signerName,
              })}
            </Text>
            <Text>{t('verify.outsideNote')}</Text>
          </Stack>
        ) : (
          <Text>{t(`verify.explanations.${result.outcome}`)}</Text>
        )}
        <dl style={{ margin: 0 }}>
          <Stack gap="sm">
            {outside && (
              <>
                <Detail label={t('verify.details.title')}>
                  {outside.title} · {t('verify.details.version')} {outside.version}
                </Detail>
                <Detail label={t('verify.details.project')}>
                  {outside.projectReference} · {outside.projectName}
                </Detail>
                <Detail label={t('verify.details.customer')}>{outside.customerName}</Detail>
                <Detail label={t('verify.details.signer')}>{outside.signerName}</Detail>
                <Detail label={t('verify.details.signedOn')}>
                  <time dateTime={outside.signedOn}>{formatCalendarDate(outside.signedOn, i18n.language)}</time>
                </Detail>
                <Detail label={t('verify.details.recordedAt')}>
                  <DateTime iso={outside.recordedAt} />
                </Detail>
              </>
            )}
            {document && (
              <>
                <Detail label={t('verify.details.title')}>
                  {document.title} · {t('verify.details.version')} {document.version}
                </Detail>
                <Detail label={t('verify.details.project')}>
                  {document.projectReference} · {document.projectName}
                </Detail>
                <Detail label={t('verify.details.customer')}>{document.customerName}</Detail>
                <Detail label={t('verify.details.signer')}>
                  {document.signerName}, {document.signerOrganisation}
                </Detail>
                <Detail label={t('verify.details.signedAt')}>
                  <DateTime iso={document.signedAt} />
                </Detail>
                <Detail label={t('verify.details.sealedSha256')} isHash>
                  {document.sealedSha256}
                </Detail>
              </>
            )}
            <Detail label={t('verify.details.computedSha256')} isHash>
              {result.sha256}
            </Detail>
          </Stack>
        </dl>
      </Stack>
    </Paper>
  );
}

/** The public page where anyone checks whether a PDF was sealed by Engage and is unchanged since, or is a scan Engage recorded as signed outside it. */
export default function VerifyPage() {
  const { t, i18n } = useTranslation();
  const inputId = useId();
  const errorId = `${inputId}-error`;
  const hintId = `${inputId}-hint`;
  const inputRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const check = useMutation({ mutationFn: verifyPdf });

  // Nobody is signed in here: the page speaks the browser's language.
  useEffect(() => {
    const wanted = browserLanguage();
    if (i18n.language !== wanted) void i18n.changeLanguage(wanted);
  }, [i18n]);

  useEffect(() => {
    document.title = `${t('verify.title')} · Engage`;
  }, [t]);

  useEffect(() => {
    if (check.isSuccess || check.isError) resultRef.current?.focus();
  }, [check.isSuccess, check.isError]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found =
      file === null
        ? t('verify.needFile')
        : !isCheckable(file)
          ? t('verify.notPdf')
          : file.size > verifyLimitBytes
            ? t('verify.tooLarge')
            : null;
    setProblem(found);
    if (found !== null || file === null) {
      inputRef.current?.focus();
      return;
    }
    check.mutate(file);
  }

  function checkAnother() {
    check.reset();
    setFile(null);
    setProblem(null);
    if (inputRef.current) {
      inputRef.current.value = '';
      inputRef.current.focus();
    }
  }

  return (
    <Box mih="100vh" bg="gray.0">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size={760} py="sm">
          <Text component="span" fw={800} size="lg" c="blue.8">
            Engage
          </Text>
        </Container>
      </Box>
      <Container size={760} py="lg" px={{ base: 'sm', sm: 'md' }}>
        <Stack component="main" gap="lg">
          <Stack gap="xs">
            <Title order={1}>{t('verify.title')}</Title>
            <Text>{t('verify.intro')}</Text>
          </Stack>
          <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md">
            <form onSubmit={submit} noValidate>
              <Stack gap="md" align="flex-start">
                <Input.Wrapper
                  id={inputId}
                  label={t('verify.fileLabel')}
                  description={t('verify.fileHint')}
                  error={problem}
                  errorProps={{ id: errorId }}
                  descriptionProps={{ id: hintId }}
                  w="100%"
                >
                  <Box mt={6}>
                    <input
                      ref={inputRef}
                      id={inputId}
                      type="file"
                      accept="application/pdf,.pdf,image/png,.png,image/jpeg,.jpg,.jpeg,image/gif,.gif,image/webp,.webp"
                      aria-invalid={problem !== null}
                      aria-describedby={problem !== null ? `${hintId} ${errorId}` : hintId}
                      disabled={check.isPending}
                      onChange={(event) => {
                        setFile(event.currentTarget.files?.[0] ?? null);
                        setProblem(null);
                        check.reset();
                      }}
                      style={{ maxWidth: '100%', fontSize: 'var(--mantine-font-size-md)' }}
                    />
                  </Box>
                </Input.Wrapper>
                <Button type="submit" size="md" loading={check.isPending}>
                  {t('verify.check')}
                </Button>
              </Stack>
            </form>
          </Paper>
          <div ref={resultRef} tabIndex={-1} aria-live="polite" style={{ outline: 'none' }}>
            {check.isPending && (
              <Group gap="sm" role="status">
                <Loader size="sm" aria-hidden />
                <Text>{t('verify.checking')}</Text>
              </Group>
            )}
            {check.isError && <ErrorAlert error={check.error} title={t('verify.failed')} />}
            {check.isSuccess && (
              <Stack gap="md" align="flex-start">
                <Box w="100%">
                  <VerificationResult result={check.data} />
                </Box>
                <Button variant="default" onClick={checkAnother}>
                  {t('verify.checkAnother')}
                </Button>
              </Stack>
            )}
          </div>
        </Stack>
      </Container>
    </Box>
  );
}
