import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../api/client';
import { queryKeys, usePortalLinks } from '../api/queries';
import type { PortalLink, PortalLinkState, ProjectDetail } from '../api/types';
import { useCurrentUser } from '../auth/session';
import { DateTime } from '../lib/DateTime';
import { localTimeZone } from '../lib/format';
import { EmptyState } from '../ui/EmptyState';
import { LiveError } from '../ui/ErrorAlert';
import { useProjectContacts } from './EmailComposer';
import { canWorkOn, useWorkMutation } from './projectWork';
import { ConfirmDialog } from '../ui/ConfirmDialog';

const stateColors: Record<PortalLinkState, string> = {
  valid: 'green',
  used: 'blue',
  expired: 'gray',
  revoked: 'red',
  unknown: 'gray',
};

function SendLink({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const contacts = useProjectContacts(project);
  const [contactId, setContactId] = useState<string | null>(null);
  const [choiceError, setChoiceError] = useState<string | null>(null);
  const send = useWorkMutation(
    project.id,
    (id: string) =>
      call(
        api.POST('/api/projects/{id}/portal-links', { params: { path: { id: project.id } }, body: { contactId: id } }),
      ),
    {
      successMessage: t('portalAccess.sent', {
        name: contacts.contacts.find((contact) => contact.id === contactId)?.name ?? '',
      }),
      invalidate: [queryKeys.portalLinks(project.id), queryKeys.projectMail(project.id)],
      notifyError: false,
    },
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!contactId) {
      setChoiceError(t('portalAccess.chooseContact'));
      return;
    }
    send.mutate(contactId, { onSuccess: () => setContactId(null) });
  }

  if (contacts.isPending) {
    return (
      <Group role="status" gap="xs">
        <Loader size="sm" aria-label={t('common.loading')} />
      </Group>
    );
  }
  if (contacts.error) return <LiveError error={contacts.error} />;
  if (contacts.contacts.length === 0) {
    return (
      <Alert color="yellow" title={t('portalAccess.noContactsTitle')}>
        <Stack gap={4}>
          <Text size="sm">{t('portalAccess.noContactsBody')}</Text>
          <Anchor component={Link} to={`/organisations/${project.customer.id}`} size="sm">
            {t('portalAccess.openCustomer', { name: project.customer.name })}
          </Anchor>
        </Stack>
      </Alert>
    );
  }

  const sides = ['customer', 'partner'] as const;
  const data = sides
    .map((side) => ({
      group: contacts.contacts.find((contact) => contact.side === side)?.organisationName ?? t(`party.${side}`),
      items: contacts.contacts
        .filter((contact) => contact.side === side)
        .map((contact) => ({
          value: contact.id,
          label: `${contact.name} <${contact.email}> · ${t(`contactRoles.${contact.role}`)}`,
        })),
    }))
    .filter((group) => group.items.length > 0);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Group align="flex-end" gap="sm">
          <Select
            label={t('portalAccess.contact')}
            placeholder={t('portalAccess.contactPlaceholder')}
            data={data}
            value={contactId}
            onChange={(value) => {
              setContactId(value);
              setChoiceError(null);
            }}
            searchable
            nothingFoundMessage={t('common.nothingFound')}
            error={choiceError}
            style={{ flex: '1 1 22rem' }}
          />
          <Button type="submit" loading={send.isPending}>
            {t('portalAccess.send')}
          </Button>
        </Group>
        <LiveError preferServerReason error={send.error} />
      </Stack>
    </form>
  );
}

