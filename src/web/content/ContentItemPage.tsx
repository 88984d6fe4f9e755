import { Anchor, Code, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { stringify } from 'yaml';
import { useContentItem } from '../api/queries';
import { can, useCurrentUser } from '../auth/session';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { DateTime } from '../lib/DateTime';
import { LiveError } from '../ui/ErrorAlert';
import { ContentStateBadge } from './ContentStateBadge';
import { emailTemplateUrl, parseEmailTemplatePath } from './contentPaths';

/** The body as YAML, the format the library's files are written in; JSON if it cannot be written as YAML. */
function toYaml(body: unknown): string {
  try {
    return stringify(body, { lineWidth: 0 });
  } catch {
    return JSON.stringify(body, null, 2);
  }
}

function ItemView({ path }: { path: string }) {
  const { t } = useTranslation();
  const item = useContentItem(path);
  if (item.isPending) {
    return (
      <Group justify="center" p="xl" role="status">
        <Loader aria-label={t('common.loading')} />
      </Group>
    );
  }
  if (item.isError) return <LiveError error={item.error} />;
  return (
    <Stack>
      <Group gap="sm">
        <Text size="sm">{t('content.itemVersion', { version: item.data.version })}</Text>
        <ContentStateBadge isDefault={item.data.isDefault} />
        <Text size="sm" c="dimmed">
          {item.data.updatedBy ?? t('content.shippedByEngage')} · <DateTime iso={item.data.updatedAt} />
        </Text>
      </Group>
      <Paper withBorder>
        <Text size="sm" fw={500} px="md" pt="sm" id="content-body-label">
          {t('content.itemBody')}
        </Text>
        <Code
          block
          aria-labelledby="content-body-label"
          tabIndex={0}
          style={{ whiteSpace: 'pre', overflow: 'auto', maxHeight: '75vh', background: 'transparent' }}
        >
          {toYaml(item.data.body)}
        </Code>
      </Paper>
    </Stack>
  );
}

export default function ContentItemPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const path = searchParams.get('path') ?? '';
  useDocumentTitle(path || t('content.title'));
  const user = useCurrentUser();
  const template = parseEmailTemplatePath(path);

  if (template) return <Navigate to={emailTemplateUrl(template.key, template.language)} replace />;

  return (
    <Stack maw={1000}>
      <Anchor component={Link} to="/admin/content" size="sm">
        <span aria-hidden>← </span>
        {t('content.back')}
      </Anchor>
      <Title order={1} ff="monospace" size="h2" style={{ wordBreak: 'break-all' }}>
        {path}
      </Title>
      {!can(user, 'manageContent') ? (
        <Text>{t('errors.forbidden')}</Text>
      ) : path ? (
        <ItemView path={path} />
      ) : (
        <Text>{t('notFound.body')}</Text>
      )}
    </Stack>
  );
}
