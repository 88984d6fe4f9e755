import { Box, Code, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePlaceholders } from '../api/queries';
import type { EmailTemplateKey, Placeholder } from '../api/types';
import { useLocalized } from '../lib/format';
import { LiveError } from '../ui/ErrorAlert';

/** How the placeholder is written in a template. */
function usage(placeholder: Placeholder): string {
  if (placeholder.kind === 'value') return `{{${placeholder.name}}}`;
  if (placeholder.kind === 'text-list') return `{{#${placeholder.name}}}{{.}}{{/${placeholder.name}}}`;
  return `{{#${placeholder.name}}}…{{/${placeholder.name}}}`;
}

function PlaceholderEntry({ placeholder }: { placeholder: Placeholder }) {
  const { t } = useTranslation();
  const localize = useLocalized();
  return (
    <Box component="li" style={{ listStyle: 'none' }}>
      <Code style={{ wordBreak: 'break-all' }}>{usage(placeholder)}</Code>
      <Text size="sm">
        {localize(placeholder.description)}
        {placeholder.kind === 'list' && ` (${t('templateEditor.kindList')})`}
        {placeholder.kind === 'text-list' && ` (${t('templateEditor.kindTextList', { item: '{{.}}' })})`}
      </Text>
      {placeholder.kind !== 'list' && (
        <Text size="xs" c="dimmed">
          {t('templateEditor.exampleValue', { value: placeholder.example })}
        </Text>
      )}
    </Box>
  );
}

/** The placeholders a template may use, grouped by where they may appear (anywhere, or inside one list). */
export function PlaceholderList({ templateKey }: { templateKey: EmailTemplateKey }) {
  const { t } = useTranslation();
  const placeholders = usePlaceholders(templateKey);
  const groups = new Map<string | null, Placeholder[]>();
  for (const placeholder of placeholders.data ?? []) {
    const group = groups.get(placeholder.inside) ?? [];
    group.push(placeholder);
    groups.set(placeholder.inside, group);
  }
  return (
    <Stack gap="sm" component="section" aria-labelledby="placeholders-heading">
      <Title order={2} size="h4" id="placeholders-heading">
        {t('templateEditor.placeholders')}
      </Title>
      <Text size="xs" c="dimmed">
        {t('templateEditor.placeholdersHint', { value: '{{name}}', open: '{{#list}}', close: '{{/list}}' })}
      </Text>
      <LiveError error={placeholders.error} />
      {placeholders.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      <Box
        tabIndex={0}
        role="region"
        aria-label={t('templateEditor.placeholdersCaption')}
        style={{ maxHeight: '70vh', overflowY: 'auto', paddingRight: 4 }}
      >
        <Stack gap="md">
          {[...groups.entries()].map(([inside, items]) => (
            <Stack gap={6} key={inside ?? ''}>
              <Text size="sm" fw={600} id={`placeholders-${inside ?? 'top'}`}>
                {inside === null
                  ? t('templateEditor.topLevel')
                  : t('templateEditor.insideList', { list: `{{#${inside}}}` })}
              </Text>
              <Stack gap={8} component="ul" m={0} p={0} aria-labelledby={`placeholders-${inside ?? 'top'}`}>
                {items.map((placeholder) => (
                  <PlaceholderEntry key={`${inside ?? ''}/${placeholder.name}`} placeholder={placeholder} />
                ))}
              </Stack>
            </Stack>
          ))}
        </Stack>
      </Box>
    </Stack>
  );
}
