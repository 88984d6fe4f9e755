/**
 * The signable documents' published interface (the UAT document and the activity report): what the routes and the
 * other files of the module import. Each use case lives in its own file: putting a version up for signature
 * (prepare-document), signing in the portal (sign-document), a signature recorded outside Engage
 * (outside-signature), downloading a version (document-pdf) and the public verification (verify-document).
 */
export { sha256Of } from './document-format';
export { consentTextFor, consentTexts, deploymentLabel, documentTitles, trainingLabel } from './document-texts';
export { getDocumentPdf } from './document-pdf.service';
export { recordOutsideSignature } from './outside-signature.service';
export { prepareDocument } from './prepare-document.service';
export { signDocument } from './sign-document.service';
export { verifyPdf } from './verify-document.service';
