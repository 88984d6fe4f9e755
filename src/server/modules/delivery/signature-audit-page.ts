/**
 * The audit page appended to a document when it is signed in the portal, in the signer's language: its labels (in
 * English and Italian, kept here together) and the facts and events it records.
 */
import type { AuditPage } from '../../pdf/seal';
import type { SignBody } from './delivery.schemas';
import { utc } from './document-format';
import type { Language } from './document-texts';

const labels = {
  it: {
    page: 'Pagina di audit della firma',
    document: 'Documento',
    project: 'Progetto',
    customer: 'Cliente',
    signer: 'Firmatario (nome digitato)',
    email: 'Email (dal link personale)',
    organisation: 'Organizzazione',
    signature: 'Firma',
    typed: 'digitata',
    drawn: 'disegnata (immagine qui sotto, conservata da Engage)',
    drawnImage: 'Firma disegnata',
    hash: 'SHA-256 del documento esaminato e firmato',
    consent: 'Testo del consenso',
    ip: 'Indirizzo IP',
    agent: 'Browser (user agent)',
    identity: 'Identità',
    identityText: (email: string, linkWords: string, name: string) =>
      `Link personale inviato per email a ${email}${linkWords}; sessione del portale di ${name}`,
    certificate: 'Impronta SHA-256 del certificato di sigillo',
    prepared: 'Versione preparata per la firma',
    signed: 'Firmato elettronicamente',
    sealed: 'Audit aggiunto e file sigillato con firma digitale',
    events: 'Eventi',
    footer: (verifyUrl: string) => `Verificate questo file su ${verifyUrl}`,
  },
  en: {
    page: 'Signature audit page',
    document: 'Document',
    project: 'Project',
    customer: 'Customer',
    signer: 'Signer (typed name)',
    email: 'Email (from the personal link)',
    organisation: 'Organisation',
    signature: 'Signature',
    typed: 'typed',
    drawn: 'drawn (image below, kept by Engage)',
    drawnImage: 'Drawn signature',
    hash: 'SHA-256 of the document reviewed and signed',
    consent: 'Consent text',
    ip: 'IP address',
    agent: 'Browser (user agent)',
    identity: 'Identity',
    identityText: (email: string, linkWords: string, name: string) =>
      `Personal link emailed to ${email}${linkWords}; portal session of ${name}`,
    certificate: 'SHA-256 fingerprint of the sealing certificate',
    prepared: 'Version prepared for signature',
    signed: 'Signed electronically',
    sealed: 'Audit page appended and file sealed with a digital signature',
    events: 'Events',
    footer: (verifyUrl: string) => `Verify this file at ${verifyUrl}`,
  },
};

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
  const words = labels[evidence.language];
  const { link, contact } = evidence;
  const linkWords =
    link === null
      ? ''
      : ` (link ${link.id}, issued ${utc(link.createdAt)}${link.usedAt === null ? '' : `, opened ${utc(link.usedAt)}`})`;
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
      { label: words.identity, value: words.identityText(contact.email, linkWords, contact.name) },
      { label: words.certificate, value: evidence.certificateFingerprint },
    ],
    ...(evidence.image === null ? {} : { signatureImage: { png: evidence.image, caption: words.drawnImage } }),
    eventsHeading: words.events,
    events: [
      { at: utc(evidence.documentCreatedAt), text: words.prepared },
      { at: utc(evidence.signedAt), text: `${words.signed}: ${evidence.fullName} <${contact.email}>` },
      { at: utc(evidence.signedAt), text: words.sealed },
    ],
    footer: words.footer(evidence.verifyUrl),
  };
}
