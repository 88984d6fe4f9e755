import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { queryKeys } from '../api/queries';
import type { BodyOf, ResponseOf } from '../api/types';
import { workErrorMessage } from '../projects/projectWork';
import { uploadFile } from '../projects/uploadFile';

export type Delivery = ResponseOf<'/api/projects/{id}/delivery', 'get'>;
export type ChecklistItem = Delivery['environment'][number];
export type ChecklistKind = 'environment' | 'pbx';
export type ApplicationName = Delivery['applications'][number];
export type ConfigurationRecord = Delivery['configurations'][number];
export type ConfigurationField = ConfigurationRecord['fields'][number];
export type ConfigurationValue = string | number | boolean | null;
export type UatItem = Delivery['uat']['items'][number];
export type UatResult = NonNullable<UatItem['result']>;
export type UatSummary = Delivery['uat']['summary'];
export type TrainingRecord = Delivery['training']['records'][number];
export type TrainingKind = TrainingRecord['kind'];
export type DeliveryDocument = Delivery['documents'][number];
export type DocumentKind = DeliveryDocument['kind'];
export type DocumentState = DeliveryDocument['state'];
export type OutsideSignature = NonNullable<DeliveryDocument['outsideSignature']>;
export type BoughtTrainingKind = Delivery['training']['boughtKinds'][number];
export type UnsignedReport = NonNullable<NonNullable<Delivery['handover']>['unsignedReport']>;
export type TickBody = BodyOf<'/api/projects/{id}/delivery/checklists/{checklist}/ticks', 'put'>;
export type VerifyBody = BodyOf<'/api/projects/{id}/delivery/checklists/{checklist}/verifications', 'put'>;
export type UatResultBody = BodyOf<'/api/projects/{id}/delivery/uat/{applicationKey}/{itemKey}', 'put'>;
export type PrepareDocumentBody = BodyOf<'/api/projects/{id}/delivery/documents', 'post'>;
export type TrainingBody = BodyOf<'/api/projects/{id}/delivery/trainings', 'post'>;
export type NotesBody = BodyOf<'/api/projects/{id}/delivery/notes', 'put'>;
export type DossierHit = ResponseOf<'/api/dossiers', 'get'>['items'][number];

export const uatResults = [
  'pass',
  'pass-with-remark',
  'fail',
  'not-applicable',
] as const satisfies readonly UatResult[];
export const trainingKinds = ['admin', 'end-user', 'on-the-job'] as const satisfies readonly TrainingKind[];
export const documentKinds = ['uat', 'activity-report'] as const satisfies readonly DocumentKind[];

export const deliveryKeys = {
  delivery: (projectId: string) => ['projectDelivery', projectId] as const,
  dossiers: (query: string) => ['dossiers', query] as const,
};

/** P1–P8 of the project: checklists, configuration records, UAT, training, notes, documents and hand-over. */
export function useDelivery(projectId: string) {
  return useQuery({
    queryKey: deliveryKeys.delivery(projectId),
    queryFn: () => call(api.GET('/api/projects/{id}/delivery', { params: { path: { id: projectId } } })),
  });
}

interface DeliveryMutationOptions {
  /** Whether a failure also shows a notification (dialogs and forms show it inline instead). */
  notifyError?: boolean;
}

/**
 * A change to the project's delivery. Every write answers the new delivery, shown at once; the project (its step may
 * have moved on), its audit trail, its mail and its portal links (documents put up for signature email the signers)
 * are fetched again.
 */
export function useDeliveryMutation<Variables>(
  projectId: string,
  mutationFn: (variables: Variables) => Promise<Delivery>,
  successMessage: string | ((variables: Variables) => string),
  { notifyError = true }: DeliveryMutationOptions = {},
) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (delivery, variables) => {
      queryClient.setQueryData(deliveryKeys.delivery(projectId), delivery);
      notifications.show({
        color: 'green',
        message: typeof successMessage === 'string' ? successMessage : successMessage(variables),
      });
    },
    onError: (error) => {
      if (notifyError) {
        notifications.show({
          color: 'red',
          title: t('errors.actionFailed'),
          message: workErrorMessage(error, t('errors.network')),
        });
      }
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: deliveryKeys.delivery(projectId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.project(projectId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit(projectId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.projectMail(projectId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.portalLinks(projectId) }),
        queryClient.invalidateQueries({ queryKey: ['projects'] }),
      ]),
  });
}

export function tickChecklistItem(projectId: string, checklist: ChecklistKind, body: TickBody) {
  return call(
    api.PUT('/api/projects/{id}/delivery/checklists/{checklist}/ticks', {
      params: { path: { id: projectId, checklist } },
      body,
    }),
  );
}

export function verifyChecklistItem(projectId: string, checklist: ChecklistKind, body: VerifyBody) {
  return call(
    api.PUT('/api/projects/{id}/delivery/checklists/{checklist}/verifications', {
      params: { path: { id: projectId, checklist } },
      body,
    }),
  );
}

export function saveConfiguration(
  projectId: string,
  applicationKey: string,
  values: Record<string, ConfigurationValue>,
) {
  return call(
    api.PATCH('/api/projects/{id}/delivery/configurations/{applicationKey}', {
      params: { path: { id: projectId, applicationKey } },
      body: { values },
    }),
  );
}

