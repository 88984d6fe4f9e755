import { Anchor, Code, Group, Loader, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useContentItems } from '../api/queries';
import type { ContentItemSummary } from '../api/types';
import { can, useCurrentUser } from '../auth/session';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { DateTime } from '../lib/DateTime';
import { EmptyState } from '../ui/EmptyState';
import { LiveError } from '../ui/ErrorAlert';
import { ContentStateBadge } from './ContentStateBadge';
import { contentItemUrl, emailTemplateUrl, parseEmailTemplatePath } from './contentPaths';
import { useLanguageName } from './useLanguageName';

function UpdatedCells({ item }: { item: ContentItemSummary }) {
  const { t } = useTranslation();
  return (
    <>
      <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{item.version}</Table.Td>
      <Table.Td>
        <ContentStateBadge isDefault={item.isDefault} />
      </Table.Td>
      <Table.Td>
        {item.updatedBy ?? (
          <Text c="dimmed" size="sm">
            {t('content.shippedByEngage')}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <DateTime iso={item.updatedAt} />
      </Table.Td>
    </>
  );
}

function UpdatedHeaders() {
  const { t } = useTranslation();
  return (
    <>
      <Table.Th scope="col">{t('content.version')}</Table.Th>
      <Table.Th scope="col">{t('content.state')}</Table.Th>
      <Table.Th scope="col">{t('content.updatedBy')}</Table.Th>
      <Table.Th scope="col">{t('content.updatedAt')}</Table.Th>
    </>
  );
}

export default function ContentPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('content.title'));
  const user = useCurrentUser();
  const items = useContentItems();
  const languageName = useLanguageName();

  if (!can(user, 'manageContent')) {
    return (
      <Stack>
        <Title order={1}>{t('content.title')}</Title>
        <Text>{t('errors.forbidden')}</Text>
      </Stack>
    );
  }

  const all = [...(items.data ?? [])].sort((left, right) => left.path.localeCompare(right.path));
  const templates = all.flatMap((item) => {
    const template = parseEmailTemplatePath(item.path);
    return template ? [{ item, ...template }] : [];
  });
  const others = all.filter((item) => parseEmailTemplatePath(item.path) === null);

  return (
    <Stack>
      <Title order={1}>{t('content.title')}</Title>
      <LiveError error={items.error} />
      {items.isPending ? (
        <Group justify="center" p="xl" role="status">
          <Loader aria-label={t('common.loading')} />
        </Group>
      ) : items.isSuccess && all.length === 0 ? (
        <EmptyState title={t('content.empty')} description={t('content.emptyBody')} />
      ) : items.isSuccess ? (
        <>
          <Stack gap="xs" component="section" aria-labelledby="email-templates-heading">
            <Title order={2} size="h3" id="email-templates-heading">
              {t('content.emailTemplates')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('content.emailTemplatesHint')}
            </Text>
            <Table.ScrollContainer minWidth={760}>
              <Table striped highlightOnHover verticalSpacing="sm">
                <VisuallyHidden component="caption">{t('content.emailTemplates')}</VisuallyHidden>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('content.item')}</Table.Th>
                    <Table.Th scope="col">{t('content.language')}</Table.Th>
                    <UpdatedHeaders />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {templates.map(({ item, key, language }) => (
                    <Table.Tr key={item.path}>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={emailTemplateUrl(key, language)}
                          fw={600}
                          aria-label={t('content.editTemplate', {
                            template: t(`content.templates.${key}`),
                            language: languageName(language),
                          })}
                        >
                          {t(`content.templates.${key}`)}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          <Code>{item.path}</Code>
                        </Text>
                      </Table.Td>
                      <Table.Td>{languageName(language)}</Table.Td>
                      <UpdatedCells item={item} />
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
          <Stack gap="xs" component="section" aria-labelledby="other-content-heading">
            <Title order={2} size="h3" id="other-content-heading">
              {t('content.otherItems')}
            </Title>
            <Table.ScrollContainer minWidth={760}>
              <Table striped highlightOnHover verticalSpacing="sm">
                <VisuallyHidden component="caption">{t('content.otherItems')}</VisuallyHidden>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('content.item')}</Table.Th>
                    <UpdatedHeaders />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {others.map((item) => (
                    <Table.Tr key={item.path}>
                      <Table.Td>
                        <Anchor component={Link} to={contentItemUrl(item.path)} ff="monospace" size="sm">
                          {item.path}
                        </Anchor>
                      </Table.Td>
                      <UpdatedCells item={item} />
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        </>
      ) : null}
    </Stack>
  );
}
