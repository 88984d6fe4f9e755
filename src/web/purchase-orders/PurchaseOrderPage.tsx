import {
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Loader,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, call } from '../api/client';
import { queryKeys, useApplications, usePurchaseOrder } from '../api/queries';
import type { PurchaseOrder } from '../api/types';
import { can, useCurrentUser } from '../auth/session';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { DateTime } from '../lib/DateTime';
import { formatCalendarDate, formatMoney, useLocalized } from '../lib/format';
import { PriorityBadge } from '../projects/badges';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { LiveError } from '../ui/ErrorAlert';
import { PaymentTermsBadge, PurchaseOrderStatusBadge } from './badges';
import { useQuantity } from './quantity';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0} size="sm">
        {children}
      </Text>
    </div>
  );
}

/** The name the project will get: the order's, or the server's default (customer — number). */
function projectNameOf(order: PurchaseOrder): string {
  return order.projectName ?? `${order.customer.name} — ${order.number}`;
}

function useApplicationNames(keys: readonly string[]): string[] {
  const localize = useLocalized();
  const catalog = useApplications();
  return keys.map((key) => {
    const application = catalog.data?.find((item) => item.key === key);
    return application ? localize(application.name) : key;
  });
}

/** What approving creates, said before it happens: the project, its scope, and whether a prepayment holds it. */
function ApproveDialog({
  order,
  opened,
  isPending,
  error,
  onConfirm,
  onClose,
}: {
  order: PurchaseOrder;
  opened: boolean;
  isPending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const quantity = useQuantity();
  const applicationNames = useApplicationNames(order.applications);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('purchaseOrderDetail.approveTitle', { number: order.number })}
      centered
    >
      <Stack>
        <Text>
          {t('purchaseOrderDetail.approveIntro', { name: projectNameOf(order), customer: order.customer.name })}
        </Text>
        <List>
          <List.Item>{t('purchaseOrderDetail.approveApplications', { list: applicationNames.join(', ') })}</List.Item>
          <List.Item>{t('purchaseOrderDetail.approveEffort', { days: quantity(order.effortDays, 'days') })}</List.Item>
          <List.Item>
            {order.isTrainingPurchased
              ? t('purchaseOrderDetail.approveTrainingYes')
              : t('purchaseOrderDetail.approveTrainingNo')}
          </List.Item>
        </List>
        {order.partner === null ? (
          <Text>{t('purchaseOrderDetail.approveDirect')}</Text>
        ) : order.isPaymentRequired ? (
          <Text c="orange.9" fw={500}>
            {t('purchaseOrderDetail.approvePrepayment', { partner: order.partner.name })}
          </Text>
        ) : (
          <Text>{t('purchaseOrderDetail.approveNoPrepayment', { partner: order.partner.name })}</Text>
        )}
        <Text size="sm" c="dimmed">
          {t('purchaseOrderDetail.approveFinal')}
        </Text>
        <LiveError error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={isPending}>
            {t('common.cancel')}
          </Button>
          <Button loading={isPending} onClick={onConfirm} data-autofocus>
            {t('purchaseOrderDetail.approveConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function OrderDetails({ order }: { order: PurchaseOrder }) {
  const { t, i18n } = useTranslation();
  const localize = useLocalized();
  const quantity = useQuantity();
  const applicationNames = useApplicationNames(order.applications);
  return (
    <>
      <Paper withBorder p="lg">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} component="dl" m={0}>
          <Fact label={t('purchaseOrders.orderDate')}>
            <time dateTime={order.orderDate}>{formatCalendarDate(order.orderDate, i18n.language)}</time>
          </Fact>
          <Fact label={t('purchaseOrders.customer')}>
            <Anchor component={Link} to={`/organisations/${order.customer.id}`} size="sm">
              {order.customer.name}
            </Anchor>
          </Fact>
          <Fact label={t('purchaseOrders.partner')}>
            {order.partner ? (
              <Group gap="xs" component="span">
                <Anchor component={Link} to={`/organisations/${order.partner.id}`} size="sm">
                  {order.partner.name}
                </Anchor>
                <PaymentTermsBadge terms={order.partner.paymentTerms} />
              </Group>
            ) : (
              t('purchaseOrders.direct')
            )}
          </Fact>
          <Fact label={t('purchaseOrders.amount')}>{formatMoney(order.amount, order.currency, i18n.language)}</Fact>
          <Fact label={t('purchaseOrders.effort')}>{quantity(order.effortDays, 'days')}</Fact>
          <Fact label={t('purchaseOrderDetail.training')}>
            {order.isTrainingPurchased ? t('purchaseOrderDetail.trainingYes') : t('purchaseOrderDetail.trainingNo')}
          </Fact>
          <Fact label={t('purchaseOrderDetail.deployment')}>{t(`deployment.${order.deployment}`)}</Fact>
          <Fact label={t('purchaseOrderDetail.priority')}>
            <PriorityBadge priority={order.priority} />
          </Fact>
          <Fact label={t('purchaseOrderDetail.projectName')}>
            {order.projectName ?? t('purchaseOrderDetail.projectNameDefault', { name: projectNameOf(order) })}
          </Fact>
          <Fact label={t('purchaseOrderDetail.applications')}>
            <Group gap={4} component="span">
              {applicationNames.map((name) => (
                <Badge key={name} variant="light" color="gray" component="span">
                  {name}
                </Badge>
              ))}
            </Group>
          </Fact>
          <Fact label={t('purchaseOrderDetail.recordedAt')}>
            <DateTime iso={order.createdAt} />
          </Fact>
          {order.approvedAt && (
            <Fact label={t('purchaseOrderDetail.approvedAt')}>
              <DateTime iso={order.approvedAt} />
            </Fact>
          )}
        </SimpleGrid>
      </Paper>
      <Table.ScrollContainer minWidth={480}>
        <Table withTableBorder verticalSpacing="sm">
          <VisuallyHidden component="caption">
            {t('purchaseOrderDetail.linesCaption', { number: order.number })}
          </VisuallyHidden>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('purchaseOrderDetail.service')}</Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>
                {t('purchaseOrderDetail.quantity')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {order.lines.map((line, index) => (
              <Table.Tr key={`${line.serviceKey}-${index}`}>
                <Table.Td>{localize(line.serviceName)}</Table.Td>
                <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                  {quantity(line.quantity, line.unit)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}

export default function PurchaseOrderPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const order = usePurchaseOrder(id);
  const [dialog, setDialog] = useState<'approve' | 'delete' | null>(null);
  useDocumentTitle(
    order.data ? t('purchaseOrderDetail.title', { number: order.data.number }) : t('purchaseOrders.title'),
  );

  const approve = useMutation({
    mutationFn: () => call(api.POST('/api/purchase-orders/{id}/approve', { params: { path: { id } } })),
    onSuccess: (approved) => {
      queryClient.setQueryData(queryKeys.purchaseOrder(approved.id), approved);
      void queryClient.invalidateQueries({ queryKey: ['purchaseOrders'] });
      void queryClient.invalidateQueries({ queryKey: ['projects'] });
      notifications.show({
        color: 'green',
        message: t('purchaseOrderDetail.approved', {
          number: approved.number,
          reference: approved.project?.reference ?? '',
        }),
      });
      setDialog(null);
      void navigate(approved.project ? `/projects/${approved.project.id}` : `/purchase-orders/${approved.id}`);
    },
  });

  const remove = useMutation({
    mutationFn: () => call(api.DELETE('/api/purchase-orders/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      const number = order.data?.number ?? '';
      notifications.show({ color: 'green', message: t('purchaseOrderDetail.deleted', { number }) });
      setDialog(null);
      void navigate('/purchase-orders');
      // After leaving the page, so that its own query does not refetch the order it has just deleted.
      queryClient.removeQueries({ queryKey: queryKeys.purchaseOrder(id) });
      void queryClient.invalidateQueries({ queryKey: ['purchaseOrders'] });
    },
  });

  const back = (
    <Anchor component={Link} to="/purchase-orders" size="sm">
      <span aria-hidden>← </span>
      {t('purchaseOrders.back')}
    </Anchor>
  );

  if (!can(user, 'managePurchaseOrders')) {
    return (
      <Stack>
        <Title order={1}>{t('purchaseOrders.title')}</Title>
        <Text>{t('errors.forbidden')}</Text>
      </Stack>
    );
  }
  if (order.isPending) {
    return (
      <Group justify="center" p="xl" role="status">
        <Loader aria-label={t('common.loading')} />
      </Group>
    );
  }
  if (order.isError) {
    return (
      <Stack>
        {back}
        <Title order={1}>{t('purchaseOrders.title')}</Title>
        <LiveError error={order.error} />
      </Stack>
    );
  }

  const detail = order.data;
  const isDraft = detail.status === 'draft';

  function open(which: 'approve' | 'delete') {
    approve.reset();
    remove.reset();
    setDialog(which);
  }

  return (
    <Stack maw={1000}>
      {back}
      <Group justify="space-between" align="flex-start">
        <Group gap="sm" align="center">
          <Title order={1}>{t('purchaseOrderDetail.title', { number: detail.number })}</Title>
          <PurchaseOrderStatusBadge status={detail.status} />
        </Group>
        {detail.project && (
          <Button component={Link} to={`/projects/${detail.project.id}`} variant="light">
            {t('purchaseOrderDetail.openProject', { reference: detail.project.reference })}
          </Button>
        )}
      </Group>
      {isDraft && (
        <Paper withBorder p="md" bg="gray.0">
          <Stack gap="sm">
            <Text size="sm">{t('purchaseOrderDetail.draftExplanation')}</Text>
            <Group gap="sm">
              <Button onClick={() => open('approve')} aria-haspopup="dialog">
                {t('purchaseOrderDetail.approve')}
              </Button>
              <Button variant="outline" color="red" onClick={() => open('delete')} aria-haspopup="dialog">
                {t('purchaseOrderDetail.delete')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      <OrderDetails order={detail} />
      <ApproveDialog
        order={detail}
        opened={dialog === 'approve'}
        isPending={approve.isPending}
        error={approve.error}
        onConfirm={() => approve.mutate()}
        onClose={() => !approve.isPending && setDialog(null)}
      />
      <ConfirmDialog
        opened={dialog === 'delete'}
        title={t('purchaseOrderDetail.deleteTitle', { number: detail.number })}
        message={t('purchaseOrderDetail.deleteConfirm', { number: detail.number, customer: detail.customer.name })}
        confirmLabel={t('purchaseOrderDetail.deleteButton')}
        confirmColor="red"
        isPending={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        onClose={() => !remove.isPending && setDialog(null)}
      />
    </Stack>
  );
}
