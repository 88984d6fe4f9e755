import { Alert, Badge, Button, Group, Loader, Radio, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import type { EngineerSuggestion, ProjectDetail } from '../api/types';
import { useLocalized } from '../lib/format';
import { LiveError } from '../ui/ErrorAlert';
import { useProjectMutation } from './useProjectMutation';

export const engineerSuggestionsKey = (projectId: string) => ['engineerSuggestions', projectId] as const;

function Workload({ engineer }: { engineer: EngineerSuggestion }) {
  const { t } = useTranslation();
  return (
    <Text size="sm">
      {t('assign.workload', { projects: engineer.projectsInFlight, days: engineer.openEffortDays })}
    </Text>
  );
}

/** E3 for managers: the engineers of the needed competence teams, least loaded first, and the assignment. */
export function EngineerAssignment({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const localize = useLocalized();
  const queryClient = useQueryClient();
  const suggestions = useQuery({
    queryKey: engineerSuggestionsKey(project.id),
    queryFn: () => call(api.GET('/api/projects/{id}/engineer-suggestions', { params: { path: { id: project.id } } })),
  });
  const [choice, setChoice] = useState<string | null>(null);
  const [choiceError, setChoiceError] = useState<string | null>(null);
  const assign = useProjectMutation(
    project.id,
    (engineerId: string) =>
      call(api.POST('/api/projects/{id}/engineer', { params: { path: { id: project.id } }, body: { engineerId } })),
    t('assign.done'),
  );

  const headingId = `assign-heading-${project.id}`;
  if (suggestions.isPending) {
    return (
      <Group role="status" gap="xs">
        <Loader size="sm" aria-label={t('common.loading')} />
        <Text size="sm">{t('assign.loading')}</Text>
      </Group>
    );
  }
  if (suggestions.isError) return <LiveError error={suggestions.error} />;

  const { neededTeams, items } = suggestions.data;
  const inTeam = items.filter((engineer) => engineer.isInTeam);
  const outside = items.filter((engineer) => !engineer.isInTeam);
  const suggestedId = inTeam.find((engineer) => !engineer.isAssigned)?.id ?? inTeam[0]?.id;
  const assignedId = items.find((engineer) => engineer.isAssigned)?.id ?? project.engineer?.id ?? null;
  const value =
    choice ??
    (assignedId && inTeam.some((engineer) => engineer.id === assignedId) ? assignedId : (suggestedId ?? null));
  const teamNames = neededTeams.map((team) => localize(team.name)).join(', ');

  function submit() {
    if (!value) {
      setChoiceError(t('assign.chooseOne'));
      return;
    }
    assign.mutate(value, {
      onSuccess: () => {
        setChoice(null);
        void queryClient.invalidateQueries({ queryKey: engineerSuggestionsKey(project.id) });
      },
    });
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Title order={3} size="h4" id={headingId}>
        {project.engineer ? t('assign.titleChange') : t('assign.title')}
      </Title>
      <Text size="sm">
        {neededTeams.length === 0
          ? t('assign.noTeamsNeeded')
          : t('assign.neededTeams', { teams: teamNames, count: neededTeams.length })}
      </Text>
      {inTeam.length === 0 ? (
        <Alert color="yellow" title={t('assign.noneInTeamTitle')}>
          {t('assign.noneInTeamBody', { teams: teamNames })}
        </Alert>
      ) : (
        <Radio.Group
          label={t('assign.choose')}
          value={value}
          onChange={(next) => {
            setChoice(next);
            setChoiceError(null);
          }}
          error={choiceError}
        >
          <Stack gap="xs" mt="xs">
            {inTeam.map((engineer) => (
              <Radio
                key={engineer.id}
                value={engineer.id}
                label={
                  <Group gap={6} component="span">
                    <span>{engineer.name}</span>
                    {engineer.id === suggestedId && (
                      <Badge color="teal" size="sm" component="span">
                        {t('assign.suggested')}
                      </Badge>
                    )}
                    {engineer.isAssigned && (
                      <Badge color="blue" variant="light" size="sm" component="span">
                        {t('assign.assigned')}
                      </Badge>
                    )}
                  </Group>
                }
                description={`${t('assign.teams', { teams: engineer.teams.map((team) => localize(team.name)).join(', ') })} · ${t(
                  'assign.workload',
                  {
                    projects: engineer.projectsInFlight,
                    days: engineer.openEffortDays,
                  },
                )}`}
              />
            ))}
          </Stack>
        </Radio.Group>
      )}
      <LiveError error={assign.error} />
      {inTeam.length > 0 && (
        <Button
          onClick={submit}
          loading={assign.isPending}
          style={{ alignSelf: 'flex-start' }}
          disabled={value !== null && value === assignedId}
        >
          {t('assign.submit')}
        </Button>
      )}
      {outside.length > 0 && (
        <details>
          <summary>
            <Text span size="sm" fw={500}>
              {t('assign.outsideTitle', { count: outside.length })}
            </Text>
          </summary>
          <Stack gap="xs" mt="xs">
            <Text size="sm" c="dimmed">
              {t('assign.outsideWhy', { teams: teamNames })}
            </Text>
            <Table verticalSpacing={4} fz="sm">
              <VisuallyHidden component="caption">{t('assign.outsideCaption')}</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('assign.engineer')}</Table.Th>
                  <Table.Th scope="col">{t('assign.teamsColumn')}</Table.Th>
                  <Table.Th scope="col">{t('assign.workloadColumn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {outside.map((engineer) => (
                  <Table.Tr key={engineer.id}>
                    <Table.Td>{engineer.name}</Table.Td>
                    <Table.Td>
                      {engineer.teams.length === 0
                        ? t('assign.noTeams')
                        : engineer.teams.map((team) => localize(team.name)).join(', ')}
                    </Table.Td>
                    <Table.Td>
                      <Workload engineer={engineer} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        </details>
      )}
    </Stack>
  );
}
