import { translate } from '../../../domain/text/i18n';
/** The public verification page: what Engage knows of an uploaded file (sealed by it, changed since, a recorded scan, or none). */
import type { ServiceContext } from '../../context';
import { readSealMarker } from '../../pdf/seal';
import { findProjectWithNames } from '../projects/projects.service';
import { longDay, sha256Of } from './document-format';
import { documentTitles } from './document-texts';
import { findOutsideSignatureBySha256, findSignatureById, findSignatureBySealedSha256 } from './documents.repository';

type ProjectNames = { projectReference: string; projectName: string; customerName: string };

/** The names of the signature's project, read through the projects module (null when the project is gone). */
async function projectNamesOf(context: ServiceContext, projectId: string): Promise<ProjectNames | null> {
  const row = await findProjectWithNames(context.db, projectId);
  return row === null
    ? null
    : { projectReference: row.project.reference, projectName: row.project.name, customerName: row.customerName };
}

/** A signature as the verification page shows it, with its project's names and its document's title. */
async function namedSignature(context: ServiceContext, signature: Awaited<ReturnType<typeof findSignatureById>>) {
  if (signature === undefined) return null;
  const names = await projectNamesOf(context, signature.projectId);
  if (names === null) return null;
  return {
    kind: signature.kind,
    version: signature.version,
    ...names,
    signerName: signature.signerName,
    signerOrganisation: signature.signerOrganisation,
    signedAt: signature.signedAt,
    sealedSha256: signature.sealedSha256,
    title: documentTitles[signature.kind].en,
  };
}

/** A signature recorded outside Engage as the verification page shows it, with its project's names. */
async function namedOutsideSignature(
  context: ServiceContext,
  signature: Awaited<ReturnType<typeof findOutsideSignatureBySha256>>,
) {
  if (signature === undefined) return null;
  const names = await projectNamesOf(context, signature.projectId);
  if (names === null) return null;
  return {
    kind: signature.kind,
    version: signature.version,
    ...names,
    signerName: signature.signerName,
    signedOn: signature.signedOn,
    recordedAt: signature.recordedAt,
  };
}

/**
 * The public verification page's answer for an uploaded file: the exact sealed file Engage keeps (unchanged), the exact
 * scan recorded as a version's copy signed outside Engage, a file carrying an Engage seal's marker whose bytes differ
 * from the sealed copy (changed after sealing), or none of these.
 */
export async function verifyPdf(context: ServiceContext, content: Buffer) {
  const sha256 = sha256Of(content);
  const exact = await namedSignature(context, await findSignatureBySealedSha256(context.db, sha256));
  if (exact !== null) {
    return {
      outcome: 'sealed-unchanged' as const,
      sha256,
      message: translate('en', 'errors', 'verify.sealed_unchanged', { title: exact.title.toLowerCase() }),
      document: omitKind(exact),
      outsideSignature: null,
    };
  }
  const scan = await namedOutsideSignature(context, await findOutsideSignatureBySha256(context.db, sha256));
  if (scan !== null) {
    const title = documentTitles[scan.kind].en;
    return {
      outcome: 'signed-outside-engage' as const,
      sha256,
      message: translate('en', 'errors', 'verify.signed_outside', {
        date: longDay(scan.signedOn),
        name: scan.signerName,
        title: title.toLowerCase(),
      }),
      document: null,
      outsideSignature: { ...omitKind(scan), title },
    };
  }
  const marker = readSealMarker(content);
  const signatureId = marker?.startsWith('engage-seal:') === true ? marker.slice('engage-seal:'.length) : null;
  if (signatureId !== null && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(signatureId)) {
    const original = await namedSignature(context, await findSignatureById(context.db, signatureId));
    if (original !== null) {
      return {
        outcome: 'sealed-changed' as const,
        sha256,
        message: translate('en', 'errors', 'verify.sealed_changed'),
        document: omitKind(original),
        outsideSignature: null,
      };
    }
  }
  return {
    outcome: 'unknown' as const,
    sha256,
    message: translate('en', 'errors', 'verify.unknown'),
    document: null,
    outsideSignature: null,
  };
}

function omitKind<T extends { kind: unknown }>(row: T): Omit<T, 'kind'> {
  const { kind: _kind, ...rest } = row;
  return rest;
}
