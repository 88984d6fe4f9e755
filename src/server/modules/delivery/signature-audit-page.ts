/**
 * The audit page appended to a document when it is signed in the portal, in the signer's language: the facts and
 * events it records, its labels read from the language resources (src/domain/text/locales/<language>/pdf.json,
 * `auditPage`).
 */
import { resourceOf, translatorFor } from '../../../domain/text/i18n';
import type { AuditPage } from '../../pdf/seal';
import type { SignBody } from './delivery.schemas';
import { utc } from './document-format';
import type { Language } from './document-texts';

/** What the audit page records of one signature. */
export interface SignatureEvidence {
  language: Language;
  documentTitle: string;
  documentVersion: number;
  documentSha256: string;
  documentCreatedAt: Date;
  project: { reference: string; name: string };
  customerName: string;
  contact: { name: string; email: string; organisationName: string };
  signature: SignBody['signature'];
  fullName: string;
  image: Buffer | null;
  consentText: string;
  ip: string | null;
  userAgent: string | null;
  /** The personal link the signer came in by, if any: its id, when it was issued and first opened. */
  link: { id: string; createdAt: Date; usedAt: Date | null } | null;
  certificateFingerprint: string;
  signedAt: Date;
  verifyUrl: string;
}

/** The audit page of a signature, in the signer's language. */
export function signatureAuditPage(evidence: SignatureEvidence): AuditPage {
  const words = resourceOf(evidence.language, 'pdf').auditPage;
  const t = translatorFor(evidence.language, 'pdf');
  const { link, contact } = evidence;
  const linkWords =
    link === null
      ? ''
      : link.usedAt === null
        ? t('auditPage.linkIssued', { id: link.id, issued: utc(link.createdAt) })
        : t('auditPage.linkIssuedOpened', { id: link.id, issued: utc(link.createdAt), opened: utc(link.usedAt) });
  const signatureWords =
    evidence.signature.kind === 'typed' ? `${words.typed}: ${evidence.signature.text}` : words.drawn;
  return {
    language: evidence.language,
    title: words.page,
    facts: [
      { label: words.document, value: `${evidence.documentTitle}, v${evidence.documentVersion}` },
      { label: words.project, value: `${evidence.project.reference} — ${evidence.project.name}` },
      { label: words.customer, value: evidence.customerName },
      { label: words.signer, value: evidence.fullName },
      { label: words.email, value: contact.email },
      { label: words.organisation, value: contact.organisationName },
      { label: words.signature, value: signatureWords },
      { label: words.hash, value: evidence.documentSha256 },
      { label: words.consent, value: evidence.consentText },
      { label: words.ip, value: evidence.ip ?? '—' },
      { label: words.agent, value: evidence.userAgent ?? '—' },
      {
        label: words.identity,
        value: t('auditPage.identityText', { email: contact.email, link: linkWords, name: contact.name }),
      },
      { label: words.certificate, value: evidence.certificateFingerprint },
    ],
    ...(evidence.image === null ? {} : { signatureImage: { png: evidence.image, caption: words.drawnImage } }),
    eventsHeading: words.events,
    events: [
      { at: utc(evidence.documentCreatedAt), text: words.prepared },
      { at: utc(evidence.signedAt), text: `${words.signed}: ${evidence.fullName} <${contact.email}>` },
      { at: utc(evidence.signedAt), text: words.sealed },
    ],
    footer: t('auditPage.footer', { url: evidence.verifyUrl }),
  };
}
