import { Badge, Button, Card, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectDetail } from '../api/types';
import { DateTime } from '../lib/DateTime';
import { formatCalendarDate } from '../lib/format';
import { documentPdfUrl, type DeliveryDocument, type DocumentKind, type DocumentState } from './deliveryApi';
import { OutsideSignatureModal } from './OutsideSignatureModal';
import { SignatureRequestModal } from './SignatureRequestModal';

const stateColors: Record<DocumentState, string> = {
  'awaiting-signature': 'yellow',
  signed: 'green',
  superseded: 'gray',
};

interface DocumentsCardProps {
  project: ProjectDetail;
  kind: DocumentKind;
  documents: readonly DeliveryDocument[];
  canWork: boolean;
  /** Why a new version cannot be put up for signature yet (the UAT not fully run, say), when known here. */
  blocker?: string | null;
}

/** P5 or P7: the versions of the UAT document or of the activity report, their signatures, and a new version put up for signature. */
export function DocumentsCard({ project, kind, documents, canWork, blocker = null }: DocumentsCardProps) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const [isRecordingOutside, setRecordingOutside] = useState(false);
  const headingId = `documents-${kind}-heading`;
  const blockerId = `documents-${kind}-blocker`;
  const versions = documents.filter((document) => document.kind === kind).sort((a, b) => b.version - a.version);
  const signed = versions.find((document) => document.state === 'signed');
  const awaiting = versions.find((document) => document.state === 'awaiting-signature');
  const documentName = t(`delivery.documents.kinds.${kind}`);
  const reason = signed ? t('delivery.documents.alreadySigned', { version: signed.version }) : blocker;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Title order={2} size="h4" id={headingId}>
            {t(`delivery.documents.headings.${kind}`)}
          </Title>
          {canWork && (
            <Group gap="xs">
              {awaiting && (
                <Button
                  variant="default"
                  onClick={() => setRecordingOutside(true)}
                  aria-haspopup="dialog"
                  aria-label={t('delivery.outsideSignature.openLabel', {
                    document: documentName,
                    version: awaiting.version,
                  })}
                >
                  {t('delivery.outsideSignature.open')}
                </Button>
              )}
              <Button
                onClick={() => setOpen(true)}
                aria-haspopup="dialog"
                aria-label={t('delivery.documents.putUpLabel', { document: documentName })}
                aria-describedby={reason ? blockerId : undefined}
                disabled={reason !== null}
              >
                {t('delivery.documents.putUp')}
              </Button>
            </Group>
          )}
        </Group>
        <Text size="sm">{t(`delivery.documents.hints.${kind}`)}</Text>
        {reason && (
          <Text size="sm" c="dimmed" id={blockerId}>
            {reason}
          </Text>
        )}
        {versions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('delivery.documents.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" aria-labelledby={headingId}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('delivery.documents.columns.version')}</Table.Th>
                  <Table.Th>{t('delivery.documents.columns.state')}</Table.Th>
                  <Table.Th>{t('delivery.documents.columns.created')}</Table.Th>
                  <Table.Th>{t('delivery.documents.columns.signature')}</Table.Th>
                  <Table.Th>{t('delivery.documents.columns.file')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {versions.map((document) => (
                  <DocumentRow
                    key={document.id}
                    projectId={project.id}
                    document={document}
                    documentName={documentName}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      {canWork && (
        <SignatureRequestModal project={project} kind={kind} opened={isOpen} onClose={() => setOpen(false)} />
      )}
      {canWork && awaiting && (
        <OutsideSignatureModal
          projectId={project.id}
          document={awaiting}
          documentName={documentName}
          opened={isRecordingOutside}
          onClose={() => setRecordingOutside(false)}
        />
      )}
    </Card>
  );
}

function DocumentRow({
  projectId,
  document,
  documentName,
}: {
  projectId: string;
  document: DeliveryDocument;
  documentName: string;
}) {
  const { t, i18n } = useTranslation();
  const { signature, outsideSignature } = document;
  return (
    <Table.Tr>
      <Table.Td>{t('delivery.documents.version', { version: document.version })}</Table.Td>
      <Table.Td>
        <Stack gap={2}>
          <Badge color={stateColors[document.state]} variant="light" component="span">
            {t(`delivery.documents.states.${document.state}`)}
          </Badge>
          {outsideSignature && (
            <Badge color="blue" variant="outline" component="span">
              {t('delivery.outsideSignature.badge')}
            </Badge>
          )}
          {document.supersededReason && (
            <Text size="xs" c="dimmed">
              {document.supersededReasonKey === null
                ? document.supersededReason
                : (t as unknown as (key: string, options: object) => string)(
                    `serverErrors.${document.supersededReasonKey}`,
                    { ...document.supersededReasonValues, defaultValue: document.supersededReason },
                  )}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          <DateTime iso={document.createdAt} />
        </Text>
      </Table.Td>
      <Table.Td>
        {outsideSignature ? (
          <Stack gap={2}>
            <Text size="sm">
              {t('delivery.outsideSignature.signedBy', {
                name: outsideSignature.signerName,
                date: formatCalendarDate(outsideSignature.signedOn, i18n.language),
              })}
            </Text>
            <Text size="xs" c="dimmed">
              {t('delivery.outsideSignature.recordedBy', { name: outsideSignature.recordedBy.name })}{' '}
              <DateTime iso={outsideSignature.recordedAt} />
            </Text>
            <Text size="xs" c="dimmed">
              {t('delivery.outsideSignature.scanSha')}{' '}
              <Code style={{ wordBreak: 'break-all' }}>{outsideSignature.sha256}</Code>
            </Text>
          </Stack>
        ) : signature ? (
          <Stack gap={2}>
            <Text size="sm">
              {t('delivery.documents.signedBy', {
                name: signature.signerName,
                organisation: signature.signerOrganisation,
                email: signature.signerEmail,
              })}
            </Text>
            <Text size="xs" c="dimmed">
              <DateTime iso={signature.signedAt} />
            </Text>
            <Text size="xs" c="dimmed">
              {t('delivery.documents.sealedSha')}{' '}
              <Code style={{ wordBreak: 'break-all' }}>{signature.sealedSha256}</Code>
            </Text>
          </Stack>
        ) : (
          <Text size="xs" c="dimmed">
            {t('delivery.documents.sha')} <Code style={{ wordBreak: 'break-all' }}>{document.sha256}</Code>
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Button
          component="a"
          href={documentPdfUrl(projectId, document.id)}
          download
          size="xs"
          variant="subtle"
          aria-label={
            outsideSignature
              ? t('delivery.outsideSignature.downloadLabel', { document: documentName, version: document.version })
              : t('delivery.documents.downloadLabel', { document: documentName, version: document.version })
          }
        >
          {outsideSignature ? t('delivery.outsideSignature.download') : t('delivery.documents.download')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}
