import { Alert, Anchor, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useLocalized } from '../lib/format';
import { PageLoader } from '../layout/PageLoader';
import { EmptyState } from '../ui/EmptyState';
import { DeliveryChecklistItem } from './DeliveryChecklistItem';
import { DeliveryDocumentCard } from './DeliveryDocumentCard';
import { PortalUatSection } from './PortalUatSection';
import { PortalQueryProblem } from './PortalQueryProblem';
import {
  portalPaths,
  usePortalDelivery,
  type DeliveryChecklist,
  type PortalChecklistItem,
  type PortalDeliveryPage as DeliveryData,
  type PortalHome,
} from './portalApi';
import { usePortalTitle } from './usePortalTitle';

type Notice = { kind: 'signed'; title: string; version: number } | { kind: 'conflict'; message: string };

function ChecklistProgress({ items, label }: { items: PortalChecklistItem[]; label: string }) {
  const { t } = useTranslation();
  const done = items.filter((item) => item.tickedAt !== null).length;
  const text = t('portal.delivery.progress', { done, total: items.length });
  return (
    <Stack gap={4}>
      <Text size="sm">{text}</Text>
      <Progress
        value={(done / items.length) * 100}
        aria-label={`${label}: ${text}`}
        color={done === items.length ? 'green' : 'blue'}
      />
    </Stack>
  );
}

function ChecklistItems({
  projectId,
  checklist,
  items,
  labelledBy,
}: {
  projectId: string;
  checklist: DeliveryChecklist;
  items: PortalChecklistItem[];
  labelledBy: string;
}) {
  return (
    <Stack gap={0} role="group" aria-labelledby={labelledBy}>
      {items.map((item) => (
        <DeliveryChecklistItem
          key={`${item.applicationKey ?? ''}/${item.key}`}
          projectId={projectId}
          checklist={checklist}
          item={item}
        />
      ))}
    </Stack>
  );
}

function EnvironmentSection({
  projectId,
  items,
  isCloud,
}: {
  projectId: string;
  items: PortalChecklistItem[];
  isCloud: boolean;
}) {
  const { t } = useTranslation();
  const title = isCloud ? t('portal.delivery.environmentTitleCloud') : t('portal.delivery.environmentTitle');
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby="environment-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="environment-title">
          {title}
        </Title>
        <Text>{t('portal.delivery.environmentIntro')}</Text>
        <ChecklistProgress items={items} label={title} />
        <ChecklistItems projectId={projectId} checklist="environment" items={items} labelledBy="environment-title" />
      </Stack>
    </Paper>
  );
}

function PbxSection({ projectId, data }: { projectId: string; data: DeliveryData }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  // Grouped by application, in the project's order of applications; a task of an application not listed still shows.
  const known = data.applications.map((application) => ({ key: application.key, name: localized(application.name) }));
  const unlisted = [...new Set(data.pbx.map((item) => item.applicationKey ?? ''))].filter(
    (key) => !known.some((application) => application.key === key),
  );
  const groups = [...known, ...unlisted.map((key) => ({ key, name: key }))]
    .map((application) => ({
      ...application,
      items: data.pbx.filter((item) => (item.applicationKey ?? '') === application.key),
    }))
    .filter((group) => group.items.length > 0);
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby="pbx-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="pbx-title">
          {t('portal.delivery.pbxTitle')}
        </Title>
        <Text>{t('portal.delivery.pbxIntro')}</Text>
        <ChecklistProgress items={data.pbx} label={t('portal.delivery.pbxTitle')} />
        {groups.map((group) => (
          <Stack key={group.key} gap={4} mt="xs">
            <Title order={3} size="h4" id={`pbx-${group.key}`}>
              {group.name}
            </Title>
            <ChecklistItems projectId={projectId} checklist="pbx" items={group.items} labelledBy={`pbx-${group.key}`} />
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}

/** The delivery of one project as the contact sees it: the machines to prepare, the telephone system tasks, the documents to sign. */
export function PortalDeliveryPage({ me }: { me: PortalHome }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = usePortalDelivery(id);
  const [notice, setNotice] = useState<Notice | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  usePortalTitle(t('portal.delivery.title'), me.vendor.name);

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  if (query.isPending) return <PageLoader />;
  if (query.isError)
    return (
      <PortalQueryProblem
        error={query.error}
        notFoundTitle={t('portal.project.notAvailableTitle')}
        onRetry={() => void query.refetch()}
      />
    );
  const data = query.data;
  // Documents to sign first, then the signed ones, newest first within each.
  const documents = [...data.documents].sort(
    (a, b) => Number(a.state === 'signed') - Number(b.state === 'signed') || b.createdAt.localeCompare(a.createdAt),
  );
  const isEmpty = data.environment.length === 0 && data.pbx.length === 0 && documents.length === 0;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={portalPaths.project(id)} size="sm">
        ← {t('portal.questionnaire.back')}
      </Anchor>
      <Stack gap={4}>
        <Title order={1}>{t('portal.delivery.title')}</Title>
        <Text>{t('portal.delivery.intro')}</Text>
      </Stack>
      <div ref={noticeRef} tabIndex={-1} aria-live="polite" style={{ outline: 'none' }}>
        {notice?.kind === 'signed' && (
          <Alert
            color="green"
            title={t('portal.delivery.signedTitle')}
            withCloseButton
            closeButtonLabel={t('common.close')}
            onClose={() => setNotice(null)}
          >
            {t('portal.delivery.signedBody', { title: notice.title, version: notice.version })}
          </Alert>
        )}
        {notice?.kind === 'conflict' && (
          <Alert
            color="orange"
            variant="filled"
            role="alert"
            title={t('portal.delivery.conflictTitle')}
            withCloseButton
            closeButtonLabel={t('common.close')}
            onClose={() => setNotice(null)}
          >
            <Text fw={600}>{notice.message}</Text>
            <Text size="sm" mt={4}>
              {t('portal.delivery.conflictReloaded')}
            </Text>
          </Alert>
        )}
      </div>
      {isEmpty ? (
        <EmptyState title={t('portal.delivery.emptyTitle')} description={t('portal.delivery.emptyBody')} />
      ) : (
        <>
          {data.environment.length > 0 && (
            <EnvironmentSection projectId={id} items={data.environment} isCloud={data.deployment === 'vendor-cloud'} />
          )}
          {data.pbx.length > 0 && <PbxSection projectId={id} data={data} />}
          {data.uat.some((item) => item.result !== null || item.evidence !== null) && (
            <PortalUatSection projectId={id} data={data} />
          )}
          <Stack gap="md" component="section" aria-labelledby="documents-title">
            <Title order={2} size="h3" id="documents-title">
              {t('portal.delivery.documentsTitle')}
            </Title>
            {documents.length === 0 && <Text>{t('portal.delivery.noDocuments')}</Text>}
            {documents.map((document) => (
              <DeliveryDocumentCard
                key={document.id}
                projectId={id}
                document={document}
                consentText={data.consentText}
                onSigned={(title, version) => setNotice({ kind: 'signed', title, version })}
                onConflict={(message) => setNotice({ kind: 'conflict', message })}
              />
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}