function RevokeButton({ projectId, link }: { projectId: string; link: PortalLink }) {
  const { t } = useTranslation();
  const [isConfirming, setConfirming] = useState(false);
  const revoke = useWorkMutation(
    projectId,
    () =>
      call(
        api.POST('/api/projects/{id}/portal-links/{linkId}/revoke', {
          params: { path: { id: projectId, linkId: link.id } },
        }),
      ),
    {
      successMessage: t('portalAccess.revoked', { name: link.contact.name }),
      invalidate: [queryKeys.portalLinks(projectId)],
      notifyError: false,
    },
  );
  return (
    <>
      <Button
        size="xs"
        variant="outline"
        color="red"
        onClick={() => {
          revoke.reset();
          setConfirming(true);
        }}
        aria-haspopup="dialog"
        aria-describedby={`link-contact-${link.id}`}
      >
        {t('portalAccess.revoke')}
      </Button>
      <ConfirmDialog
        preferServerReason
        opened={isConfirming}
        title={t('portalAccess.revokeTitle', { name: link.contact.name })}
        message={
          link.activeSessions > 0
            ? t('portalAccess.revokeMessageSessions', { name: link.contact.name, count: link.activeSessions })
            : t('portalAccess.revokeMessage', { name: link.contact.name })
        }
        confirmLabel={t('portalAccess.revokeConfirm')}
        confirmColor="red"
        isPending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoke.mutate(undefined, { onSuccess: () => setConfirming(false) })}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}

/** The personal links emailed to the project's contacts: who has one, whether it was used, sending and revoking them. */
export function PortalAccessTab({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canWork = canWorkOn(user, project);
  const links = usePortalLinks(project.id);

  return (
    <Stack gap="lg">
      <Card withBorder padding="lg" component="section" aria-labelledby="send-link-heading">
        <Stack gap="sm">
          <Title order={2} size="h4" id="send-link-heading">
            {t('portalAccess.sendTitle')}
          </Title>
          <Text size="sm">{t('portalAccess.sendExplanation')}</Text>
          {canWork ? (
            <SendLink project={project} />
          ) : (
            <Text size="sm" c="dimmed">
              {t('requirements.onlyAssigned')}
            </Text>
          )}
        </Stack>
      </Card>
      <Stack gap="sm" component="section" aria-labelledby="links-heading">
        <Title order={2} size="h4" id="links-heading">
          {t('portalAccess.linksTitle')}
        </Title>
        {links.isPending ? (
          <Group justify="center" p="xl" role="status">
            <Loader aria-label={t('common.loading')} />
          </Group>
        ) : links.isError ? (
          <LiveError error={links.error} />
        ) : links.data.length === 0 ? (
          <EmptyState title={t('portalAccess.emptyTitle')} description={t('portalAccess.emptyBody')} />
        ) : (
          <Table.ScrollContainer minWidth={820}>
            <Table striped verticalSpacing="xs">
              <VisuallyHidden component="caption">{t('portalAccess.caption')}</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('portalAccess.contact')}</Table.Th>
                  <Table.Th scope="col">{t('portalAccess.sentAt', { zone: localTimeZone() })}</Table.Th>
                  <Table.Th scope="col">{t('portalAccess.expiresAt')}</Table.Th>
                  <Table.Th scope="col">{t('portalAccess.state')}</Table.Th>
                  <Table.Th scope="col">{t('portalAccess.sessions')}</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('portalAccess.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {links.data.map((link) => (
                  <Table.Tr key={link.id}>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <Text size="sm" fw={500} id={`link-contact-${link.id}`}>
                        {link.contact.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {link.contact.email}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <Text size="sm">
                        <DateTime iso={link.createdAt} />
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t(`portalAccess.reason.${link.reason}`)}
                        {link.createdBy ? ` · ${link.createdBy}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <Text size="sm">
                        <DateTime iso={link.expiresAt} />
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <Badge color={stateColors[link.state]} variant="light">
                        {t(`portalAccess.states.${link.state}`)}
                      </Badge>
                      {link.usedAt && (
                        <Text size="xs" c="dimmed">
                          {t('portalAccess.usedAt')} <DateTime iso={link.usedAt} />
                        </Text>
                      )}
                      {link.revokedAt && (
                        <Text size="xs" c="dimmed">
                          {t('portalAccess.revokedAt')} <DateTime iso={link.revokedAt} />
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <Text size="sm">{link.activeSessions}</Text>
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      {canWork && link.state !== 'revoked' && link.revokedAt === null && (
                        <RevokeButton projectId={project.id} link={link} />
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Stack>
  );
}
