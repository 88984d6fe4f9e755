import { useTranslation } from 'react-i18next';
import type { ServiceUnit } from '../api/types';
import { formatNumber } from '../lib/format';

/** "2.5 days" / "2,5 giorni": a quantity of a service's unit, written in the viewer's locale. */
export function useQuantity(): (count: number, unit: ServiceUnit) => string {
  const { t, i18n } = useTranslation();
  return (count, unit) => t(`units.${unit}`, { count, value: formatNumber(count, i18n.language) });
}
