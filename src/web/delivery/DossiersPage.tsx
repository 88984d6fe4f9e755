import { Anchor, Button, Group, Highlight, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { DateTime } from '../lib/DateTime';
import { EmptyState } from '../ui/EmptyState';
import { LiveError } from '../ui/ErrorAlert';
import { dossierQueryMinLength, useDossierSearch, type DossierHit } from './deliveryApi';

/** Support's search of the installation dossiers of closed projects, by any text in them. */
export default function DossiersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('delivery.dossiers.title'));
  const [searchParams, setSearchParams] = useSearchParams();
  // The query lives in the address, so that a search can be shared and the back button returns to it.
  const query = (searchParams.get('q') ?? '').trim();
  const [draft, setDraft] = useState(query);
  const [error, setError] = useState<string | undefined>();
  const search = useDossierSearch(query);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = draft.trim();
    if (next.length < dossierQueryMinLength) {
      setError(t('delivery.dossiers.tooShort', { count: dossierQueryMinLength }));
      return;
    }
    setError(undefined);
    setSearchParams({ q: next });
  }

  return (
    <Stack>
      <Title order={1}>{t('delivery.dossiers.title')}</Title>
      <form onSubmit={submit} role="search" noValidate>
        <Group align="flex-end" gap="sm">
          <TextInput
            type="search"
            label={t('delivery.dossiers.searchLabel')}
            placeholder={t('delivery.dossiers.placeholder')}
            value={draft}
            onChange={(event) => {
              setDraft(event.currentTarget.value);
              setError(undefined);
            }}
            error={error}
            maxLength={200}
            style={{ flex: 1, maxWidth: 560 }}
            data-autofocus
          />
          <Button type="submit" loading={search.isFetching}>
            {t('delivery.dossiers.submit')}
          </Button>
        </Group>
      </form>
      <DossierResults query={query} search={search} />
    </Stack>
  );
}

function DossierResults({ query, search }: { query: string; search: ReturnType<typeof useDossierSearch> }) {
  const { t } = useTranslation();
  if (query.length < dossierQueryMinLength) {
    return <EmptyState title={t('delivery.dossiers.initialTitle')} description={t('delivery.dossiers.initialBody')} />;
  }
  if (search.isPending) {
    return (
      <Group justify="center" p="xl" role="status">
        <Loader aria-label={t('common.loading')} />
      </Group>
    );
  }
  if (search.isError) return <LiveError error={search.error} />;
  const hits = search.data;
  return (
    <Stack gap="sm" aria-live="polite">
      {hits.length === 0 ? (
        <EmptyState
          title={t('delivery.dossiers.noMatch', { query })}
          description={t('delivery.dossiers.noMatchHint')}
        />
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('delivery.dossiers.count', { count: hits.length, query })}
          </Text>
          <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
            {hits.map((hit) => (
              <DossierResult key={hit.projectId} hit={hit} words={query.split(/\s+/).filter((word) => word !== '')} />
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}

function DossierResult({ hit, words }: { hit: DossierHit; words: string[] }) {
  const { t } = useTranslation();
  return (
    <Paper component="li" withBorder p="md">
      <Stack gap={4}>
        <Anchor component={Link} to={`/projects/${hit.projectId}?tab=delivery`} fw={600}>
          {hit.reference} · {hit.name}
        </Anchor>
        <Text size="sm" c="dimmed">
          {hit.customerName} · {t('delivery.dossiers.closedAt')} <DateTime iso={hit.closedAt} dateOnly />
        </Text>
        {hit.excerpt && (
          <Highlight size="sm" highlight={words}>
            {hit.excerpt}
          </Highlight>
        )}
      </Stack>
    </Paper>
  );
}
