import { Button, Group, Loader, Modal, NumberInput, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsFrom } from '../api/errors';
import { useDirectory } from '../api/queries';
import type { ProjectDetail } from '../api/types';
import { useCurrentUser } from '../auth/session';
import { numberSeparators, useLocalized } from '../lib/format';
import { useProjectContacts } from '../projects/EmailComposer';
import { todayIsoDate } from '../projects/projectWork';
import { LiveError } from '../ui/ErrorAlert';
import { ProblemList } from '../sessions/ProblemList';
import { logWork, useWorkLogMutation, type EffortLine, type NewWorkLogEntryBody } from './workLogApi';
import { hoursToMinutes, performerFromValue } from './workLogFormat';

const fields = ['stepKey', 'performer', 'workDate', 'durationMinutes', 'description', 'lineIndex'] as const;
type Field = (typeof fields)[number];
type FieldErrors = Partial<Record<Field, string>>;

/** The value of the "Charged to" Select that leaves the choice to the server. */
const automaticLine = 'automatic';

interface LogWorkModalProps {
  project: ProjectDetail;
  lines: readonly EffortLine[];
  opened: boolean;
  onClose: () => void;
}

/** Logs work done by hand: the step, who, when, how long, what, and the purchase order line it is charged to. */
export function LogWorkModal(props: LogWorkModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('worklog.form.title')} centered size="lg">
      {props.opened && <LogWorkForm {...props} />}
    </Modal>
  );
}

function defaultStep(project: ProjectDetail): string | null {
  const current = project.currentStep?.key;
  if (current && project.process.timeline.some((step) => step.key === current)) return current;
  return project.process.timeline[0]?.key ?? null;
}

/** The engineer of the project first, then the other staff, then the contacts of the customer and of the partner. */
function usePerformerOptions(project: ProjectDetail) {
  const { t } = useTranslation();
  const directory = useDirectory();
  // Work done by a contact who has since left is still theirs.
  const contacts = useProjectContacts(project, { includeDisabled: true });
  const engineer = project.engineer;
  const staff = [
    ...(engineer
      ? [{ value: `staff:${engineer.id}`, label: t('worklog.form.projectEngineer', { name: engineer.name }) }]
      : []),
    ...(directory.data ?? [])
      .filter((entry) => entry.id !== engineer?.id)
      .map((entry) => ({ value: `staff:${entry.id}`, label: entry.name })),
  ];
  const sides = ['customer', 'partner'] as const;
  const contactGroups = sides
    .map((side) => ({
      group: contacts.contacts.find((contact) => contact.side === side)?.organisationName ?? t(`party.${side}`),
      items: contacts.contacts
        .filter((contact) => contact.side === side)
        .map((contact) => ({ value: `contact:${contact.id}`, label: contact.name })),
    }))
    .filter((group) => group.items.length > 0);
  return {
    data: [{ group: t('worklog.form.staff'), items: staff }, ...contactGroups],
    isPending: directory.isPending || contacts.isPending,
    hasFailed: directory.isError || contacts.error !== null,
  };
}

