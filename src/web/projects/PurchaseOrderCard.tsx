import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { fieldErrorsFrom } from '../api/errors';
import type { ProjectDetail } from '../api/types';
import { can, useCurrentUser } from '../auth/session';
import { DateTime } from '../lib/DateTime';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { LiveError } from '../ui/ErrorAlert';
import { useProjectMutation } from './useProjectMutation';

/** E1: the purchase order number and approval, and the prepayment when the partner's terms need one. */
export function PurchaseOrderCard({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [poNumber, setPoNumber] = useState('');
  const [poError, setPoError] = useState<string | null>(null);
  const [isConfirmingPayment, setConfirmingPayment] = useState(false);

  const approve = useProjectMutation(
    project.id,
    (number: string) =>
      call(api.POST('/api/projects/{id}/purchase-order', { params: { path: { id: project.id } }, body: { number } })),
    t('purchaseOrder.approved'),
  );
  const recordPayment = useProjectMutation(
    project.id,
    () => call(api.POST('/api/projects/{id}/payment', { params: { path: { id: project.id } } })),
    t('purchaseOrder.paymentRecorded'),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const number = poNumber.trim();
    if (!number) {
      setPoError(t('purchaseOrder.numberRequired'));
      return;
    }
    setPoError(null);
    approve.mutate(number, {
      onError: (error) => setPoError(fieldErrorsFrom(error, ['number'] as const).fieldErrors.number ?? null),
    });
  }

  const { purchaseOrder, payment } = project;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="po-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="po-heading">
          {t('purchaseOrder.title')}
        </Title>
        {purchaseOrder ? (
          <Text size="sm">
            {t('purchaseOrder.approvedSummary', { number: purchaseOrder.number })}{' '}
            <DateTime iso={purchaseOrder.approvedAt} />
          </Text>
        ) : can(user, 'approvePurchaseOrder') ? (
          <form onSubmit={submit} noValidate>
            <Stack gap="xs">
              <Text size="sm" c="dimmed">
                {t('purchaseOrder.notApproved')}
              </Text>
              <Group align="flex-end" wrap="wrap">
                <TextInput
                  label={t('purchaseOrder.number')}
                  required
                  value={poNumber}
                  onChange={(event) => setPoNumber(event.currentTarget.value)}
                  error={poError}
                  style={{ flex: '1 1 12rem' }}
                />
                <Button type="submit" loading={approve.isPending}>
                  {t('purchaseOrder.approve')}
                </Button>
              </Group>
              <LiveError error={approve.error} />
            </Stack>
          </form>
        ) : (
          <Text size="sm" c="dimmed">
            {t('purchaseOrder.notApprovedReadOnly')}
          </Text>
        )}
        {payment.isRequired ? (
          payment.receivedAt ? (
            <Text size="sm">
              {t('purchaseOrder.paymentReceivedOn')} <DateTime iso={payment.receivedAt} />
            </Text>
          ) : (
            <Stack gap="xs" align="flex-start">
              <Text size="sm" c="orange.9">
                {t('purchaseOrder.paymentRequired')}
              </Text>
              {can(user, 'recordPayment') && (
                <Button
                  variant="light"
                  loading={recordPayment.isPending}
                  onClick={() => {
                    recordPayment.reset();
                    setConfirmingPayment(true);
                  }}
                  aria-haspopup="dialog"
                >
                  {t('purchaseOrder.recordPayment')}
                </Button>
              )}
            </Stack>
          )
        ) : (
          <Text size="sm" c="dimmed">
            {t('purchaseOrder.paymentNotRequired')}
          </Text>
        )}
      </Stack>
      <ConfirmDialog
        opened={isConfirmingPayment}
        title={t('purchaseOrder.recordPaymentTitle')}
        message={t('purchaseOrder.recordPaymentConfirm', { reference: project.reference })}
        confirmLabel={t('purchaseOrder.recordPaymentConfirmButton')}
        isPending={recordPayment.isPending}
        error={recordPayment.error}
        onClose={() => setConfirmingPayment(false)}
        onConfirm={() => recordPayment.mutate(undefined, { onSuccess: () => setConfirmingPayment(false) })}
      />
    </Card>
  );
}
