import { Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../ui/ErrorAlert';
import { isNotFound, portalPaths, type PortalDeliveryPage } from './portalApi';

/** What the delivery asks of the contact: documents awaiting their signature, then the tasks left to tick. */
export function deliveryWork(delivery: PortalDeliveryPage | undefined) {
  if (!delivery) return { toSign: [], toDo: 0, total: 0 };
  const items = [...delivery.environment, ...delivery.pbx];
  return {
    toSign: delivery.documents.filter((document) => document.state === 'awaiting-signature'),
    toDo: items.filter((item) => item.tickedAt === null).length,
    total: items.length,
  };
}

/**
 * The project page's delivery card: documents waiting for a signature stand out; otherwise the tasks left to prepare.
 * A project whose delivery is not shared with this contact, or has nothing in it yet, shows no card.
 */
export function PortalDeliveryCard({
  projectId,
  delivery,
  error,
}: {
  projectId: string;
  delivery: PortalDeliveryPage | undefined;
  error: unknown;
}) {
  const { t } = useTranslation();
  if (error) {
    if (isNotFound(error)) return null;
    return (
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby="delivery-title">
        <Title order={2} size="h3" id="delivery-title" mb="sm">
          {t('portal.delivery.cardTitle')}
        </Title>
        <ErrorAlert error={error} />
      </Paper>
    );
  }
  if (!delivery) return null;
  const { toSign, toDo, total } = deliveryWork(delivery);
  if (total === 0 && delivery.documents.length === 0) return null;
  const hasToSign = toSign.length > 0;
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      radius="md"
      component="section"
      aria-labelledby="delivery-title"
      style={hasToSign ? { borderColor: 'var(--mantine-color-orange-5)', borderWidth: 2 } : undefined}
    >
      <Title order={2} size="h3" id="delivery-title" mb="sm">
        {t('portal.delivery.cardTitle')}
      </Title>
      <Stack gap="sm" align="flex-start">
        {hasToSign && <Text>{t('portal.delivery.cardToSign', { count: toSign.length })}</Text>}
        {total > 0 && (
          <Text>{toDo > 0 ? t('portal.delivery.cardToDo', { count: toDo }) : t('portal.delivery.cardAllDone')}</Text>
        )}
        {hasToSign ? (
          <Button component={Link} to={portalPaths.delivery(projectId)}>
            {t('portal.delivery.cardSign')}
          </Button>
        ) : (
          <Anchor component={Link} to={portalPaths.delivery(projectId)}>
            {t('portal.delivery.cardOpen')}
          </Anchor>
        )}
      </Stack>
    </Paper>
  );
}
