/**
 * The delivery module's published interface (P1–P8): what the routes and other modules call. The use cases live in
 * their own files (checklists, configurations, UAT, trainings and notes, documents, hand-over); the queries in the
 * module's repositories (delivery, documents, handover).
 */
export { getDelivery } from './change-delivery';
export { presentDelivery, presentPortalDelivery } from './delivery-presenters';
export { tickChecklistItem, verifyChecklistItem } from './checklists.service';
export { markConfigured, recordInstallation, saveConfiguration } from './configurations.service';
export { attachUatEvidence, removeUatEvidence, setUatResult } from './uat.service';
export { addTraining, removeTraining, saveNotes } from './trainings.service';
