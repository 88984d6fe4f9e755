import { Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { languageOf } from '../lib/format';

/**
 * Asks for a fresh personal link by email. A plain HTML form: the server answers it with its own page, and it works
 * without the portal session (which is exactly when it is needed).
 */
export function RequestLinkForm({ email }: { email?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="lg" radius="md">
      <form method="post" action="/portal/link-request">
        <input type="hidden" name="lang" value={languageOf(i18n.language)} />
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t('portal.noSession.askTitle')}
          </Title>
          <Text size="sm">{t('portal.noSession.askBody')}</Text>
          <TextInput
            name="email"
            type="email"
            label={t('portal.noSession.email')}
            autoComplete="email"
            required
            maxLength={320}
            defaultValue={email}
            style={{ maxWidth: 420 }}
          />
          <div>
            <Button type="submit">{t('portal.noSession.send')}</Button>
          </div>
        </Stack>
      </form>
    </Paper>
  );
}
