import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isAnswered } from '../../domain/content/questionnaire-answers';
import { formatCalendarDate } from '../lib/format';
import { pick } from './questionnaireLogic';
import type { ContentLanguage, QuestionnaireField, TableColumn } from './types';

function cellText(column: TableColumn, value: unknown, language: ContentLanguage, yes: string, no: string): string {
  if (value === null || value === undefined || value === '') return '';
  if (column.type === 'yes-no') return value === true ? yes : value === false ? no : '';
  if (column.type === 'choice')
    return (
      pick(column.options.find((option) => option.value === value)?.label, language) ||
      (typeof value === 'string' ? value : '')
    );
  return typeof value === 'number' || typeof value === 'string' ? String(value) : '';
}

/** An answer written out for reading (a submitted form, or someone without the right to change it). */
export function AnswerValue({
  field,
  value,
  language,
}: {
  field: QuestionnaireField;
  value: unknown;
  language: ContentLanguage;
}) {
  const { t, i18n } = useTranslation();
  const yes = t('portal.questionnaire.yes');
  const no = t('portal.questionnaire.no');
  if (!isAnswered(value)) {
    return (
      <Text c="dimmed" fs="italic">
        {t('portal.questionnaire.notAnswered')}
      </Text>
    );
  }
  switch (field.type) {
    case 'yes-no':
      return <Text>{value === true ? yes : no}</Text>;
    case 'choice':
      return (
        <Text>
          {pick(field.options.find((option) => option.value === value)?.label, language) ||
            (typeof value === 'string' ? value : '')}
        </Text>
      );
    case 'multi-choice': {
      const chosen = Array.isArray(value) ? (value as unknown[]) : [];
      return (
        <Text>
          {field.options
            .filter((option) => chosen.includes(option.value))
            .map((option) => pick(option.label, language))
            .join(', ')}
        </Text>
      );
    }
    case 'date':
      return <Text>{typeof value === 'string' ? formatCalendarDate(value, i18n.language) : ''}</Text>;
    case 'number':
      return (
        <Text>
          {typeof value === 'number' ? value.toLocaleString(i18n.language) : ''} {pick(field.unit, language)}
        </Text>
      );
    case 'table': {
      const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
      return (
        <Table.ScrollContainer minWidth={360}>
          <Table withTableBorder withColumnBorders>
            <Table.Thead>
              <Table.Tr>
                {field.columns.map((column) => (
                  <Table.Th key={column.key}>{pick(column.label, language)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, index) => (
                <Table.Tr key={index}>
                  {field.columns.map((column) => (
                    <Table.Td key={column.key}>{cellText(column, row[column.key], language, yes, no)}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      );
    }
    default:
      return <Text style={{ whiteSpace: 'pre-wrap' }}>{typeof value === 'string' ? value : ''}</Text>;
  }
}
