import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocalized } from '../lib/format';
import { portalPaths, type PortalHome } from './portalApi';
import { usePortalTitle } from './usePortalTitle';

/** The contact's projects, those waiting on them first. */
export function PortalHomePage({ me }: { me: PortalHome }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  usePortalTitle(t('portal.home.title'), me.vendor.name);
  const projects = [...me.projects].sort(
    (a, b) =>
      Number(b.now?.isWaitingOnYou ?? false) - Number(a.now?.isWaitingOnYou ?? false) ||
      Number(a.isComplete) - Number(b.isComplete),
  );
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t('portal.home.title')}</Title>
        <Text c="dimmed">
          {t('portal.home.hello', { name: me.contact.name })} ·{' '}
          {t('portal.home.intro', { organisation: me.contact.organisation, vendor: me.vendor.name })}
        </Text>
      </Stack>
      {projects.length === 0 ? (
        <Paper withBorder p="lg" radius="md">
          <Text>{t('portal.home.empty')}</Text>
        </Paper>
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {projects.map((project) => (
            <Paper key={project.id} component="li" withBorder p="md" radius="md">
              <Stack gap={6}>
                <Anchor component={Link} to={portalPaths.project(project.id)} fw={700} size="lg">
                  {project.name}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {project.reference} · {project.customer}
                </Text>
                <Group gap="xs">
                  {project.isComplete ? (
                    <Badge color="green" variant="light">
                      {t('portal.home.complete')}
                    </Badge>
                  ) : (
                    project.now && (
                      <Text size="sm">{t('portal.home.now', { title: localized(project.now.title) })}</Text>
                    )
                  )}
                  {project.now?.isWaitingOnYou && !project.isComplete && (
                    <Badge color="orange" variant="light">
                      {t('portal.home.waitingOnYou')}
                    </Badge>
                  )}
                </Group>
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
