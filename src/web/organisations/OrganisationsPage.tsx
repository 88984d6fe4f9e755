import {
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useOrganisations } from '../api/queries';
import type { OrganisationKind } from '../api/types';
import { can, useCurrentUser } from '../auth/session';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { DateTime } from '../lib/DateTime';
import { EmptyState } from '../ui/EmptyState';
import { LiveError } from '../ui/ErrorAlert';
import { NewOrganisationModal } from './NewOrganisationModal';

function asKind(value: string | null): OrganisationKind | undefined {
  return value === 'customer' || value === 'partner' ? value : undefined;
}

export default function OrganisationsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('organisations.title'));
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const kind = asKind(searchParams.get('kind'));
  const newKind = asKind(searchParams.get('new'));
  const organisations = useOrganisations(kind);
  const mayCreate = can(user, 'createOrganisation');

  function update(changes: Record<string, string | undefined>) {
    setSearchParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  }

  const openNew = () => update({ new: kind ?? 'customer' });
  const newButton = mayCreate ? (
    <Button onClick={openNew} aria-haspopup="dialog">
      {t('organisations.new')}
    </Button>
  ) : null;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('organisations.title')}</Title>
        {newButton}
      </Group>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="kind-filter-label">
          {t('organisations.show')}
        </Text>
        <SegmentedControl
          aria-labelledby="kind-filter-label"
          value={kind ?? 'all'}
          onChange={(value) => update({ kind: value === 'all' ? undefined : value })}
          data={[
            { value: 'all', label: t('organisations.filterAll') },
            { value: 'customer', label: t('organisations.filterCustomers') },
            { value: 'partner', label: t('organisations.filterPartners') },
          ]}
          style={{ alignSelf: 'flex-start' }}
        />
      </Stack>
      <LiveError error={organisations.error} />
      {organisations.isPending ? (
        <Group justify="center" p="xl" role="status">
          <Loader aria-label={t('common.loading')} />
        </Group>
      ) : organisations.isSuccess && organisations.data.length === 0 ? (
        <EmptyState
          title={
            kind === 'partner'
              ? t('organisations.emptyPartners')
              : kind === 'customer'
                ? t('organisations.emptyCustomers')
                : t('organisations.empty')
          }
          description={mayCreate ? t('organisations.emptyBodyCreate') : t('organisations.emptyBodyAsk')}
          action={
            mayCreate ? (
              <Button variant="light" onClick={openNew}>
                {t('organisations.createFirst')}
              </Button>
            ) : undefined
          }
        />
      ) : organisations.isSuccess ? (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover>
            <VisuallyHidden component="caption">{t('organisations.caption')}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('organisations.name')}</Table.Th>
                <Table.Th scope="col">{t('organisations.kind')}</Table.Th>
                <Table.Th scope="col">{t('organisations.paymentTerms')}</Table.Th>
                <Table.Th scope="col">{t('organisations.createdAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {organisations.data.map((organisation) => (
                <Table.Tr key={organisation.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/organisations/${organisation.id}`} fw={600}>
                      {organisation.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={organisation.kind === 'partner' ? 'grape' : 'teal'}>
                      {t(`organisations.kinds.${organisation.kind}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {organisation.paymentTerms ? t(`paymentTerms.${organisation.paymentTerms}`) : '—'}
                  </Table.Td>
                  <Table.Td>
                    <DateTime iso={organisation.createdAt} dateOnly />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {mayCreate && (
        <NewOrganisationModal
          opened={newKind !== undefined}
          initialKind={newKind ?? 'customer'}
          onClose={() => update({ new: undefined, return: undefined })}
          onCreated={(organisation) =>
            void navigate(
              searchParams.get('return') === 'new-project'
                ? `/projects/new?customerId=${organisation.id}`
                : `/organisations/${organisation.id}`,
            )
          }
        />
      )}
    </Stack>
  );
}
