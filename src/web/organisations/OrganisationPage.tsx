import { Anchor, Badge, Button, Group, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useOrganisation } from '../api/queries';
import { useCurrentUser } from '../auth/session';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { BusinessCalendarCard } from '../calendars/BusinessCalendarCard';
import { EmptyState } from '../ui/EmptyState';
import { LiveError } from '../ui/ErrorAlert';
import { ContactForm } from './ContactForm';
import { ContactsTable } from './ContactsTable';

/** A customer's or partner's page: its contacts (added, edited, disabled here) and its business calendar. */
export default function OrganisationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const organisation = useOrganisation(id);
  const [isAdding, setAdding] = useState(false);
  useDocumentTitle(organisation.data?.name ?? t('organisations.title'));

  if (organisation.isPending) {
    return (
      <Group justify="center" p="xl" role="status">
        <Loader aria-label={t('common.loading')} />
      </Group>
    );
  }
  if (organisation.isError) {
    return (
      <Stack>
        <Title order={1}>{t('organisations.title')}</Title>
        <LiveError error={organisation.error} />
      </Stack>
    );
  }
  const detail = organisation.data;
  // The server decides: a manager, or the engineer of one of this organisation's projects.
  const mayAdd = detail.mayManageContacts;
  const addButton = mayAdd ? (
    <Button onClick={() => setAdding(true)} aria-haspopup="dialog">
      {t('contacts.add')}
    </Button>
  ) : null;

  return (
    <Stack>
      <Anchor component={Link} to="/organisations" size="sm">
        <span aria-hidden>← </span>
        {t('organisations.back')}
      </Anchor>
      <Group gap="sm">
        <Title order={1}>{detail.name}</Title>
        <Badge variant="light" color={detail.kind === 'partner' ? 'grape' : 'teal'}>
          {t(`organisations.kinds.${detail.kind}`)}
        </Badge>
      </Group>
      {detail.paymentTerms && (
        <Text>
          {t('organisations.paymentTerms')}: {t(`paymentTerms.${detail.paymentTerms}`)}
        </Text>
      )}
      <Group justify="space-between" mt="md">
        <Title order={2} size="h3">
          {t('contacts.title')}
        </Title>
        {detail.contacts.length > 0 && addButton}
      </Group>
      {detail.contacts.length === 0 ? (
        <EmptyState
          title={t('contacts.empty')}
          description={mayAdd ? t('contacts.emptyBody') : t('contacts.emptyBodyReadOnly')}
          action={addButton}
        />
      ) : (
        <ContactsTable organisation={detail} />
      )}
      <BusinessCalendarCard organisationId={detail.id} mayEdit={user.role === 'admin' || user.role === 'manager'} />
      <Modal opened={isAdding} onClose={() => setAdding(false)} title={t('contacts.addTitle')} centered>
        <ContactForm organisationId={detail.id} onDone={() => setAdding(false)} />
      </Modal>
    </Stack>
  );
}