export function recordInstallation(projectId: string, applicationKey: string, installedVersion: string | null) {
  return call(
    api.PUT('/api/projects/{id}/delivery/configurations/{applicationKey}/installation', {
      params: { path: { id: projectId, applicationKey } },
      body: { installedVersion },
    }),
  );
}

export function markConfigured(projectId: string, applicationKey: string, configured: boolean) {
  return call(
    api.PUT('/api/projects/{id}/delivery/configurations/{applicationKey}/completion', {
      params: { path: { id: projectId, applicationKey } },
      body: { configured },
    }),
  );
}

export function setUatResult(projectId: string, applicationKey: string, itemKey: string, body: UatResultBody) {
  return call(
    api.PUT('/api/projects/{id}/delivery/uat/{applicationKey}/{itemKey}', {
      params: { path: { id: projectId, applicationKey, itemKey } },
      body,
    }),
  );
}

/** P5: a file (a screenshot, a call or recording id) attached as the evidence of an item's result, in place of the one it had. */
export function attachUatEvidence(
  projectId: string,
  applicationKey: string,
  itemKey: string,
  file: File,
  onProgress?: (fraction: number) => void,
): Promise<Delivery> {
  const url = `/api/projects/${encodeURIComponent(projectId)}/delivery/uat/${encodeURIComponent(applicationKey)}/${encodeURIComponent(itemKey)}/evidence`;
  return uploadFile<Delivery>(url, file, onProgress);
}

/** P5: takes the evidence off an item's result. */
export function removeUatEvidence(projectId: string, applicationKey: string, itemKey: string) {
  return call(
    api.DELETE('/api/projects/{id}/delivery/uat/{applicationKey}/{itemKey}/evidence', {
      params: { path: { id: projectId, applicationKey, itemKey } },
    }),
  );
}

/** Where a file of the project (a UAT result's evidence) is downloaded from. */
export function projectFileUrl(projectId: string, fileId: string): string {
  return `/api/projects/${encodeURIComponent(projectId)}/files/${encodeURIComponent(fileId)}`;
}

export function prepareDocument(projectId: string, body: PrepareDocumentBody) {
  return call(api.POST('/api/projects/{id}/delivery/documents', { params: { path: { id: projectId } }, body }));
}

export function addTraining(projectId: string, body: TrainingBody) {
  return call(api.POST('/api/projects/{id}/delivery/trainings', { params: { path: { id: projectId } }, body }));
}

export function removeTraining(projectId: string, trainingId: string) {
  return call(
    api.DELETE('/api/projects/{id}/delivery/trainings/{trainingId}', {
      params: { path: { id: projectId, trainingId } },
    }),
  );
}

export function saveNotes(projectId: string, body: NotesBody) {
  return call(api.PUT('/api/projects/{id}/delivery/notes', { params: { path: { id: projectId } }, body }));
}

export function closeProject(projectId: string) {
  return call(api.POST('/api/projects/{id}/delivery/handover', { params: { path: { id: projectId } } }));
}

/** P7–P8: a manager closes the project although the activity report stays unsigned, saying why. */
export function closeWithoutSignedReport(projectId: string, reason: string) {
  return call(
    api.POST('/api/projects/{id}/delivery/handover/without-signed-report', {
      params: { path: { id: projectId } },
      body: { reason },
    }),
  );
}

/** The kinds of file a scan of signed pages may be: what the server accepts as a signed copy. */
export const scanAccept = 'application/pdf,.pdf,image/png,.png,image/jpeg,.jpg,.jpeg,image/gif,.gif,image/webp,.webp';

/** P5/P7: the scan of a version signed on paper or in another tool, recorded as its signed copy. */
export function recordOutsideSignature(
  projectId: string,
  documentId: string,
  input: { file: File; signerName: string; signedOn: string },
  onProgress?: (fraction: number) => void,
): Promise<Delivery> {
  const url = `/api/projects/${encodeURIComponent(projectId)}/delivery/documents/${encodeURIComponent(documentId)}/outside-signature`;
  return uploadFile<Delivery>(url, input.file, onProgress, { signerName: input.signerName, signedOn: input.signedOn });
}

/** Where a document's PDF is downloaded from: the sealed copy once signed. */
export function documentPdfUrl(projectId: string, documentId: string): string {
  return `/api/projects/${encodeURIComponent(projectId)}/delivery/documents/${encodeURIComponent(documentId)}/pdf`;
}

/** Where the hand-over package (the installation dossier) is downloaded from. */
export function handoverFileUrl(projectId: string, format: 'pdf' | 'json'): string {
  return `/api/projects/${encodeURIComponent(projectId)}/delivery/handover/${format}`;
}

/** The shortest query the dossier search takes. */
export const dossierQueryMinLength = 2;

/** Support's search of the installation dossiers of closed projects; nothing is fetched for a query too short. */
export function useDossierSearch(query: string) {
  const q = query.trim();
  return useQuery({
    queryKey: deliveryKeys.dossiers(q),
    queryFn: async () => (await call(api.GET('/api/dossiers', { params: { query: { q } } }))).items,
    enabled: q.length >= dossierQueryMinLength,
  });
}
