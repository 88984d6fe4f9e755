import {
  Checkbox,
  Group,
  Input,
  NativeSelect,
  NumberInput,
  Radio,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TableInput } from './TableInput';
import { fieldInputId, pick } from './questionnaireLogic';
import type { ContentLanguage, QuestionnaireField } from './types';

/** At most this many options show as radio buttons; more become a drop-down list. */
const maxRadioOptions = 6;

interface QuestionInputProps {
  field: QuestionnaireField;
  value: unknown;
  language: ContentLanguage;
  error: string | undefined;
  onChange: (value: unknown) => void;
  /** A value that cannot be saved as it is (a number out of range), with the reason. */
  onInvalid: (value: unknown, message: string) => void;
}

/** The input for one question, labelled with the question so that it is its accessible name. */
export function QuestionInput({ field, value, language, error, onChange, onInvalid }: QuestionInputProps) {
  const { t } = useTranslation();
  const id = fieldInputId(field.key);
  const label = pick(field.label, language);
  const description = field.help ? pick(field.help, language) : undefined;
  const common = {
    label,
    description,
    withAsterisk: field.required,
    error,
    'aria-required': field.required || undefined,
  };

  switch (field.type) {
    case 'text':
      return (
        <TextInput
          id={id}
          {...common}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      );
    case 'long-text':
      return (
        <Textarea
          id={id}
          {...common}
          autosize
          minRows={3}
          maxRows={14}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      );
    case 'date':
      return (
        <TextInput
          id={id}
          {...common}
          type="date"
          style={{ maxWidth: 240 }}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.currentTarget.value === '' ? null : event.currentTarget.value)}
        />
      );
    case 'number': {
      const unit = pick(field.unit, language);
      return (
        <NumberInput
          id={id}
          {...common}
          hideControls
          styles={{ wrapper: { maxWidth: 280 } }}
          min={field.min}
          max={field.max}
          clampBehavior="none"
          rightSection={
            unit ? (
              <Text size="sm" c="dimmed">
                {unit}
              </Text>
            ) : undefined
          }
          rightSectionWidth={unit ? Math.max(40, unit.length * 9 + 16) : undefined}
          rightSectionPointerEvents="none"
          value={typeof value === 'number' ? value : typeof value === 'string' ? value : ''}
          onChange={(next) => {
            if (next === '') return onChange(null);
            if (typeof next !== 'number') return;
            if (field.min !== undefined && next < field.min)
              return onInvalid(next, t('portal.questionnaire.atLeast', { min: field.min }));
            if (field.max !== undefined && next > field.max)
              return onInvalid(next, t('portal.questionnaire.atMost', { max: field.max }));
            onChange(next);
          }}
        />
      );
    }
    case 'yes-no':
      return (
        <Radio.Group
          {...common}
          value={value === true ? 'yes' : value === false ? 'no' : ''}
          onChange={(next) => onChange(next === 'yes')}
        >
          <Group mt={6} gap="lg">
            <Radio id={id} value="yes" label={t('portal.questionnaire.yes')} />
            <Radio value="no" label={t('portal.questionnaire.no')} />
          </Group>
        </Radio.Group>
      );
    case 'choice':
      if (field.options.length > maxRadioOptions) {
        return (
          <NativeSelect
            id={id}
            {...common}
            style={{ maxWidth: 480 }}
            value={typeof value === 'string' ? value : ''}
            data={[
              { value: '', label: t('portal.questionnaire.chooseOne') },
              ...field.options.map((option) => ({ value: option.value, label: pick(option.label, language) })),
            ]}
            onChange={(event) => onChange(event.currentTarget.value === '' ? null : event.currentTarget.value)}
          />
        );
      }
      return (
        <Radio.Group {...common} value={typeof value === 'string' ? value : ''} onChange={onChange}>
          <Stack mt={6} gap={8}>
            {field.options.map((option, index) => (
              <Radio
                key={option.value}
                id={index === 0 ? id : undefined}
                value={option.value}
                label={pick(option.label, language)}
              />
            ))}
          </Stack>
        </Radio.Group>
      );
    case 'multi-choice':
      return (
        <Checkbox.Group
          {...common}
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={(next) => onChange(next.length === 0 ? null : next)}
        >
          <Stack mt={6} gap={8}>
            {field.options.map((option, index) => (
              <Checkbox
                key={option.value}
                id={index === 0 ? id : undefined}
                value={option.value}
                label={pick(option.label, language)}
              />
            ))}
          </Stack>
        </Checkbox.Group>
      );
    case 'table': {
      const labelId = `${id}-label`;
      return (
        <div role="group" aria-labelledby={labelId}>
          <Input.Label id={labelId} required={field.required}>
            {label}
          </Input.Label>
          {description && <Input.Description mb="xs">{description}</Input.Description>}
          <TableInput
            field={field}
            rows={Array.isArray(value) ? (value as Record<string, unknown>[]) : []}
            inputId={id}
            language={language}
            onChange={(rows) => onChange(rows.length === 0 ? null : rows)}
          />
          {error && <Input.Error mt={4}>{error}</Input.Error>}
        </div>
      );
    }
  }
}
