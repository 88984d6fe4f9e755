/**
 * The queries of the signable documents (the UAT document and the activity report, version by version), their
 * electronic signatures and the signatures recorded outside Engage.
 */
import { and, desc, eq, max, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { documentSignatures } from '../../db/schema';
import {
  outsideSignatures,
  signableDocuments,
  type SignableDocumentRow,
  type OutsideSignatureRecord,
} from './delivery.tables';

export type { SignableDocumentRow, OutsideSignatureRecord };
export type SignatureRow = Omit<typeof documentSignatures.$inferSelect, 'signatureImage'>;
type SignableKind = SignableDocumentRow['kind'];

/** Every column of a signature but the drawn image, which only the audit page shows. */
const signatureColumns = {
  id: documentSignatures.id,
  documentId: documentSignatures.documentId,
  projectId: documentSignatures.projectId,
  contactId: documentSignatures.contactId,
  signerName: documentSignatures.signerName,
  signerEmail: documentSignatures.signerEmail,
  signerOrganisation: documentSignatures.signerOrganisation,
  consentText: documentSignatures.consentText,
  signatureKind: documentSignatures.signatureKind,
  signatureText: documentSignatures.signatureText,
  documentSha256: documentSignatures.documentSha256,
  ip: documentSignatures.ip,
  userAgent: documentSignatures.userAgent,
  portalLinkId: documentSignatures.portalLinkId,
  signedAt: documentSignatures.signedAt,
  sealedFileId: documentSignatures.sealedFileId,
  sealedSha256: documentSignatures.sealedSha256,
  certificateFingerprint: documentSignatures.certificateFingerprint,
};

/** The project's documents, newest version first. */
export async function listSignableDocuments(db: Database, projectId: string): Promise<SignableDocumentRow[]> {
  return db
    .select()
    .from(signableDocuments)
    .where(eq(signableDocuments.projectId, projectId))
    .orderBy(desc(signableDocuments.version));
}

export async function listDocumentSignatures(db: Database, projectId: string): Promise<SignatureRow[]> {
  return db.select(signatureColumns).from(documentSignatures).where(eq(documentSignatures.projectId, projectId));
}

export async function listOutsideSignatures(db: Database, projectId: string): Promise<OutsideSignatureRecord[]> {
  return db.select().from(outsideSignatures).where(eq(outsideSignatures.projectId, projectId));
}

/** Marks the version of a kind awaiting signature superseded, for this reason; the ids of the versions marked. */
export async function supersedeAwaitingVersions(
  db: Database,
  projectId: string,
  kind: SignableKind,
  reason: string,
  now: Date,
): Promise<string[]> {
  const rows = await db
    .update(signableDocuments)
    .set({ state: 'superseded', supersededAt: now, supersededReason: reason })
    .where(
      and(
        eq(signableDocuments.projectId, projectId),
        eq(signableDocuments.kind, kind),
        eq(signableDocuments.state, 'awaiting-signature'),
      ),
    )
    .returning({ id: signableDocuments.id });
  return rows.map((row) => row.id);
}

/** The highest version of a kind of document the project has, or 0. */
export async function findLatestVersion(db: Database, projectId: string, kind: SignableKind): Promise<number> {
  const [latest] = await db
    .select({ version: max(signableDocuments.version) })
    .from(signableDocuments)
    .where(and(eq(signableDocuments.projectId, projectId), eq(signableDocuments.kind, kind)));
  return latest?.version ?? 0;
}

export async function insertSignableDocument(
  db: Database,
  values: typeof signableDocuments.$inferInsert,
): Promise<SignableDocumentRow> {
  const [document] = await db.insert(signableDocuments).values(values).returning();
  if (document === undefined) throw new Error('the document was not written');
  return document;
}

/** A document of the project, or undefined; `lock` holds its row until the end of the transaction. */
export async function findSignableDocument(
  db: Database,
  projectId: string,
  documentId: string,
  options: { lock?: boolean } = {},
): Promise<SignableDocumentRow | undefined> {
  const query = db
    .select()
    .from(signableDocuments)
    .where(and(eq(signableDocuments.id, documentId), eq(signableDocuments.projectId, projectId)));
  const [document] = options.lock === true ? await query.for('update') : await query.limit(1);
  return document;
}

export async function markDocumentSigned(db: Database, documentId: string): Promise<void> {
  await db.update(signableDocuments).set({ state: 'signed' }).where(eq(signableDocuments.id, documentId));
}

/** The electronic signature of a document, if any: who signed, when, and the sealed copy. */
export async function findSignatureOf(
  db: Database,
  documentId: string,
): Promise<Pick<SignatureRow, 'signerName' | 'signedAt' | 'sealedFileId'> | undefined> {
  const [signature] = await db
    .select({
      signerName: documentSignatures.signerName,
      signedAt: documentSignatures.signedAt,
      sealedFileId: documentSignatures.sealedFileId,
    })
    .from(documentSignatures)
    .where(eq(documentSignatures.documentId, documentId));
  return signature;
}

/** The signature recorded outside Engage of a document, if any: who signed, on which day, and the scan. */
export async function findOutsideSignatureOf(
  db: Database,
  documentId: string,
): Promise<Pick<OutsideSignatureRecord, 'signerName' | 'signedOn' | 'fileId'> | undefined> {
  const [outside] = await db
    .select({
      signerName: outsideSignatures.signerName,
      signedOn: outsideSignatures.signedOn,
      fileId: outsideSignatures.fileId,
    })
    .from(outsideSignatures)
    .where(eq(outsideSignatures.documentId, documentId));
  return outside;
}

export async function insertDocumentSignature(
  db: Database,
  values: typeof documentSignatures.$inferInsert,
): Promise<void> {
  await db.insert(documentSignatures).values(values);
}

export async function insertOutsideSignature(
  db: Database,
  values: typeof outsideSignatures.$inferInsert,
): Promise<{ id: string } | undefined> {
  const [recorded] = await db.insert(outsideSignatures).values(values).returning({ id: outsideSignatures.id });
  return recorded;
}

/** A signature as the verification page names it, with its document's kind and version and its project. */
async function findVerifiedSignature(db: Database, where: SQL) {
  const [row] = await db
    .select({
      kind: signableDocuments.kind,
      version: signableDocuments.version,
      projectId: documentSignatures.projectId,
      signerName: documentSignatures.signerName,
      signerOrganisation: documentSignatures.signerOrganisation,
      signedAt: documentSignatures.signedAt,
      sealedSha256: documentSignatures.sealedSha256,
    })
    .from(documentSignatures)
    .innerJoin(signableDocuments, eq(signableDocuments.id, documentSignatures.documentId))
    .where(where)
    .limit(1);
  return row;
}

/** The signature whose sealed copy has this SHA-256. */
export async function findSignatureBySealedSha256(db: Database, sha256: string) {
  return findVerifiedSignature(db, eq(documentSignatures.sealedSha256, sha256));
}

export async function findSignatureById(db: Database, signatureId: string) {
  return findVerifiedSignature(db, eq(documentSignatures.id, signatureId));
}

/** The signature recorded outside Engage whose scan has this SHA-256, with its document's kind and version. */
export async function findOutsideSignatureBySha256(db: Database, sha256: string) {
  const [row] = await db
    .select({
      kind: signableDocuments.kind,
      version: signableDocuments.version,
      projectId: outsideSignatures.projectId,
      signerName: outsideSignatures.signerName,
      signedOn: outsideSignatures.signedOn,
      recordedAt: outsideSignatures.recordedAt,
    })
    .from(outsideSignatures)
    .innerJoin(signableDocuments, eq(signableDocuments.id, outsideSignatures.documentId))
    .where(eq(outsideSignatures.sha256, sha256))
    .limit(1);
  return row;
}
