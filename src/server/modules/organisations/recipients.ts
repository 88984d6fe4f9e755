import { AppError } from '../../errors';

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
  throw new AppError(
    'validation_failed',
    `${names} ${disabled.length === 1 ? 'is' : 'are'} disabled and no longer receive anything from Engage: choose someone else, or re-enable them on their organisation’s page.`,
    disabled.map((item) => ({ path: `${field}.${item.index}`, message: 'This contact is disabled.' })),
  );
}
