import { Button, Group, Loader, Modal, MultiSelect, NativeSelect, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsFrom } from '../api/errors';
import { languages, type Language, type ProjectDetail } from '../api/types';
import { useProjectContacts } from '../projects/EmailComposer';
import { LiveError } from '../ui/ErrorAlert';
import { ProblemList } from '../sessions/ProblemList';
import { prepareDocument, useDeliveryMutation, type DocumentKind, type PrepareDocumentBody } from './deliveryApi';

interface SignatureRequestModalProps {
  project: ProjectDetail;
  kind: DocumentKind;
  opened: boolean;
  onClose: () => void;
}

/** Puts a new version of the document up for signature: who signs (contacts of the customer or partner) and in which language. */
export function SignatureRequestModal(props: SignatureRequestModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t('delivery.signatureRequest.title', { document: t(`delivery.documents.kinds.${props.kind}`) })}
      centered
      size="lg"
    >
      {props.opened && <SignatureRequestForm {...props} />}
    </Modal>
  );
}

const fields = ['signerContactIds', 'language'] as const;
type Field = (typeof fields)[number];
/** The language select's value that leaves the choice to the server: the first signer's language. */
const signerLanguage = 'signer';

type DocumentLanguage = NonNullable<PrepareDocumentBody['language']>;
/**
 * Which languages the API writes these documents in: each language of the list, `true` exactly where the API's body
 * accepts it, so the compiler asks for an update when either side changes.
 */
const writtenIn: { [L in Language]: L extends DocumentLanguage ? true : false } = { en: true, it: true, de: true };
const documentLanguages = languages.filter((code): code is DocumentLanguage => writtenIn[code]);

function SignatureRequestForm({ project, kind, onClose }: SignatureRequestModalProps) {
  const { t } = useTranslation();
  const { contacts, isPending, error: contactsError } = useProjectContacts(project);
  const [signers, setSigners] = useState<string[]>([]);
  const [language, setLanguage] = useState<string>(signerLanguage);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [otherProblems, setOtherProblems] = useState<string[]>([]);
  const prepare = useDeliveryMutation(
    project.id,
    (body: PrepareDocumentBody) => prepareDocument(project.id, body),
    (body) =>
      t('delivery.signatureRequest.done', {
        document: t(`delivery.documents.kinds.${kind}`),
        count: body.signerContactIds.length,
      }),
    { notifyError: false },
  );

  const sides = ['customer', 'partner'] as const;
  const data = sides
    .map((side) => ({
      group: contacts.find((contact) => contact.side === side)?.organisationName ?? t(`party.${side}`),
      items: contacts
        .filter((contact) => contact.side === side)
        .map((contact) => ({
          value: contact.id,
          label: `${contact.name} (${t(`contactRoles.${contact.role}`)}, ${contact.email})`,
        })),
    }))
    .filter((group) => group.items.length > 0);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setOtherProblems([]);
    if (signers.length === 0) {
      setErrors({ signerContactIds: t('delivery.signatureRequest.signersRequired') });
      return;
    }
    setErrors({});
    const chosenLanguage = documentLanguages.find((candidate) => candidate === language);
    prepare.mutate(
      { kind, signerContactIds: signers, ...(chosenLanguage ? { language: chosenLanguage } : {}) },
      {
        onSuccess: onClose,
        onError: (failure) => {
          const found = fieldErrorsFrom(failure, fields);
          setErrors(found.fieldErrors);
          setOtherProblems(found.otherProblems);
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('delivery.signatureRequest.intro')}</Text>
        <MultiSelect
          label={t('delivery.signatureRequest.signers')}
          description={
            contactsError ? t('delivery.signatureRequest.contactsPartial') : t('delivery.signatureRequest.signersHint')
          }
          data={data}
          value={signers}
          onChange={(value) => {
            setSigners(value);
            setErrors((current) => ({ ...current, signerContactIds: undefined }));
          }}
          searchable
          maxValues={10}
          nothingFoundMessage={isPending ? t('common.loading') : t('delivery.signatureRequest.noContacts')}
          rightSection={isPending ? <Loader size="xs" aria-label={t('common.loading')} /> : undefined}
          error={errors.signerContactIds}
          required
          data-autofocus
        />
        <NativeSelect
          label={t('delivery.signatureRequest.language')}
          data={[
            { value: signerLanguage, label: t('delivery.signatureRequest.languageOfSigner') },
            ...documentLanguages.map((code) => ({ value: code, label: t(`languages.${code}`) })),
          ]}
          value={language}
          onChange={(event) => setLanguage(event.currentTarget.value)}
          error={errors.language}
        />
        <LiveError preferServerReason error={prepare.error} />
        <ProblemList problems={otherProblems} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={prepare.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={prepare.isPending}>
            {t('delivery.signatureRequest.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
