import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LiveError } from '../ui/ErrorAlert';
import { PortalSessionSlotCard } from './PortalSessionSlotCard';
import { formatDuration, PortalSessionPlace } from './PortalSessionTime';
import { useAskForOtherDates, type PortalProposal, type PortalSession } from './portalApi';

function AskForOtherDates({ projectId, proposal }: { projectId: string; proposal: PortalProposal }) {
  const { t } = useTranslation();
  const ask = useAskForOtherDates(projectId);
  const [isOpen, setIsOpen] = useState(false);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [wasSent, setWasSent] = useState(false);

  if (wasSent) {
    return (
      <Alert color="green" role="status" title={t('portal.sessions.askedTitle')}>
        {t('portal.sessions.askedBody', { name: proposal.engineerName })}
      </Alert>
    );
  }
  if (!isOpen) {
    return (
      <Group>
        <Button variant="default" onClick={() => setIsOpen(true)}>
          {t('portal.sessions.noneSuit')}
        </Button>
      </Group>
    );
  }
  const submit = () => {
    const trimmed = note.trim();
    if (trimmed === '') {
      setNoteError(t('portal.sessions.noteRequired'));
      return;
    }
    setNoteError(null);
    ask.mutate({ proposalId: proposal.id, note: trimmed }, { onSuccess: () => setWasSent(true) });
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      noValidate
    >
      <Stack gap="sm">
        <Textarea
          label={t('portal.sessions.noteLabel')}
          description={t('portal.sessions.noteHint')}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          error={noteError}
          required
          autosize
          minRows={3}
          maxLength={2000}
          data-autofocus
          autoFocus
        />
        <LiveError error={ask.error} />
        <Group>
          <Button type="submit" loading={ask.isPending}>
            {t('portal.sessions.askOthers')}
          </Button>
          <Button
            variant="subtle"
            onClick={() => {
              setIsOpen(false);
              setNoteError(null);
              ask.reset();
            }}
            disabled={ask.isPending}
          >
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One set of offered dates: what the session is, a card per date to accept, and a way to ask for others. */
export function PortalSessionProposal({
  projectId,
  proposal,
  zone,
  isAccepting,
  onAccept,
}: {
  projectId: string;
  proposal: PortalProposal;
  zone: string;
  isAccepting: boolean;
  onAccept: (slot: PortalSession) => void;
}) {
  const { t } = useTranslation();
  const titleId = `proposal-${proposal.id}`;
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      radius="md"
      component="section"
      aria-labelledby={titleId}
      style={{ borderColor: 'var(--mantine-color-orange-5)', borderWidth: 2 }}
    >
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={3} size="h4" id={titleId}>
            {proposal.title}
          </Title>
          <Text size="sm">
            {t('portal.sessions.proposalDetails', {
              duration: formatDuration(proposal.durationMinutes, t),
              name: proposal.engineerName,
            })}
          </Text>
          <PortalSessionPlace mode={proposal.mode} location={proposal.location} />
        </Stack>
        <Text fw={600}>{t('portal.sessions.chooseOne')}</Text>
        <SimpleGrid component="ul" cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" p={0} m={0}>
          {proposal.slots.map((slot) => (
            <PortalSessionSlotCard
              key={slot.id}
              slot={slot}
              proposal={proposal}
              zone={zone}
              isDisabled={isAccepting}
              onAccept={() => onAccept(slot)}
            />
          ))}
        </SimpleGrid>
        <AskForOtherDates projectId={projectId} proposal={proposal} />
      </Stack>
    </Paper>
  );
}
