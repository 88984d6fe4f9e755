import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Whether an item still holds Engage's shipped default or an admin's edit. */
export function ContentStateBadge({ isDefault }: { isDefault: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={isDefault ? 'gray' : 'violet'} variant="light">
      {isDefault ? t('content.default') : t('content.edited')}
    </Badge>
  );
}
