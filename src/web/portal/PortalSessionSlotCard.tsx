import { Button, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatSessionWhen, PortalSessionPlace, PortalSessionTime } from './PortalSessionTime';
import type { PortalProposal, PortalSession } from './portalApi';

/** One offered date, with the button that chooses it; the button's name says which date it accepts. */
export function PortalSessionSlotCard({
  slot,
  proposal,
  zone,
  isDisabled,
  onAccept,
}: {
  slot: PortalSession;
  /** What the proposal says for all its dates: a card repeats only what differs. */
  proposal: Pick<PortalProposal, 'mode' | 'location' | 'engineerName'>;
  zone: string;
  isDisabled: boolean;
  onAccept: () => void;
}) {
  const { t, i18n } = useTranslation();
  const when = formatSessionWhen(slot, zone, i18n.language);
  const isOpen = slot.state === 'proposed';
  return (
    <Paper withBorder p="md" radius="md" component="li" style={{ listStyle: 'none' }}>
      <Stack gap="xs" h="100%" justify="space-between">
        <Stack gap={4}>
          <PortalSessionTime session={slot} zone={zone} />
          {(slot.mode !== proposal.mode || slot.location !== proposal.location) && (
            <PortalSessionPlace mode={slot.mode} location={slot.location} />
          )}
          {slot.engineerName !== proposal.engineerName && (
            <Text size="sm" c="dimmed">
              {t('portal.sessions.withEngineer', { name: slot.engineerName })}
            </Text>
          )}
        </Stack>
        {isOpen ? (
          <Button
            onClick={onAccept}
            disabled={isDisabled}
            aria-label={t('portal.sessions.acceptLabel', { when })}
            h="auto"
            mih={36}
            py={6}
            styles={{ label: { whiteSpace: 'normal', textAlign: 'center' } }}
          >
            {t('portal.sessions.accept')}
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            {t('portal.sessions.slotUnavailable')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
