import { Alert, Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/errors';
import { PageLoader } from '../layout/PageLoader';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { EmptyState } from '../ui/EmptyState';
import { PortalQueryProblem } from './PortalQueryProblem';
import { PortalSessionList } from './PortalSessionList';
import { PortalSessionProposal } from './PortalSessionProposal';
import { formatSessionWhen } from './PortalSessionTime';
import { portalPaths, useAcceptSlot, usePortalSessions, type PortalHome, type PortalSession } from './portalApi';
import { usePortalTitle } from './usePortalTitle';

type Notice = { kind: 'confirmed'; when: string; engineerName: string } | { kind: 'taken'; message: string };

function isTaken(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 409;
}

/** The sessions of one project: dates offered to choose from, then the coming and past sessions. */
export function PortalSessionsPage({ me }: { me: PortalHome }) {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const query = usePortalSessions(id);
  const accept = useAcceptSlot(id);
  const [chosen, setChosen] = useState<{ proposalId: string; slot: PortalSession } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  usePortalTitle(t('portal.sessions.title'), me.vendor.name);

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
  const { customerTimeZone: zone, proposals } = query.data;
  const upcoming = [...query.data.upcoming].sort((a, b) => a.start.localeCompare(b.start));
  const past = [...query.data.past].sort((a, b) => b.start.localeCompare(a.start));
  const openProposals = proposals.filter((proposal) => proposal.slots.length > 0);
  const isEmpty = openProposals.length === 0 && upcoming.length === 0 && past.length === 0;

  const confirmChoice = () => {
    if (!chosen) return;
    const when = formatSessionWhen(chosen.slot, zone, i18n.language);
    accept.mutate(
      { proposalId: chosen.proposalId, sessionId: chosen.slot.id },
      {
        onSuccess: () => {
          setNotice({ kind: 'confirmed', when, engineerName: chosen.slot.engineerName });
          setChosen(null);
        },
        onError: (error) => {
          // The date went to someone else a moment ago: the server has offered new dates, which the refetch shows.
          if (isTaken(error)) {
            setNotice({ kind: 'taken', message: error.message });
            setChosen(null);
          }
        },
      },
    );
  };

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={portalPaths.project(id)} size="sm">
        ← {t('portal.questionnaire.back')}
      </Anchor>
      <Stack gap={4}>
        <Title order={1}>{t('portal.sessions.title')}</Title>
        <Text c="dimmed">{t('portal.sessions.timesIn', { zone })}</Text>
      </Stack>
      <div ref={noticeRef} tabIndex={-1} aria-live="polite" style={{ outline: 'none' }}>
        {notice?.kind === 'confirmed' && (
          <Alert
            color="green"
            title={t('portal.sessions.confirmedTitle')}
            withCloseButton
            closeButtonLabel={t('common.close')}
            onClose={() => setNotice(null)}
          >
            {t('portal.sessions.confirmedBody', { when: notice.when, name: notice.engineerName })}
          </Alert>
        )}
        {notice?.kind === 'taken' && (
          <Alert
            color="orange"
            role="alert"
            title={t('portal.sessions.takenTitle')}
            withCloseButton
            closeButtonLabel={t('common.close')}
            onClose={() => setNotice(null)}
          >
            {notice.message}
          </Alert>
        )}
      </div>
      {isEmpty && <EmptyState title={t('portal.sessions.emptyTitle')} description={t('portal.sessions.emptyBody')} />}
      {openProposals.length > 0 && (
        <Stack gap="md" component="section" aria-labelledby="proposals-title">
          <Title order={2} size="h3" id="proposals-title">
            {upcoming.length === 0 && past.length === 0
              ? t('portal.sessions.chooseFirst')
              : t('portal.sessions.chooseNext')}
          </Title>
          {openProposals.map((proposal) => (
            <PortalSessionProposal
              key={proposal.id}
              projectId={id}
              proposal={proposal}
              zone={zone}
              isAccepting={accept.isPending}
              onAccept={(slot) => {
                accept.reset();
                setChosen({ proposalId: proposal.id, slot });
              }}
            />
          ))}
        </Stack>
      )}
      {upcoming.length > 0 && (
        <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby="upcoming-title">
          <Title order={2} size="h3" id="upcoming-title" mb="sm">
            {t('portal.sessions.upcomingTitle')}
          </Title>
          <PortalSessionList projectId={id} sessions={upcoming} zone={zone} isUpcoming />
        </Paper>
      )}
      {past.length > 0 && (
        <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby="past-title">
          <Title order={2} size="h3" id="past-title" mb="sm">
            {t('portal.sessions.pastTitle')}
          </Title>
          <PortalSessionList projectId={id} sessions={past} zone={zone} isUpcoming={false} />
        </Paper>
      )}
      <ConfirmDialog
        opened={chosen !== null}
        title={t('portal.sessions.confirmTitle')}
        message={
          chosen
            ? t('portal.sessions.confirmMessage', {
                when: formatSessionWhen(chosen.slot, zone, i18n.language),
                zone,
                name: chosen.slot.engineerName,
              })
            : ''
        }
        confirmLabel={t('portal.sessions.confirmButton')}
        isPending={accept.isPending}
        error={isTaken(accept.error) ? null : accept.error}
        preferServerReason
        onConfirm={confirmChoice}
        onClose={() => setChosen(null)}
      />
    </Stack>
  );
}
