import {
  Anchor,
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
import { Link, useSearchParams } from 'react-router';
import { usePurchaseOrders } from '../api/queries';
import type { PurchaseOrderStatus } from '../api/types';
import { can, useCurrentUser } from '../auth/session';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { formatCalendarDate, formatMoney } from '../lib/format';
import { EmptyState } from '../ui/EmptyState';
import { LiveError } from '../ui/ErrorAlert';
import { PaymentTermsBadge, PurchaseOrderStatusBadge } from './badges';
import { useQuantity } from './quantity';

type StatusFilter = PurchaseOrderStatus | 'all';

/** Drafts first: they are what a manager has to act on. */
function readFilter(value: string | null): StatusFilter {
  return value === 'approved' || value === 'all' ? value : 'draft';
}

export default function PurchaseOrdersPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('purchaseOrders.title'));
  const user = useCurrentUser();
  const quantity = useQuantity();
  const [searchParams, setSearchParams] = useSearchParams();
  const filter = readFilter(searchParams.get('status'));
  const orders = usePurchaseOrders(filter === 'all' ? undefined : filter);

  if (!can(user, 'managePurchaseOrders')) {
    return (
      <Stack>
        <Title order={1}>{t('purchaseOrders.title')}</Title>
        <Text>{t('errors.forbidden')}</Text>
      </Stack>
    );
  }

  const actions = (
    <Group gap="sm">
      <Button variant="default" component={Link} to="/purchase-orders/import">
        {t('purchaseOrders.import')}
      </Button>
      <Button component={Link} to="/purchase-orders/new">
        {t('purchaseOrders.record')}
      </Button>
    </Group>
  );

  const empty =
    filter === 'draft'
      ? { title: t('purchaseOrders.emptyDraftsTitle'), body: t('purchaseOrders.emptyDraftsBody') }
      : filter === 'approved'
        ? { title: t('purchaseOrders.emptyApprovedTitle'), body: t('purchaseOrders.emptyApprovedBody') }
        : { title: t('purchaseOrders.emptyTitle'), body: t('purchaseOrders.emptyBody') };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('purchaseOrders.title')}</Title>
        {actions}
      </Group>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="po-status-filter-label">
          {t('purchaseOrders.show')}
        </Text>
        <SegmentedControl
          aria-labelledby="po-status-filter-label"
          value={filter}
          onChange={(value) => setSearchParams(value === 'draft' ? {} : { status: value }, { replace: true })}
          data={[
            { value: 'draft', label: t('purchaseOrders.filterDrafts') },
            { value: 'approved', label: t('purchaseOrders.filterApproved') },
            { value: 'all', label: t('purchaseOrders.filterAll') },
          ]}
          style={{ alignSelf: 'flex-start' }}
        />
      </Stack>
      <LiveError error={orders.error} />
      {orders.isPending ? (
        <Group justify="center" p="xl" role="status">
          <Loader aria-label={t('common.loading')} />
        </Group>
      ) : orders.isSuccess && orders.data.length === 0 ? (
        <EmptyState
          title={empty.title}
          description={empty.body}
          action={
            filter === 'approved' ? (
              <Button variant="light" onClick={() => setSearchParams({}, { replace: true })}>
                {t('purchaseOrders.filterDrafts')}
              </Button>
            ) : (
              actions
            )
          }
        />
      ) : orders.isSuccess ? (
        <>
          <Table.ScrollContainer minWidth={1000}>
            <Table striped highlightOnHover verticalSpacing="sm">
              <VisuallyHidden component="caption">{t('purchaseOrders.caption')}</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('purchaseOrders.number')}</Table.Th>
                  <Table.Th scope="col">{t('purchaseOrders.orderDate')}</Table.Th>
                  <Table.Th scope="col">{t('purchaseOrders.customer')}</Table.Th>
                  <Table.Th scope="col">{t('purchaseOrders.partner')}</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    {t('purchaseOrders.amount')}
                  </Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    {t('purchaseOrders.effort')}
                  </Table.Th>
                  <Table.Th scope="col">{t('purchaseOrders.status')}</Table.Th>
                  <Table.Th scope="col">{t('purchaseOrders.project')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {orders.data.map((order) => (
                  <Table.Tr key={order.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Anchor component={Link} to={`/purchase-orders/${order.id}`} fw={600}>
                        {order.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <time dateTime={order.orderDate}>{formatCalendarDate(order.orderDate, i18n.language)}</time>
                    </Table.Td>
                    <Table.Td>{order.customer.name}</Table.Td>
                    <Table.Td>
                      {order.partner ? (
                        <Stack gap={4} align="flex-start">
                          <Text size="sm">{order.partner.name}</Text>
                          <PaymentTermsBadge terms={order.partner.paymentTerms} />
                        </Stack>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t('purchaseOrders.direct')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                      {formatMoney(order.amount, order.currency, i18n.language)}
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                      {quantity(order.effortDays, 'days')}
                    </Table.Td>
                    <Table.Td>
                      <PurchaseOrderStatusBadge status={order.status} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {order.project ? (
                        <Anchor component={Link} to={`/projects/${order.project.id}`}>
                          {order.project.reference}
                        </Anchor>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t('purchaseOrders.awaitingApproval')}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('purchaseOrders.shown', { count: orders.data.length })}
          </Text>
        </>
      ) : null}
    </Stack>
  );
}
