import type { MailAddress } from '../api/types';

/** An address as an email client writes it: `Name <email>`, or the bare address. */
export function formatAddress(address: MailAddress): string {
  return address.name ? `${address.name} <${address.email}>` : address.email;
}

/** What a person calls the recipient: the name, else the address. */
export function addressName(address: MailAddress): string {
  return address.name || address.email;
}

export function mailSourceUrl(mailId: string): string {
  return `/api/mail/${encodeURIComponent(mailId)}/source`;
}

export function mailAttachmentUrl(mailId: string, attachmentId: string): string {
  return `/api/mail/${encodeURIComponent(mailId)}/attachments/${encodeURIComponent(attachmentId)}`;
}
