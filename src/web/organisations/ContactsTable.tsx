import { Anchor, Badge, Button, Group, Modal, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { queryKeys } from '../api/queries';
import type { Contact, OrganisationDetail } from '../api/types';
import { DateTime } from '../lib/DateTime';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { LiveError } from '../ui/ErrorAlert';
import { ContactForm } from './ContactForm';

/** Who added the contact and when ("Added by Anna on 3 Mar 2027"); contacts from before Engage recorded it show the day only. */
function AddedBy({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const date = <DateTime iso={contact.createdAt} dateOnly />;
  return (
    <Text size="sm">
      {contact.createdBy ? t('contacts.addedBy', { name: contact.createdBy.name }) : t('contacts.addedOn')} {date}
    </Text>
  );
}

/**
 * The organisation's contacts, disabled ones marked, with who added each; for those who may manage them, editing,
 * disabling (after a confirmation that says what it does) and enabling again.
 */
export function ContactsTable({ organisation }: { organisation: OrganisationDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Contact | null>(null);
  const [disabling, setDisabling] = useState<Contact | null>(null);
  const path = (contact: Contact) => ({ params: { path: { id: organisation.id, contactId: contact.id } } });
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.organisation(organisation.id) });

  const disable = useMutation({
    mutationFn: (contact: Contact) =>
      call(api.POST('/api/organisations/{id}/contacts/{contactId}/disable', path(contact))),
    onSuccess: (contact) => {
      void refresh();
      notifications.show({ color: 'green', message: t('contacts.disabledDone', { name: contact.name }) });
      setDisabling(null);
    },
  });
  const enable = useMutation({
    mutationFn: (contact: Contact) =>
      call(api.POST('/api/organisations/{id}/contacts/{contactId}/enable', path(contact))),
    onSuccess: (contact) => {
      void refresh();
      notifications.show({ color: 'green', message: t('contacts.enabledDone', { name: contact.name }) });
    },
  });
  const mayManage = organisation.mayManageContacts;

  return (
    <Stack gap="xs">
      <LiveError error={enable.error} preferServerReason />
      <Table.ScrollContainer minWidth={mayManage ? 980 : 820}>
        <Table striped verticalSpacing="sm">
          <VisuallyHidden component="caption">{t('contacts.caption', { name: organisation.name })}</VisuallyHidden>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('contacts.name')}</Table.Th>
              <Table.Th scope="col">{t('contacts.email')}</Table.Th>
              <Table.Th scope="col">{t('contacts.phone')}</Table.Th>
              <Table.Th scope="col">{t('contacts.language')}</Table.Th>
              <Table.Th scope="col">{t('contacts.role')}</Table.Th>
              <Table.Th scope="col">{t('contacts.addedColumn')}</Table.Th>
              {mayManage && (
                <Table.Th scope="col">
                  <VisuallyHidden>{t('contacts.actions')}</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {organisation.contacts.map((contact) => (
              <Table.Tr key={contact.id}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Text size="sm" fw={500} c={contact.isDisabled ? 'dimmed' : undefined}>
                      {contact.name}
                    </Text>
                    {contact.isDisabled && (
                      <Badge color="red" variant="light">
                        {t('contacts.disabledBadge')}
                      </Badge>
                    )}
                  </Group>
                  {contact.isDisabled && contact.disabledAt && (
                    <Text size="xs" c="dimmed">
                      {contact.disabledBy
                        ? t('contacts.disabledBy', { name: contact.disabledBy.name })
                        : t('contacts.disabledOn')}{' '}
                      <DateTime iso={contact.disabledAt} dateOnly />
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Anchor href={`mailto:${contact.email}`}>{contact.email}</Anchor>
                </Table.Td>
                <Table.Td>{contact.phone || '—'}</Table.Td>
                <Table.Td>{t(`languages.${contact.language}`)}</Table.Td>
                <Table.Td>{t(`contactRoles.${contact.role}`)}</Table.Td>
                <Table.Td>
                  <AddedBy contact={contact} />
                </Table.Td>
                {mayManage && (
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="default"
                        aria-haspopup="dialog"
                        aria-label={t('contacts.editLabel', { name: contact.name })}
                        onClick={() => setEditing(contact)}
                      >
                        {t('contacts.edit')}
                      </Button>
                      {contact.isDisabled ? (
                        <Button
                          size="xs"
                          variant="light"
                          color="green"
                          aria-label={t('contacts.enableLabel', { name: contact.name })}
                          loading={enable.isPending && enable.variables.id === contact.id}
                          onClick={() => enable.mutate(contact)}
                        >
                          {t('contacts.enable')}
                        </Button>
                      ) : (
                        <Button
                          size="xs"
                          variant="outline"
                          color="red"
                          aria-haspopup="dialog"
                          aria-label={t('contacts.disableLabel', { name: contact.name })}
                          onClick={() => {
                            disable.reset();
                            setDisabling(contact);
                          }}
                        >
                          {t('contacts.disable')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t('contacts.editTitle', { name: editing?.name ?? '' })}
        centered
      >
        {editing && <ContactForm organisationId={organisation.id} contact={editing} onDone={() => setEditing(null)} />}
      </Modal>
      <ConfirmDialog
        opened={disabling !== null}
        title={t('contacts.disableTitle', { name: disabling?.name ?? '' })}
        message={t('contacts.disableMessage', { name: disabling?.name ?? '' })}
        confirmLabel={t('contacts.disable')}
        confirmColor="red"
        isPending={disable.isPending}
        error={disable.error}
        preferServerReason
        onConfirm={() => disabling && disable.mutate(disabling)}
        onClose={() => setDisabling(null)}
      />
    </Stack>
  );
}
