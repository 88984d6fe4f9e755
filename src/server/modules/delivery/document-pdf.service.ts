/** A signable document's PDF as staff and the portal download it: the sealed copy once signed, else the version itself. */
import type { ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { findFileContent } from '../files/files.service';
import { projectFor, refuseTo, type Participant } from '../projects/participant';
import { findOutsideSignatureOf, findSignableDocument, findSignatureOf } from './documents.repository';

async function documentRow(db: Database, projectId: string, documentId: string, participant: Participant) {
  const document = await findSignableDocument(db, projectId, documentId);
  if (document === undefined) throw refuseTo(participant)('not_found', 'delivery.no_such_document');
  return document;
}

/** The PDF of a document: the sealed copy once signed, else the version as put up for signature. */
export async function getDocumentPdf(
  context: ServiceContext,
  participant: Participant,
  projectId: string,
  documentId: string,
) {
  await projectFor(context, participant, projectId, 'read');
  const document = await documentRow(context.db, projectId, documentId, participant);
  if (participant.kind === 'contact' && document.state === 'superseded') {
    throw refuseTo(participant)('not_found', 'delivery.version_superseded');
  }
  const signature = await findSignatureOf(context.db, documentId);
  const outside = await findOutsideSignatureOf(context.db, documentId);
  const fileId = signature?.sealedFileId ?? outside?.fileId ?? document.fileId;
  const file = await findFileContent(context.db, fileId);
  if (file === null) throw refuseTo(participant)('not_found', 'delivery.document_file_missing');
  // The scan signed outside Engage is kept under the name it was given when it was recorded.
  const name = signature === undefined ? file.name : file.name.replace(/\.pdf$/, ' (signed).pdf');
  return { name, contentType: file.contentType, content: file.content };
}
