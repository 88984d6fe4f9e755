import { Checkbox, NumberInput, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { numberSeparators, useLocalized } from '../lib/format';
import type { DraftValue } from './configurationValues';
import type { ConfigurationField } from './deliveryApi';

interface ConfigurationFieldInputProps {
  field: ConfigurationField;
  value: DraftValue;
  error: string | undefined;
  disabled: boolean;
  onChange: (value: DraftValue) => void;
}

/** One field of a configuration record, with the input its type calls for, labelled with the field's label. */
export function ConfigurationFieldInput({ field, value, error, disabled, onChange }: ConfigurationFieldInputProps) {
  const { t, i18n } = useTranslation();
  const localize = useLocalized();
  const label = localize(field.label);
  switch (field.type) {
    case 'yes-no':
      return (
        <Checkbox
          label={label}
          checked={value === true}
          onChange={(event) => onChange(event.currentTarget.checked)}
          error={error}
          disabled={disabled}
        />
      );
    case 'number': {
      const separators = numberSeparators(i18n.language);
      return (
        <NumberInput
          label={label}
          value={typeof value === 'number' ? value : ''}
          onChange={(next) => onChange(typeof next === 'number' ? next : '')}
          decimalSeparator={separators.decimal}
          error={error}
          disabled={disabled}
        />
      );
    }
    case 'date':
      return (
        <TextInput
          type="date"
          label={label}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.currentTarget.value)}
          error={error}
          disabled={disabled}
        />
      );
    case 'choice':
      return (
        <Select
          label={label}
          data={(field.options ?? []).map((option) => ({ value: option.value, label: localize(option.label) }))}
          value={typeof value === 'string' && value !== '' ? value : null}
          onChange={(next) => onChange(next ?? '')}
          placeholder={t('delivery.configuration.choose')}
          clearable
          error={error}
          disabled={disabled}
        />
      );
    case 'text':
      return (
        <TextInput
          label={label}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.currentTarget.value)}
          maxLength={2000}
          error={error}
          disabled={disabled}
        />
      );
  }
}
