import { Button, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { pick } from './questionnaireLogic';
import type { ContentLanguage, TableColumn, TableField } from './types';

type Row = Record<string, unknown>;

function CellInput({
  column,
  value,
  label,
  id,
  language,
  onChange,
}: {
  column: TableColumn;
  value: unknown;
  label: string;
  id: string;
  language: ContentLanguage;
  onChange: (value: unknown) => void;
}) {
  const { t } = useTranslation();
  switch (column.type) {
    case 'number':
      return (
        <NumberInput
          id={id}
          label={label}
          withAsterisk={column.required}
          hideControls
          value={typeof value === 'number' ? value : ''}
          onChange={(next) => {
            if (next === '') onChange(null);
            else if (typeof next === 'number') onChange(next);
          }}
        />
      );
    case 'yes-no':
      return (
        <NativeSelect
          id={id}
          label={label}
          withAsterisk={column.required}
          value={value === true ? 'yes' : value === false ? 'no' : ''}
          data={[
            { value: '', label: t('portal.questionnaire.chooseOne') },
            { value: 'yes', label: t('portal.questionnaire.yes') },
            { value: 'no', label: t('portal.questionnaire.no') },
          ]}
          onChange={(event) => onChange(event.currentTarget.value === '' ? null : event.currentTarget.value === 'yes')}
        />
      );
    case 'choice':
      return (
        <NativeSelect
          id={id}
          label={label}
          withAsterisk={column.required}
          value={typeof value === 'string' ? value : ''}
          data={[
            { value: '', label: t('portal.questionnaire.chooseOne') },
            ...column.options.map((option) => ({ value: option.value, label: pick(option.label, language) })),
          ]}
          onChange={(event) => onChange(event.currentTarget.value === '' ? null : event.currentTarget.value)}
        />
      );
    default:
      return (
        <TextInput
          id={id}
          label={label}
          withAsterisk={column.required}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      );
  }
}

/**
 * A table answer edited as one card per row, which reads well on a phone and gives every cell a visible label.
 * Every change sends the whole table: it is one answer.
 */
export function TableInput({
  field,
  rows,
  inputId,
  language,
  onChange,
}: {
  field: TableField;
  rows: readonly Row[];
  inputId: string;
  language: ContentLanguage;
  onChange: (rows: Row[]) => void;
}) {
  const { t } = useTranslation();
  const label = pick(field.label, language);
  const setCell = (index: number, key: string, value: unknown) =>
    onChange(rows.map((row, rowIndex) => (rowIndex === index ? { ...row, [key]: value } : row)));
  return (
    <Stack gap="sm">
      {rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {field.minRows
            ? t('portal.questionnaire.noRowsMin', { count: field.minRows })
            : t('portal.questionnaire.noRows')}
        </Text>
      )}
      {rows.map((row, index) => (
        <Paper key={index} withBorder p="sm" component="fieldset" style={{ margin: 0 }}>
          <Text component="legend" size="sm" fw={600} px={4}>
            {t('portal.questionnaire.row', { label, number: index + 1 })}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: Math.min(field.columns.length, 3) }} spacing="sm">
            {field.columns.map((column, columnIndex) => (
              <CellInput
                key={column.key}
                column={column}
                id={index === 0 && columnIndex === 0 ? inputId : `${inputId}-${index}-${column.key}`}
                label={pick(column.label, language)}
                value={row[column.key]}
                language={language}
                onChange={(value) => setCell(index, column.key, value)}
              />
            ))}
          </SimpleGrid>
          <Group justify="flex-end" mt="xs">
            <Button
              variant="subtle"
              color="red"
              size="compact-sm"
              onClick={() => onChange(rows.filter((_row, rowIndex) => rowIndex !== index))}
            >
              {t('portal.questionnaire.removeRow', { number: index + 1 })}
            </Button>
          </Group>
        </Paper>
      ))}
      <Group>
        <Button
          id={rows.length === 0 ? inputId : undefined}
          variant="light"
          size="sm"
          onClick={() => onChange([...rows, {}])}
        >
          {t('portal.questionnaire.addRow')}
        </Button>
      </Group>
    </Stack>
  );
}
