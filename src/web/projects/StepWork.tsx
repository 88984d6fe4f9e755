import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { queryKeys, useProjectMail } from '../api/queries';
import type { ProjectDetail } from '../api/types';
import { can, useCurrentUser } from '../auth/session';
import { EmailComposer, type EmailKind, type ProjectContact } from './EmailComposer';
import { EngineerAssignment } from './EngineerAssignment';
import { canReadMail } from './projectWork';

const mailKindOf: Record<EmailKind, string> = { presentation: 'service-presentation', contact: 'engineer-contact' };

/**
 * How the step's email went out: said plainly when no SMTP server is configured (the step cannot complete by itself)
 * or when the server refused it. While a message is on its way, the project is fetched again once it is sent.
 */
function MailProgress({ project, kind }: { project: ProjectDetail; kind: EmailKind }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const user = useCurrentUser();
  const mail = useProjectMail(project.id, canReadMail(user, project));
  const messages = (mail.data ?? []).filter((message) => message.kind === mailKindOf[kind]);
  // A message in the trial mailbox counts as sent: the step completes by itself the same way.
  const sentCount = messages.filter((message) => message.status === 'sent' || message.status === 'trial').length;
  const notConfigured = messages.filter((message) => message.status === 'not-configured').length;
  const failed = messages.filter((message) => message.status === 'failed').length;
  const onTheWay = messages.filter((message) => ['queued', 'sending', 'retrying'].includes(message.status)).length;

  // The step completes on the server when the SMTP server accepts a message: show it without a reload.
  useEffect(() => {
    if (sentCount > 0) {
      void queryClient.invalidateQueries({ queryKey: queryKeys.project(project.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit(project.id) });
    }
  }, [sentCount, project.id, queryClient]);

  const mailLink = (
    <Anchor component={Link} to="?tab=mail" size="sm">
      {t('stepMail.openMail')}
    </Anchor>
  );
  return (
    <>
      {notConfigured > 0 && (
        <Alert color="yellow" title={t('stepMail.notConfiguredTitle')} role="status">
          <Stack gap={4}>
            <Text size="sm">{t('stepMail.notConfiguredBody', { count: notConfigured })}</Text>
            <Text size="sm">
              {can(user, 'sendPresentation')
                ? t('stepMail.notConfiguredWhatManager')
                : t('stepMail.notConfiguredWhatOther')}
            </Text>
            {mailLink}
          </Stack>
        </Alert>
      )}
      {failed > 0 && (
        <Alert color="red" title={t('stepMail.failedTitle')} role="status">
          <Stack gap={4}>
            <Text size="sm">{t('stepMail.failedBody', { count: failed })}</Text>
            {mailLink}
          </Stack>
        </Alert>
      )}
      {onTheWay > 0 && (
        <Text size="sm" role="status">
          {t('stepMail.onTheWay', { count: onTheWay })} {mailLink}
        </Text>
      )}
    </>
  );
}

function ComposeButton({
  project,
  kind,
  preselect,
}: {
  project: ProjectDetail;
  kind: EmailKind;
  preselect: (contact: ProjectContact) => boolean;
}) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)} aria-haspopup="dialog" style={{ alignSelf: 'flex-start' }}>
        {t(`compose.${kind}.open`)}
      </Button>
      <EmailComposer
        project={project}
        kind={kind}
        opened={isOpen}
        onClose={() => setOpen(false)}
        preselect={preselect}
      />
    </>
  );
}

/** Where the work of E4–E6 happens: a tab of the project page. */
const workTabOf = {
  'design-questionnaire': 'questionnaires',
  'requirements-refining': 'requirements',
  'requirements-fulfilment': 'requirements',
} as const;

function isWorkTabStep(key: string | undefined): key is keyof typeof workTabOf {
  return key !== undefined && key in workTabOf;
}

/** E7 and E8 happen on the Sessions tab; their texts live with the sessions' (`sessions.stepWork`). */
const sessionSteps = ['activity-schedule', 'activity-start'] as const;

function isSessionStep(key: string | undefined): key is (typeof sessionSteps)[number] {
  return (sessionSteps as readonly (string | undefined)[]).includes(key);
}

const everyone = () => true;
const technicalReferences = (contact: ProjectContact) => contact.role === 'technical-reference';

/** The work of the current step that Engage does on the page itself: E2's presentation email, E3's engineer and contact email. */
export function StepWork({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const isManager = can(user, 'sendPresentation');
  const canAssign = can(user, 'assignEngineer');
  const stepKey = project.currentStep?.key;

  if (
    stepKey === 'po-confirmation' &&
    project.state === 'blocked' &&
    project.payment.isRequired &&
    !project.payment.receivedAt
  ) {
    return (
      <Text size="sm" c="orange.9" fw={600}>
        {t('stepWork.waitingOnPartner', { partner: project.partner?.name ?? t('party.partner') })}
      </Text>
    );
  }
  if (isWorkTabStep(stepKey)) {
    const tab = workTabOf[stepKey];
    return (
      <Stack gap={4}>
        <Text size="sm">{t(`stepWork.hint.${stepKey}`)}</Text>
        <Anchor component={Link} to={`?tab=${tab}`} size="sm" style={{ alignSelf: 'flex-start' }}>
          {t(`stepWork.open.${tab}`)}
        </Anchor>
      </Stack>
    );
  }
  if (isSessionStep(stepKey)) {
    return (
      <Stack gap={4}>
        <Text size="sm">{t(`sessions.stepWork.hint.${stepKey}`)}</Text>
        <Anchor component={Link} to="?tab=sessions" size="sm" style={{ alignSelf: 'flex-start' }}>
          {t('sessions.stepWork.open')}
        </Anchor>
      </Stack>
    );
  }
  if (stepKey === 'service-presentation') {
    return (
      <Stack gap="sm">
        <MailProgress project={project} kind="presentation" />
        {isManager ? (
          <>
            <Text size="sm">{t('stepWork.presentationHint')}</Text>
            <ComposeButton project={project} kind="presentation" preselect={everyone} />
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t('stepWork.presentationByManager')}
          </Text>
        )}
      </Stack>
    );
  }
  if (stepKey === 'engineer-contact') {
    const isAssignedEngineer = project.engineer !== null && project.engineer.id === user.id;
    return (
      <Stack gap="md">
        {canAssign && <EngineerAssignment project={project} />}
        <MailProgress project={project} kind="contact" />
        {project.engineer === null ? (
          !isManager && (
            <Text size="sm" c="dimmed">
              {t('stepWork.engineerByManager')}
            </Text>
          )
        ) : isManager || isAssignedEngineer ? (
          <Stack gap="xs">
            <Text size="sm">{t('stepWork.contactHint', { engineer: project.engineer.name })}</Text>
            <ComposeButton project={project} kind="contact" preselect={technicalReferences} />
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t('stepWork.contactByEngineer', { engineer: project.engineer.name })}
          </Text>
        )}
      </Stack>
    );
  }
  return null;
}
