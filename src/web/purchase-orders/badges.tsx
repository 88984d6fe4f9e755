import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PaymentTerms, PurchaseOrderStatus } from '../api/types';

/** A partner's payment terms: prepayment holds the project at E1 until the payment is recorded. */
export function PaymentTermsBadge({ terms }: { terms: PaymentTerms }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={terms === 'prepayment-required' ? 'orange' : 'teal'}
      variant="light"
      title={t(`paymentTerms.${terms}`)}
    >
      {t(`paymentTermsShort.${terms}`)}
    </Badge>
  );
}

export function PurchaseOrderStatusBadge({ status }: { status: PurchaseOrderStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={status === 'approved' ? 'green' : 'gray'} variant={status === 'approved' ? 'light' : 'outline'}>
      {t(`purchaseOrders.statuses.${status}`)}
    </Badge>
  );
}
