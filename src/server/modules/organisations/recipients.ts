import { translate } from '../../../domain/text/i18n';
import { refuse } from '../../errors';

/**
 * Refuses disabled contacts among those chosen to receive something (an email, a link, a signature request): each one
 * is named at its place in the list (`body.contactIds.1`). The chosen contacts are known to exist; `field` is the list's
 * path in the request body.
 */
export function ensureRecipientsEnabled(
  chosen: readonly { id: string; name: string; isDisabled: boolean }[],
  contactIds: readonly string[],
  field: string,
): void {
  const disabled = contactIds.flatMap((id, index) => {
    const contact = chosen.find((candidate) => candidate.id === id);
    return contact?.isDisabled === true ? [{ index, name: contact.name }] : [];
  });
  if (disabled.length === 0) return;
  const names = [...new Set(disabled.map((item) => item.name))].join(', ');
  throw refuse('validation_failed', 'organisations.recipients_disabled', {
    values: { names, count: disabled.length },
    details: disabled.map((item) => ({
      path: `${field}.${item.index}`,
      message: translate('en', 'errors', 'common.contact_disabled'),
    })),
  });
}