function LogWorkForm({ project, lines, onClose }: LogWorkModalProps) {
  const { t, i18n } = useTranslation();
  const localize = useLocalized();
  const user = useCurrentUser();
  const performers = usePerformerOptions(project);
  const separators = numberSeparators(i18n.language);

  const [stepKey, setStepKey] = useState<string | null>(() => defaultStep(project));
  const [performer, setPerformer] = useState<string | null>(`staff:${user.id}`);
  const [workDate, setWorkDate] = useState(() => todayIsoDate());
  const [hours, setHours] = useState<number | string>(1);
  const [description, setDescription] = useState('');
  const [line, setLine] = useState<string>(automaticLine);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [otherProblems, setOtherProblems] = useState<string[]>([]);
  const log = useWorkLogMutation(
    project.id,
    (body: NewWorkLogEntryBody) => logWork(project.id, body),
    t('worklog.form.done'),
  );

  function clearError(field: Field) {
    setErrors((current) => {
      const next = { ...current };
      delete next[field];
      return next;
    });
  }

  function check(): FieldErrors {
    const found: FieldErrors = {};
    if (!stepKey) found.stepKey = t('worklog.form.stepRequired');
    if (!performerFromValue(performer)) found.performer = t('worklog.form.whoRequired');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(workDate)) found.workDate = t('worklog.form.dateRequired');
    const minutes = typeof hours === 'number' ? hoursToMinutes(hours) : Number.NaN;
    if (!Number.isFinite(minutes) || minutes < 5) found.durationMinutes = t('worklog.form.durationTooShort');
    else if (minutes > 24 * 60) found.durationMinutes = t('worklog.form.durationTooLong');
    if (description.trim() === '') found.description = t('worklog.form.descriptionRequired');
    return found;
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = check();
    setErrors(found);
    setOtherProblems([]);
    const chosenPerformer = performerFromValue(performer);
    if (Object.keys(found).length > 0 || !stepKey || !chosenPerformer || typeof hours !== 'number') return;
    const body: NewWorkLogEntryBody = {
      stepKey,
      performer: chosenPerformer,
      workDate,
      durationMinutes: hoursToMinutes(hours),
      description: description.trim(),
      ...(line === automaticLine ? {} : { lineIndex: Number(line) }),
    };
    log.mutate(body, {
      onSuccess: onClose,
      onError: (error) => {
        const { fieldErrors, otherProblems: rest } = fieldErrorsFrom(error, fields);
        setErrors(fieldErrors);
        setOtherProblems(rest);
      },
    });
  }

  const stepData = project.process.timeline.map((step) => ({
    value: step.key,
    label: `${step.code} · ${localize(step.title)}`,
  }));
  const lineData = [
    { value: automaticLine, label: t('worklog.form.lineAutomatic') },
    ...lines.map((effortLine) => ({ value: String(effortLine.index), label: localize(effortLine.name) })),
  ];

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Select
          label={t('worklog.form.step')}
          data={stepData}
          value={stepKey}
          onChange={(value) => {
            setStepKey(value);
            clearError('stepKey');
          }}
          allowDeselect={false}
          searchable
          nothingFoundMessage={t('common.nothingFound')}
          error={errors.stepKey}
          required
        />
        <Select
          label={t('worklog.form.who')}
          data={performers.data}
          value={performer}
          onChange={(value) => {
            setPerformer(value);
            clearError('performer');
          }}
          allowDeselect={false}
          searchable
          nothingFoundMessage={t('common.nothingFound')}
          description={performers.hasFailed ? t('worklog.form.whoPartial') : undefined}
          rightSection={performers.isPending ? <Loader size="xs" aria-label={t('common.loading')} /> : undefined}
          error={errors.performer}
          required
        />
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label={t('worklog.form.date')}
            value={workDate}
            onChange={(event) => {
              setWorkDate(event.currentTarget.value);
              clearError('workDate');
            }}
            error={errors.workDate}
            required
          />
          <NumberInput
            label={t('worklog.form.duration')}
            value={hours}
            onChange={(value) => {
              setHours(value);
              clearError('durationMinutes');
            }}
            min={0.25}
            max={24}
            step={0.25}
            decimalScale={2}
            decimalSeparator={separators.decimal}
            error={errors.durationMinutes}
            required
          />
        </Group>
        <Textarea
          label={t('worklog.form.description')}
          autosize
          minRows={2}
          maxLength={4000}
          value={description}
          onChange={(event) => {
            setDescription(event.currentTarget.value);
            clearError('description');
          }}
          error={errors.description}
          required
        />
        <Select
          label={t('worklog.form.line')}
          data={lineData}
          value={line}
          onChange={(value) => {
            setLine(value ?? automaticLine);
            clearError('lineIndex');
          }}
          allowDeselect={false}
          error={errors.lineIndex}
        />
        <LiveError preferServerReason error={log.error} />
        <ProblemList problems={otherProblems} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={log.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={log.isPending}>
            {t('worklog.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
